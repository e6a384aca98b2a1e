import { periodAvailability } from './availability';
import { availabilityBurnDown } from './burnDown';
import { downtimeErrorRatio } from './alerts';
import {
  agreedMeasurements,
  applyCorrections,
  bucketsOutside,
  correctionsOfAgreement,
  evaluateObjective,
} from './corrections';
import { supportCompliance } from './support';
import { IncidentInput } from './types';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600;

// April 2026, 24x7 in UTC: 30 days = 2,592,000 s of agreed service time.
const april = {
  start: at('2026-04-01T00:00:00Z'),
  end: at('2026-05-01T00:00:00Z'),
  elapsedEnd: at('2026-05-01T00:00:00Z'),
};
const APRIL_SECONDS = 2_592_000;

const incident = (
  id: string,
  startedAt: string,
  resolvedAt: string | null,
  fields: Partial<IncidentInput> = {},
) => ({
  id,
  source: 'pagerduty',
  impact: 'full' as const,
  priority: 'P1',
  startedAt,
  acknowledgedAt: startedAt,
  resolvedAt,
  ...fields,
});

const inc1 = incident('INC-1', '2026-04-02T10:00:00Z', '2026-04-02T11:00:00Z');
const inc2 = incident('INC-2', '2026-04-05T10:00:00Z', '2026-04-05T10:30:00Z');

const availability = { name: 'availability', kind: 'availability' as const };

function agreed(
  corrections: Parameters<typeof agreedMeasurements>[0]['corrections'],
  incidents = [inc1, inc2],
  agreement = 'retail-sla',
) {
  return agreedMeasurements({
    corrections,
    agreement,
    incidents,
    period: april,
  });
}

