import {
  agreementStatus,
  allowedShareOf,
  availabilityErrorBudget,
  budgetStatus,
  eventErrorBudget,
  objectiveErrorBudget,
  sliTotals,
} from './errorBudget';
import { SliBucketInput } from './types';

const HOUR = 3600;
const DAY = 24 * HOUR;
// April 2026, around the clock: 30 × 86 400 = 2 592 000 s; at 99.9 % the budget is 0.1 % = 2 592 s
const APRIL = 30 * DAY;

describe('availabilityErrorBudget', () => {
  it('spends half the budget in a finished period: met', () => {
    const budget = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: APRIL,
      downtime: 1296,
    });
    expect(budget).toEqual({
      unit: 'seconds',
      allowed: 2592,
      consumed: 1296,
      remaining: 1296,
      consumedShare: 0.5,
      remainingShare: 0.5,
      elapsedShare: 1,
      burnRate: 0.5,
      // (2 592 000 − 1 296) / 2 592 000 = 99.95 %
      actual: expect.closeTo(99.95, 10),
      status: 'met',
    });
  });

  it('is breached when the budget is exactly spent', () => {
    const budget = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: APRIL,
      downtime: 2592,
    });
    // 2 592 of 2 592 s: nothing remains; the achieved figure equals the target
    expect(budget.remaining).toBe(0);
    expect(budget.consumedShare).toBe(1);
    expect(budget.actual).toBeCloseTo(99.9, 10);
    expect(budget.status).toBe('breached');
  });

  it('is breached and negative when overspent', () => {
    const budget = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: APRIL,
      downtime: 3000,
    });
    // 2 592 − 3 000 = −408
    expect(budget.remaining).toBe(-408);
    expect(budget.status).toBe('breached');
  });

  it('is met with exactly 25 % left and at risk just below, while the period runs', () => {
    // with the last second of April still to run; 2 592 − 1 944 = 648 = 25 % of 2 592
    const quarterLeft = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: APRIL,
      elapsedAgreedServiceTime: APRIL - 1,
      downtime: 1944,
    });
    expect(quarterLeft.remaining).toBe(648);
    expect(quarterLeft.status).toBe('met');
    // one more second: 647 s left < 648 s
    const below = {
      target: 99.9,
      agreedServiceTime: APRIL,
      elapsedAgreedServiceTime: APRIL - 1,
      downtime: 1945,
    };
    expect(availabilityErrorBudget(below).status).toBe('at-risk');
    // once April is over, what is left is enough: met
    expect(
      availabilityErrorBudget({ ...below, elapsedAgreedServiceTime: APRIL })
        .status,
    ).toBe('met');
  });

  it('measures burn against the elapsed share of agreed time', () => {
    // half of April's agreed time gone, half the budget spent: burn rate exactly 1, on track
    const onTrack = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: APRIL,
      elapsedAgreedServiceTime: APRIL / 2,
      downtime: 1296,
    });
    expect(onTrack.elapsedShare).toBe(0.5);
    expect(onTrack.burnRate).toBe(1);
    expect(onTrack.status).toBe('met');
    // the achieved figure is over the elapsed time: (1 296 000 − 1 296) / 1 296 000 = 99.9 %
    expect(onTrack.actual).toBeCloseTo(99.9, 10);

    // 1 400 s: (1 400 / 2 592) / 0.5 = 1.0802 > 1 → projected to miss, although 46 % is left
    const fast = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: APRIL,
      elapsedAgreedServiceTime: APRIL / 2,
      downtime: 1400,
    });
    expect(fast.burnRate).toBeCloseTo(1400 / 1296, 12);
    expect(fast.remaining / fast.allowed).toBeGreaterThan(0.25);
    expect(fast.status).toBe('at-risk');
  });

  it('uses agreed time, not calendar time, as the elapsed share of business hours', () => {
    // London March 2026 business hours: 220 h in the month, 74 h by Wednesday 11th 12:00 (see
    // availability.test.ts). Target 98 %: allowed 2 % × 792 000 s = 15 840 s. 2 h down = 7 200 s.
    const budget = availabilityErrorBudget({
      target: 98,
      agreedServiceTime: 220 * HOUR,
      elapsedAgreedServiceTime: 74 * HOUR,
      downtime: 2 * HOUR,
    });
    expect(budget.allowed).toBe(15_840);
    // consumed share 7 200 / 15 840 = 0.4545; elapsed share 74 / 220 = 0.3364; burn = 1.3514
    expect(budget.consumedShare).toBeCloseTo(7200 / 15840, 12);
    expect(budget.elapsedShare).toBeCloseTo(74 / 220, 12);
    expect(budget.burnRate).toBeCloseTo(7200 / 15840 / (74 / 220), 12);
    // 54.5 % left, but burning at 1.35 with most of the month to go
    expect(budget.status).toBe('at-risk');
  });

  it('does not call a finished period at risk for its past burn alone', () => {
    // 75 % spent over the whole period: burn 0.75, 25 % left → met
    expect(
      availabilityErrorBudget({
        target: 99.9,
        agreedServiceTime: APRIL,
        elapsedAgreedServiceTime: APRIL,
        downtime: 1944,
      }).status,
    ).toBe('met');
  });

  it('has no data before any agreed time has elapsed', () => {
    const budget = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: APRIL,
      elapsedAgreedServiceTime: 0,
      downtime: 0,
    });
    expect(budget.status).toBe('no-data');
    expect(budget.actual).toBeNull();
    expect(budget.burnRate).toBeNull();
    expect(budget.allowed).toBe(2592);
  });

  it('has no data for a service without agreed time', () => {
    const budget = availabilityErrorBudget({
      target: 99.9,
      agreedServiceTime: 0,
      downtime: 0,
    });
    expect(budget).toMatchObject({
      allowed: 0,
      consumedShare: null,
      burnRate: null,
      actual: null,
      status: 'no-data',
    });
  });

  it('allows nothing at a 100 % target: met until the first second down', () => {
    const perfect = availabilityErrorBudget({
      target: 100,
      agreedServiceTime: APRIL,
      downtime: 0,
    });
    expect(perfect).toMatchObject({
      allowed: 0,
      remaining: 0,
      consumedShare: null,
      burnRate: null,
      actual: 100,
      status: 'met',
    });
    expect(
      availabilityErrorBudget({
        target: 100,
        agreedServiceTime: APRIL,
        downtime: 1,
      }).status,
    ).toBe('breached');
  });
});

