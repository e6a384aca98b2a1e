import {
  availabilityBurnDown,
  burnDownInstants,
  eventBurnDown,
} from './burnDown';
import { PeriodError, resolvePeriod } from './periods';

const at = (iso: string) => Date.parse(iso);

describe('burnDownInstants', () => {
  it('marks the start, each local midnight and the end', () => {
    const period = resolvePeriod('2026-03', {
      defaultPeriod: 'month',
      timezone: 'Europe/London',
      now: at('2026-03-30T12:00:00Z'),
    });
    const instants = burnDownInstants(period);
    // 1 March 00:00, 2 … 30 March midnights (29), now → 31 points
    expect(instants).toHaveLength(31);
    expect(instants[0]).toBe(at('2026-03-01T00:00:00Z'));
    // midnight of 29 March is still GMT; midnight of 30 March is BST (23:00Z the day before)
    expect(instants[28]).toBe(at('2026-03-29T00:00:00Z'));
    expect(instants[29]).toBe(at('2026-03-29T23:00:00Z'));
    expect(instants[30]).toBe(at('2026-03-30T12:00:00Z'));
  });

  it('refuses a timezone it cannot find midnights in, rather than looking for them forever', () => {
    const period = resolvePeriod('2026-03', {
      defaultPeriod: 'month',
      now: at('2026-03-30T12:00:00Z'),
    });
    // luxon's name for a fixed offset of 5 minutes, which it does not read back
    expect(() => burnDownInstants({ ...period, timezone: 'UTC+0:5' })).toThrow(
      PeriodError,
    );
    expect(() =>
      burnDownInstants({ ...period, timezone: 'Mars/Olympus' }),
    ).toThrow('Unknown timezone "Mars/Olympus"');
  });

  it('is just the start for a period that has not begun', () => {
    const period = resolvePeriod('2026-05', {
      defaultPeriod: 'month',
      now: at('2026-04-01T00:00:00Z'),
    });
    expect(burnDownInstants(period)).toEqual([period.start]);
  });
});

describe('availabilityBurnDown', () => {
  it('drops when downtime accrues against the whole period allowance', () => {
    // April 2026 UTC, 24x7: 2 592 000 s; 99.9 % allows 2 592 s. One outage of 1 296 s (21 min 36 s) on 10 April.
    const period = resolvePeriod('2026-04', {
      defaultPeriod: 'month',
      now: at('2026-06-01T00:00:00Z'),
    });
    const points = availabilityBurnDown({
      target: 99.9,
      period,
      incidents: [
        {
          id: 'x',
          impact: 'full',
          startedAt: '2026-04-10T12:00:00Z',
          resolvedAt: '2026-04-10T12:21:36Z',
        },
      ],
    });
    // 1 April … 30 April midnights and 1 May: 31 points
    expect(points).toHaveLength(31);
    // up to 10 April 00:00 untouched; from 11 April 00:00 half left (1 296 / 2 592)
    expect(points[9]).toEqual({
      at: at('2026-04-10T00:00:00Z'),
      remainingShare: 1,
    });
    expect(points[10]).toEqual({
      at: at('2026-04-11T00:00:00Z'),
      remainingShare: 0.5,
    });
    expect(points[30]).toEqual({
      at: at('2026-05-01T00:00:00Z'),
      remainingShare: 0.5,
    });
  });

  it('counts an open incident only up to each instant', () => {
    // current month, now 3 April 12:00; full outage open since 2 April 23:00
    const period = resolvePeriod('2026-04', {
      defaultPeriod: 'month',
      now: at('2026-04-03T12:00:00Z'),
    });
    const points = availabilityBurnDown({
      target: 99.9,
      period,
      incidents: [
        {
          id: 'open',
          impact: 'full',
          startedAt: '2026-04-02T23:00:00Z',
          resolvedAt: null,
        },
      ],
    });
    expect(points.map(p => p.at)).toEqual([
      at('2026-04-01T00:00:00Z'),
      at('2026-04-02T00:00:00Z'),
      at('2026-04-03T00:00:00Z'),
      at('2026-04-03T12:00:00Z'),
    ]);
    // by 3 April 00:00: 3 600 s of 2 592 allowed → 1 − 3 600 / 2 592 = −0.3889
    expect(points[2].remainingShare).toBeCloseTo(1 - 3600 / 2592, 12);
    // by now: 13 h = 46 800 s → 1 − 46 800 / 2 592 = −17.056
    expect(points[3].remainingShare).toBeCloseTo(1 - 46800 / 2592, 12);
  });

  it('has no budget to draw without agreed time', () => {
    const period = resolvePeriod('2026-04', {
      defaultPeriod: 'month',
      now: at('2026-06-01T00:00:00Z'),
    });
    const points = availabilityBurnDown({
      target: 99.9,
      serviceHours: { weekly: [] },
      period,
      incidents: [],
    });
    expect(points.every(p => p.remainingShare === null)).toBe(true);
  });
});

describe('eventBurnDown', () => {
  it('follows the events counted by each instant', () => {
    const period = resolvePeriod('2026-04', {
      defaultPeriod: 'month',
      now: at('2026-04-03T00:00:00Z'),
    });
    const points = eventBurnDown({
      target: 99,
      objective: 'success-rate',
      period,
      buckets: [
        // 1 April: 1 000 events, 5 bad → allowed 10, 50 % left
        {
          objective: 'success-rate',
          bucketStart: '2026-04-01T00:00:00Z',
          bucketSeconds: 86400,
          good: 995,
          total: 1000,
        },
        // 2 April: 1 000 events, 10 bad → 15 of 20 → 25 % left
        {
          objective: 'success-rate',
          bucketStart: '2026-04-02T00:00:00Z',
          bucketSeconds: 86400,
          good: 990,
          total: 1000,
        },
        {
          objective: 'other',
          bucketStart: '2026-04-01T00:00:00Z',
          bucketSeconds: 86400,
          good: 0,
          total: 1000,
        },
      ],
    });
    expect(points).toEqual([
      // nothing counted before the first bucket
      { at: at('2026-04-01T00:00:00Z'), remainingShare: null },
      { at: at('2026-04-02T00:00:00Z'), remainingShare: 0.5 },
      { at: at('2026-04-03T00:00:00Z'), remainingShare: 0.25 },
    ]);
  });
});