describe('SLA corrections', () => {
  it('without corrections the agreed figures are the measured ones', () => {
    const measured = periodAvailability({
      incidents: [inc1, inc2],
      period: april,
    });
    const result = agreedMeasurements({
      corrections: [],
      agreement: 'retail-sla',
      incidents: [inc1, inc2],
      period: april,
      measured,
    });
    expect(result.availability).toBe(measured);
    expect(result.applied).toEqual([]);
    // 3600 + 1800 s of 2592 s allowed at 99.9 %
    const budget = evaluateObjective({
      objective: { ...availability, target: 99.9 },
      period: april,
      agreed: result,
    });
    expect(budget.consumed).toBe(5400);
    expect(budget.allowed).toBeCloseTo(2592, 9);
    expect(budget.status).toBe('breached');
  });

  it('an excluded incident no longer counts: downtime, budget, status', () => {
    const correction = {
      incident: { source: 'pagerduty', id: 'INC-1' },
      reason: 'customer-caused',
    };
    const result = agreed([correction]);
    expect(result.applied).toEqual([correction]);
    expect(result.excludedIncidents.map(i => i.id)).toEqual(['INC-1']);
    expect(result.availability.agreedServiceTime).toBe(APRIL_SECONDS);
    expect(result.availability.downtime.downtimeSeconds).toBe(1800);
    const budget = evaluateObjective({
      objective: { ...availability, target: 99.9 },
      period: april,
      agreed: result,
    });
    // 2592 allowed − 1800 consumed; the month is over, so met
    expect(budget.remaining).toBeCloseTo(792, 9);
    expect(budget.status).toBe('met');
    expect(budget.actual).toBeCloseTo(
      ((APRIL_SECONDS - 1800) / APRIL_SECONDS) * 100,
      12,
    );
  });

  it('an incident of another source with the same id still counts', () => {
    const result = agreed([{ incident: { source: 'opsgenie', id: 'INC-1' } }]);
    expect(result.applied).toEqual([]);
    expect(result.availability.downtime.downtimeSeconds).toBe(5400);
  });

  it('an overlapping incident that is not excluded still counts for its own time', () => {
    // INC-3 partial (weight 0.5) 10:30–11:30 overlaps INC-1 full 10:00–11:00
    const inc3 = incident(
      'INC-3',
      '2026-04-02T10:30:00Z',
      '2026-04-02T11:30:00Z',
      { impact: 'partial' },
    );
    // measured: 10:00–11:00 at 1 (3600) + 11:00–11:30 at 0.5 (900)
    expect(agreed([], [inc1, inc3]).availability.downtime.downtimeSeconds).toBe(
      4500,
    );
    const result = agreed(
      [{ incident: { source: 'pagerduty', id: 'INC-1' } }],
      [inc1, inc3],
    );
    // INC-3's hour at 0.5
    expect(result.availability.downtime.downtimeSeconds).toBe(1800);
  });

  it('an interval partly over an incident takes that part out of both agreed time and downtime', () => {
    // Apr 5 10:15–12:00 (6300 s) over INC-2 10:00–10:30: only 10:00–10:15 of it counts
    const result = agreed([
      { from: '2026-04-05T10:15:00Z', to: '2026-04-05T12:00:00Z' },
    ]);
    expect(result.excludedTime).toEqual([
      { start: at('2026-04-05T10:15:00Z'), end: at('2026-04-05T12:00:00Z') },
    ]);
    expect(result.availability.agreedServiceTime).toBe(APRIL_SECONDS - 6300);
    expect(result.availability.downtime.downtimeSeconds).toBe(3600 + 900);
    const budget = evaluateObjective({
      objective: { ...availability, target: 99.9 },
      period: april,
      agreed: result,
    });
    // 0.1 % of 2,585,700 s
    expect(budget.allowed).toBeCloseTo(2585.7, 9);
    expect(budget.consumed).toBe(4500);
  });

  it('overlapping corrections exclude their union once', () => {
    const result = agreed([
      { from: '2026-04-02T09:00:00Z', to: '2026-04-02T10:30:00Z' },
      { from: '2026-04-02T10:00:00Z', to: '2026-04-02T12:00:00Z' },
      { incident: { source: 'pagerduty', id: 'INC-1' } },
    ]);
    expect(result.excludedTime).toEqual([
      { start: at('2026-04-02T09:00:00Z'), end: at('2026-04-02T12:00:00Z') },
    ]);
    expect(result.availability.agreedServiceTime).toBe(
      APRIL_SECONDS - 3 * HOUR,
    );
    expect(result.availability.downtime.downtimeSeconds).toBe(1800);
    expect(result.applied).toHaveLength(3);
  });

  it('a correction outside the period changes nothing and is not listed as applied', () => {
    const result = agreed([
      { from: '2026-03-30T00:00:00Z', to: '2026-04-01T00:00:00Z' },
      { incident: { source: 'pagerduty', id: 'INC-99' } },
    ]);
    expect(result.applied).toEqual([]);
    expect(result.availability.agreedServiceTime).toBe(APRIL_SECONDS);
    expect(result.availability.downtime.downtimeSeconds).toBe(5400);
  });

  it('a correction that straddles the period start counts only inside it', () => {
    const result = agreed([
      { from: '2026-03-31T23:00:00Z', to: '2026-04-01T02:00:00Z' },
    ]);
    expect(result.availability.agreedServiceTime).toBe(
      APRIL_SECONDS - 2 * HOUR,
    );
  });

  it('a correction naming one agreement leaves the others as measured', () => {
    const forOla = {
      agreement: 'platform-ola',
      incident: { source: 'pagerduty', id: 'INC-1' },
    };
    const forAll = { incident: { source: 'pagerduty', id: 'INC-2' } };
    expect(correctionsOfAgreement([forOla, forAll], 'retail-sla')).toEqual([
      forAll,
    ]);
    expect(
      agreed([forOla, forAll], [inc1, inc2], 'retail-sla').availability.downtime
        .downtimeSeconds,
    ).toBe(3600);
    expect(
      agreed([forOla, forAll], [inc1, inc2], 'platform-ola').availability
        .downtime.downtimeSeconds,
    ).toBe(0);
  });

  it('an excluded incident still open is excluded up to the end of the range', () => {
    const open = incident('INC-4', '2026-04-30T22:00:00Z', null);
    const result = agreed(
      [{ incident: { source: 'pagerduty', id: 'INC-4' } }],
      [open],
    );
    expect(result.availability.downtime.downtimeSeconds).toBe(0);
    expect(result.excludedEventTime).toEqual([
      { start: at('2026-04-30T22:00:00Z'), end: april.elapsedEnd },
    ]);
  });

  it('takes out the agreed service time of the interval in local time across a change of clocks', () => {
    // Mon–Fri 09:00–17:00 Europe/London; BST ends on Sunday 25 October 2026. Fri 23 Oct 12:00Z to
    // Mon 26 Oct 12:00Z removes Fri 12:00–16:00Z (17:00 BST) = 4 h and Mon 09:00–12:00Z (GMT) = 3 h.
    const serviceHours = {
      timezone: 'Europe/London',
      weekly: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'] as const,
          from: '09:00',
          to: '17:00',
        },
      ],
    };
    const week = {
      start: at('2026-10-19T00:00:00Z'),
      end: at('2026-11-02T00:00:00Z'),
      elapsedEnd: at('2026-11-02T00:00:00Z'),
    };
    const measured = periodAvailability({
      serviceHours,
      incidents: [],
      period: week,
    });
    const result = agreedMeasurements({
      corrections: [
        {
          from: '2026-10-23T13:00:00+01:00',
          to: '2026-10-26T12:00:00Z',
          reason: 'force-majeure',
        },
      ],
      agreement: 'retail-sla',
      incidents: [],
      period: week,
      serviceHours,
      measured,
    });
    expect(measured.agreedServiceTime).toBe(10 * 8 * HOUR);
    expect(
      measured.agreedServiceTime - result.availability.agreedServiceTime,
    ).toBe(7 * HOUR);
    expect(
      measured.periodAgreedServiceTime -
        result.availability.periodAgreedServiceTime,
    ).toBe(7 * HOUR);
  });

  describe('ratio and latency objectives', () => {
    const buckets = [
      {
        objective: 'success-rate',
        bucketStart: '2026-04-02T10:00:00Z',
        bucketSeconds: HOUR,
        good: 900,
        total: 1000,
      },
      {
        objective: 'success-rate',
        bucketStart: '2026-04-02T12:00:00Z',
        bucketSeconds: HOUR,
        good: 995,
        total: 1000,
      },
    ];
    const successRate = {
      name: 'success-rate',
      kind: 'ratio' as const,
      target: 99,
    };

    it('leave out the events of an excluded incident’s time', () => {
      const result = agreed([
        { incident: { source: 'pagerduty', id: 'INC-1' } },
      ]);
      const budget = evaluateObjective({
        objective: successRate,
        period: april,
        agreed: result,
        buckets,
      });
      // only the 12:00 bucket: 5 bad of 1000, 10 allowed
      expect(budget.consumed).toBe(5);
      expect(budget.allowed).toBeCloseTo(10, 9);
      expect(budget.actual).toBeCloseTo(99.5, 12);
    });

    it('keep the share of a bucket outside a partly overlapping interval', () => {
      // 10:45–12:15: the 10:00 bucket keeps 45/60, the 12:00 bucket 45/60
      const kept = bucketsOutside(buckets, [
        { start: at('2026-04-02T10:45:00Z'), end: at('2026-04-02T12:15:00Z') },
      ]);
      expect(kept.map(b => [b.good, b.total])).toEqual([
        [675, 750],
        [746.25, 750],
      ]);
      const budget = evaluateObjective({
        objective: successRate,
        period: april,
        agreed: agreed([
          { from: '2026-04-02T10:45:00Z', to: '2026-04-02T12:15:00Z' },
        ]),
        buckets,
      });
      expect(budget.consumed).toBeCloseTo(75 + 3.75, 9);
    });
  });

  it('burn rates and the burn-down count neither the excluded time nor its downtime', () => {
    // INC-1 10:00–11:00 full; excluded 10:30–11:30; window 10:00–12:00 keeps 10:00–10:30 and
    // 11:30–12:00 agreed (3600 s), 1800 s of it down
    const excluded = [
      { start: at('2026-04-02T10:30:00Z'), end: at('2026-04-02T11:30:00Z') },
    ];
    const ratio = downtimeErrorRatio({ incidents: [inc1], excluded });
    expect(
      ratio(at('2026-04-02T10:00:00Z'), at('2026-04-02T12:00:00Z')),
    ).toBeCloseTo(0.5, 12);
    const burnDown = availabilityBurnDown({
      target: 99.9,
      incidents: [inc1],
      period: { ...april, label: '2026-04', timezone: 'UTC' } as any,
      excluded,
    });
    // (2,592,000 − 3600) × 0.1 % = 2588.4 s allowed, 1800 s spent
    expect(burnDown[burnDown.length - 1].remainingShare).toBeCloseTo(
      1 - 1800 / 2588.4,
      12,
    );
  });

  it('support compliance is read from the incidents that still count', () => {
    const late = incident(
      'INC-5',
      '2026-04-03T10:00:00Z',
      '2026-04-03T20:00:00Z',
      { acknowledgedAt: '2026-04-03T11:00:00Z' },
    );
    const { incidents } = applyCorrections({
      corrections: [{ incident: { source: 'pagerduty', id: 'INC-5' } }],
      incidents: [inc1, late],
      range: { start: april.start, end: april.elapsedEnd },
    });
    const [p1] = supportCompliance(
      incidents,
      [{ priority: 'P1', response: 15 * 60, resolution: 4 * HOUR }],
      { periodStart: april.start, periodEnd: april.end },
    );
    expect(p1.incidents).toBe(1);
    expect(p1.responseCompliance).toBe(100);
    expect(p1.resolutionCompliance).toBe(100);
  });
});