describe('eventErrorBudget', () => {
  it('allows (1 − target) of the events counted; burn = error ratio / (1 − target)', () => {
    // 99.9 % of 1 000 000 events: 1 000 may fail; 500 did
    const budget = eventErrorBudget({
      target: 99.9,
      good: 999_500,
      total: 1_000_000,
    });
    expect(budget).toEqual({
      unit: 'events',
      allowed: 1000,
      consumed: 500,
      remaining: 500,
      consumedShare: 0.5,
      remainingShare: 0.5,
      elapsedShare: 1,
      // error ratio 0.0005 / 0.001 = 0.5
      burnRate: 0.5,
      actual: 99.95,
      status: 'met',
    });
  });

  it('has the same status boundaries as availability', () => {
    const status = (good: number) =>
      eventErrorBudget({ target: 99.9, good, total: 1_000_000 }).status;
    // 750 bad: 250 = 25 % left → met
    expect(status(999_250)).toBe('met');
    // 751 bad: 249 left → at risk
    expect(status(999_249)).toBe('at-risk');
    // 1 000 bad: exactly spent → breached
    expect(status(999_000)).toBe('breached');
    expect(status(990_000)).toBe('breached');
  });

  it('handles budgets that are not whole events', () => {
    // 0.1 % of 12 345 events = 12.345 allowed; 3 bad → 9.345 left
    const budget = eventErrorBudget({
      target: 99.9,
      good: 12_342,
      total: 12_345,
    });
    expect(budget.allowed).toBeCloseTo(12.345, 12);
    expect(budget.remaining).toBeCloseTo(9.345, 12);
    expect(budget.status).toBe('met');
  });

  it('has no data without events', () => {
    expect(eventErrorBudget({ target: 99, good: 0, total: 0 })).toMatchObject({
      actual: null,
      status: 'no-data',
    });
  });
});

