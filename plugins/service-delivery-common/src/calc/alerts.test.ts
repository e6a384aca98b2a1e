import {
  BURN_RATE_ALERT_WINDOWS,
  burnRateAlerts,
  downtimeErrorRatio,
  sliErrorRatio,
} from './alerts';
import { SliBucketInput } from './types';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const MIN = 60_000;
const THREE_DAYS_OF_5M = 864; // 3 × 24 × 12

/** 5-minute buckets of 1 000 events covering the 3 days before NOW; `bad(i)` counts back from the newest (0). */
const buckets = (bad: (ageIndex: number) => number): SliBucketInput[] =>
  Array.from({ length: THREE_DAYS_OF_5M }, (_, ageIndex) => ({
    objective: 'success-rate',
    bucketStart: NOW - (ageIndex + 1) * 5 * MIN,
    bucketSeconds: 300,
    good: 1000 - bad(ageIndex),
    total: 1000,
  }));

const evaluate = (data: SliBucketInput[], target = 99.9) =>
  burnRateAlerts({
    errorRatio: sliErrorRatio(data, 'success-rate'),
    target,
    now: NOW,
  });

describe('burnRateAlerts', () => {
  it('uses the SRE workbook window pairs', () => {
    expect(
      BURN_RATE_ALERT_WINDOWS.map(w => [
        w.severity,
        w.longWindow,
        w.shortWindow,
        w.threshold,
      ]),
    ).toEqual([
      ['page', 3600, 300, 14.4],
      ['page', 6 * 3600, 1800, 6],
      ['ticket', 3 * 86400, 6 * 3600, 1],
    ]);
  });

  it('pages on a fast burn that is still going on', () => {
    // the last hour (12 buckets) has 20 bad of 1 000 = 2 %; budget 0.1 % → burn 20
    const alerts = evaluate(buckets(age => (age < 12 ? 20 : 0)));
    // 1 h: 240 / 12 000 = 2 % → 20; 5 m: 20 / 1 000 → 20; both > 14.4 → page
    expect(alerts[0]).toMatchObject({
      severity: 'page',
      threshold: 14.4,
      longBurnRate: expect.closeTo(20, 9),
      shortBurnRate: expect.closeTo(20, 9),
      firing: true,
    });
    // 6 h: 240 / 72 000 = 0.333 % → 3.33 < 6; 30 m: 120 / 6 000 = 2 % → 20 → not firing
    expect(alerts[1].longBurnRate).toBeCloseTo(10 / 3, 9);
    expect(alerts[1].shortBurnRate).toBeCloseTo(20, 9);
    expect(alerts[1].firing).toBe(false);
    // 3 d: 240 / 864 000 → 0.278; 6 h → 3.33 → not firing
    expect(alerts[2].longBurnRate).toBeCloseTo(240 / 864, 9);
    expect(alerts[2].firing).toBe(false);
  });

  it('stops paging once the short window has recovered', () => {
    // bad for the 55 minutes before the last 5, which were clean
    const alerts = evaluate(buckets(age => (age >= 1 && age < 12 ? 20 : 0)));
    // 1 h: 220 / 12 000 → 18.33 > 14.4, but 5 m: 0 → no page
    expect(alerts[0].longBurnRate).toBeCloseTo(220 / 12, 9);
    expect(alerts[0].shortBurnRate).toBe(0);
    expect(alerts[0].firing).toBe(false);
  });

  it('opens a ticket on a slow, steady burn', () => {
    // 2 bad per 1 000 everywhere: burn 2
    const alerts = evaluate(buckets(() => 2));
    expect(alerts.map(a => a.firing)).toEqual([false, false, true]);
    expect(alerts[2].longBurnRate).toBeCloseTo(2, 9);
    expect(alerts[2].shortBurnRate).toBeCloseTo(2, 9);
  });

  it('pages on the 6 h pair when burning at 7', () => {
    // 7 bad per 1 000 for the last 6 h (72 buckets), clean before
    const alerts = evaluate(buckets(age => (age < 72 ? 7 : 0)));
    // 1 h and 5 m: 7 < 14.4 → no fast page; 6 h and 30 m: 7 > 6 → page; 3 d: 504/864 000 → 0.583 → no ticket
    expect(alerts.map(a => a.firing)).toEqual([false, true, false]);
    expect(alerts[2].longBurnRate).toBeCloseTo(504 / 864, 9);
  });

  it('does not fire at exactly the threshold', () => {
    // 1 bad per 1 000 = 0.1 % = exactly the budget: burn 1 in both ticket windows
    const alerts = evaluate(buckets(() => 1));
    expect(alerts[2].longBurnRate).toBe(1);
    expect(alerts[2].shortBurnRate).toBe(1);
    expect(alerts[2].firing).toBe(false);
  });

  it('does not fire without data', () => {
    const alerts = evaluate([]);
    expect(alerts.every(a => a.longBurnRate === null && !a.firing)).toBe(true);
  });

  it('fires on any error at a 100 % target', () => {
    const alerts = evaluate(
      buckets(() => 1),
      100,
    );
    expect(alerts.every(a => a.firing)).toBe(true);
    expect(alerts[0].longBurnRate).toBe(Number.POSITIVE_INFINITY);
    expect(
      evaluate(
        buckets(() => 0),
        100,
      ).some(a => a.firing),
    ).toBe(false);
  });
});

