import { availabilityMetrics, periodAvailability } from './availability';
import { resolvePeriod } from './periods';
import { ServiceHoursInput } from './types';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600;
const DAY = 24 * HOUR;

describe('availabilityMetrics', () => {
  it('computes availability, MTBF, MTRS and MTBSI', () => {
    // 30 days of AST = 2 592 000 s; two failures with 3 600 s of downtime in all
    const metrics = availabilityMetrics({
      ast: 30 * DAY,
      downtime: 3600,
      failures: 2,
    });
    // (2 592 000 − 3 600) / 2 592 000 = 2 588 400 / 2 592 000 = 99.86111…%
    expect(metrics.availability).toBeCloseTo(99.861111, 6);
    // MTRS = 3 600 / 2 = 1 800 s
    expect(metrics.mtrs).toBe(1800);
    // MTBF = 2 588 400 / 2 = 1 294 200 s
    expect(metrics.mtbf).toBe(1_294_200);
    // MTBSI = 2 592 000 / 2 = 1 296 000 s = MTBF + MTRS
    expect(metrics.mtbsi).toBe(1_296_000);
    expect(metrics.mtbsi).toBe(metrics.mtbf! + metrics.mtrs!);
  });

  it('is 100 % with no failures and leaves the means undefined', () => {
    expect(
      availabilityMetrics({ ast: 30 * DAY, downtime: 0, failures: 0 }),
    ).toEqual({ availability: 100, mtbf: null, mtrs: null, mtbsi: null });
  });

  it('has no availability without agreed service time', () => {
    expect(availabilityMetrics({ ast: 0, downtime: 0, failures: 0 })).toEqual({
      availability: null,
      mtbf: null,
      mtrs: null,
      mtbsi: null,
    });
  });
});

describe('periodAvailability', () => {
  const businessHours: ServiceHoursInput = {
    timezone: 'Europe/London',
    weekly: [
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' },
    ],
  };

  it('measures the current period up to now, with an open incident', () => {
    // Wednesday 11 March 2026 12:00 GMT
    const period = resolvePeriod('2026-03', {
      defaultPeriod: 'month',
      timezone: 'Europe/London',
      now: at('2026-03-11T12:00:00Z'),
    });
    const result = periodAvailability({
      serviceHours: businessHours,
      period,
      incidents: [
        {
          id: 'db-down',
          impact: 'full',
          startedAt: '2026-03-11T10:00:00Z',
          resolvedAt: null,
        },
      ],
    });
    // elapsed AST: weekdays 2–6, 9, 10 March = 7 × 10 h, plus 11 March 08:00–12:00 = 4 h → 74 h
    expect(result.agreedServiceTime).toBe(74 * HOUR);
    // whole month: 22 weekdays × 10 h = 220 h
    expect(result.periodAgreedServiceTime).toBe(220 * HOUR);
    // open since 10:00, counted until now (12:00): 2 h, one failure
    expect(result.downtime.downtimeSeconds).toBe(2 * HOUR);
    expect(result.downtime.failures).toBe(1);
    // (74 − 2) / 74 = 97.297297…%
    expect(result.availability).toBeCloseTo((72 / 74) * 100, 10);
    expect(result.mtrs).toBe(2 * HOUR);
    expect(result.mtbf).toBe(72 * HOUR);
    expect(result.mtbsi).toBe(74 * HOUR);
  });

  it('reports no data for a service without agreed time', () => {
    const period = resolvePeriod('2026-03', {
      defaultPeriod: 'month',
      now: at('2026-04-15T00:00:00Z'),
    });
    const result = periodAvailability({
      serviceHours: { weekly: [] },
      period,
      incidents: [],
    });
    expect(result.agreedServiceTime).toBe(0);
    expect(result.availability).toBeNull();
    expect(result.mtbf).toBeNull();
    expect(result.mtrs).toBeNull();
    expect(result.mtbsi).toBeNull();
  });

  it('measures a period that has not begun as having no agreed time yet', () => {
    const period = resolvePeriod('2026-05', {
      defaultPeriod: 'month',
      now: at('2026-04-15T00:00:00Z'),
    });
    const result = periodAvailability({ period, incidents: [] });
    expect(result.agreedServiceTime).toBe(0);
    // May 2026 in UTC: 31 × 24 h
    expect(result.periodAgreedServiceTime).toBe(31 * DAY);
    expect(result.availability).toBeNull();
  });
});