describe('sliTotals and objectiveErrorBudget', () => {
  const start = Date.parse('2026-04-01T00:00:00Z');
  const end = Date.parse('2026-05-01T00:00:00Z');
  const buckets: SliBucketInput[] = [
    // before the period
    {
      objective: 'success-rate',
      bucketStart: '2026-03-31T23:00:00Z',
      bucketSeconds: 3600,
      good: 0,
      total: 1000,
    },
    {
      objective: 'success-rate',
      bucketStart: '2026-04-01T00:00:00Z',
      bucketSeconds: 3600,
      good: 9990,
      total: 10000,
    },
    {
      objective: 'success-rate',
      bucketStart: '2026-04-30T23:00:00Z',
      bucketSeconds: 3600,
      good: 9995,
      total: 10000,
    },
    // after the period (starts at its end)
    {
      objective: 'success-rate',
      bucketStart: '2026-05-01T00:00:00Z',
      bucketSeconds: 3600,
      good: 0,
      total: 1000,
    },
    {
      objective: 'checkout-latency',
      bucketStart: '2026-04-02T00:00:00Z',
      bucketSeconds: 3600,
      good: 900,
      total: 1000,
    },
  ];

  it('sums the buckets of one objective that start in the period', () => {
    // 9 990 + 9 995 good of 20 000
    expect(sliTotals(buckets, 'success-rate', start, end)).toEqual({
      good: 19_985,
      total: 20_000,
    });
  });

  it('dispatches on the objective kind', () => {
    const ratio = objectiveErrorBudget({
      objective: { name: 'success-rate', kind: 'ratio', target: 99.9 },
      period: { start, end },
      buckets,
    });
    // 0.1 % of 20 000 = 20 allowed, 15 bad → 5 left (25 % exactly) → met
    expect(ratio).toMatchObject({
      allowed: 20,
      consumed: 15,
      remaining: 5,
      status: 'met',
    });

    const latency = objectiveErrorBudget({
      objective: { name: 'checkout-latency', kind: 'latency', target: 99 },
      period: { start, end },
      buckets,
    });
    // 1 % of 1 000 = 10 allowed, 100 slow → breached; 90 % achieved
    expect(latency).toMatchObject({
      allowed: 10,
      consumed: 100,
      actual: 90,
      status: 'breached',
    });

    const availability = objectiveErrorBudget({
      objective: { name: 'availability', kind: 'availability', target: 99.9 },
      period: { start, end },
      availability: {
        agreedServiceTime: APRIL,
        elapsedAgreedServiceTime: APRIL,
        downtime: 1296,
      },
    });
    expect(availability).toMatchObject({ allowed: 2592, status: 'met' });

    // nothing measured at all
    expect(
      objectiveErrorBudget({
        objective: { name: 'availability', kind: 'availability', target: 99.9 },
        period: { start, end },
      }).status,
    ).toBe('no-data');
    expect(
      objectiveErrorBudget({
        objective: { name: 'unknown-sli', kind: 'ratio', target: 99 },
        period: { start, end },
        buckets,
      }).status,
    ).toBe('no-data');
  });
});

describe('allowedShareOf', () => {
  it('is free of floating-point noise for common targets', () => {
    // 0.1 % of 3 600 000 s is exactly 3 600 s (naively 3 599.9999999996)
    expect(allowedShareOf(99.9, 3_600_000)).toBe(3600);
    // 0.05 % of 31 days = 0.0005 × 2 678 400 = 1 339.2 s
    expect(allowedShareOf(99.95, 31 * DAY)).toBe(1339.2);
    expect(allowedShareOf(99.99, 1_000_000)).toBe(100);
  });

  it.each([0, -1, 100.5, NaN])('rejects target %p', target => {
    expect(() => allowedShareOf(target, 1)).toThrow(
      /target must be a percentage/,
    );
  });
});

describe('budgetStatus and agreementStatus', () => {
  it('ranks breached over at risk over met over no data', () => {
    expect(agreementStatus(['met', 'at-risk'])).toBe('at-risk');
    expect(agreementStatus(['met', 'breached', 'at-risk'])).toBe('breached');
    // an objective without data does not hide the others
    expect(agreementStatus(['no-data', 'met'])).toBe('met');
    expect(agreementStatus(['no-data', 'at-risk', 'no-data'])).toBe('at-risk');
    expect(agreementStatus(['no-data', 'no-data'])).toBe('no-data');
    expect(agreementStatus([])).toBe('no-data');
  });

  it('treats a burn rate of exactly 1 as on track', () => {
    const base = {
      noData: false,
      allowed: 100,
      consumed: 50,
      periodOver: false,
    };
    expect(budgetStatus({ ...base, burnRate: 1 })).toBe('met');
    expect(budgetStatus({ ...base, burnRate: 1.01 })).toBe('at-risk');
    // a finished period is judged by what is left, not by how fast it went
    expect(budgetStatus({ ...base, burnRate: 1.01, periodOver: true })).toBe(
      'met',
    );
  });

  it('calls a finished period met or breached, never at risk', () => {
    const base = { noData: false, allowed: 100, burnRate: null };
    // 10 of 100 left: at risk while the period runs
    expect(budgetStatus({ ...base, consumed: 90, periodOver: false })).toBe(
      'at-risk',
    );
    expect(budgetStatus({ ...base, consumed: 90, periodOver: true })).toBe(
      'met',
    );
    // the whole budget spent, to the last unit
    expect(budgetStatus({ ...base, consumed: 100, periodOver: true })).toBe(
      'breached',
    );
    expect(budgetStatus({ ...base, consumed: 99.999, periodOver: true })).toBe(
      'met',
    );
    expect(
      budgetStatus({ ...base, noData: true, consumed: 0, periodOver: true }),
    ).toBe('no-data');
  });
});