describe('sliErrorRatio', () => {
  it('counts a bucket straddling the window edge in proportion', () => {
    const ratio = sliErrorRatio([
      // 10-minute bucket NOW−15m … NOW−5m: 100 events, 100 bad
      {
        objective: 'x',
        bucketStart: NOW - 15 * MIN,
        bucketSeconds: 600,
        good: 0,
        total: 100,
      },
      // 10-minute bucket NOW−5m … NOW+5m (still running): 100 events, none bad
      {
        objective: 'x',
        bucketStart: NOW - 5 * MIN,
        bucketSeconds: 600,
        good: 100,
        total: 100,
      },
    ]);
    // 5 m window NOW−5m … NOW: half of the second bucket → 0 bad of 50
    expect(ratio(NOW - 5 * MIN, NOW)).toBe(0);
    // 10 m window NOW−10m … NOW: half of each → 50 bad of 100
    expect(ratio(NOW - 10 * MIN, NOW)).toBe(0.5);
    // nothing before NOW−15m
    expect(ratio(NOW - 60 * MIN, NOW - 15 * MIN)).toBeNull();
  });
});

describe('burn-rate alerts for availability objectives', () => {
  it('fires every pair on an outage in progress', () => {
    // full outage since NOW − 10 min, still open; target 99.9 % (budget 0.1 %)
    const errorRatio = downtimeErrorRatio({
      incidents: [
        {
          id: 'down',
          impact: 'full',
          startedAt: NOW - 10 * MIN,
          resolvedAt: null,
        },
      ],
    });
    const alerts = burnRateAlerts({ errorRatio, target: 99.9, now: NOW });
    // 1 h: 600 / 3 600 s = 1/6 → 166.7; 5 m: 300 / 300 → 1 000
    expect(alerts[0].longBurnRate).toBeCloseTo(1000 / 6, 9);
    expect(alerts[0].shortBurnRate).toBeCloseTo(1000, 9);
    // 6 h: 600 / 21 600 → 27.8; 30 m: 600 / 1 800 → 333.3
    expect(alerts[1].longBurnRate).toBeCloseTo(1000 / 36, 9);
    // 3 d: 600 / 259 200 → 2.31; 6 h → 27.8
    expect(alerts[2].longBurnRate).toBeCloseTo(600 / 259.2, 9);
    expect(alerts.map(a => a.firing)).toEqual([true, true, true]);
  });

  it('measures against agreed time only: no agreed time, no data', () => {
    // Mon–Fri 08:00–18:00 UTC; at Tuesday 20:00 the short windows hold no agreed time
    const errorRatio = downtimeErrorRatio({
      serviceHours: {
        weekly: [
          {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            from: '08:00',
            to: '18:00',
          },
        ],
      },
      incidents: [
        {
          id: 'down',
          impact: 'full',
          startedAt: '2026-03-10T19:00:00Z',
          resolvedAt: null,
        },
      ],
    });
    const alerts = burnRateAlerts({
      errorRatio,
      target: 99.9,
      now: new Date('2026-03-10T20:00:00Z'),
    });
    // 1 h and 5 m windows: 19:00–20:00, all out of hours → no data, nothing fires
    expect(alerts[0].longBurnRate).toBeNull();
    expect(alerts[0].shortBurnRate).toBeNull();
    expect(alerts.some(a => a.firing)).toBe(false);
  });
});
