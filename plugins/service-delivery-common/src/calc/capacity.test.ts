import {
  capacityAt,
  capacitySeries,
  capacityForecast,
  capacityStatus,
  daysUntil,
  headroom,
  leastSquares,
  projectedUsage,
  thresholdLevel,
  utilisation,
} from './capacity';

const DAY = 86_400_000;
const now = Date.parse('2026-11-01T00:00:00Z');
const day = (offset: number) => now + offset * DAY;
const iso = (offset: number) => new Date(day(offset)).toISOString();

describe('utilisation, headroom and status', () => {
  it('measures use against capacity', () => {
    expect(utilisation(48, 64)).toBe(75);
    expect(headroom(48, 64)).toBe(16);
    expect(thresholdLevel(2048, 75)).toBe(1536);
  });

  it('is warning from the warning threshold, critical from the critical one or 100 %', () => {
    const thresholds = { warning: 70, critical: 85 };
    expect(capacityStatus(69.9, thresholds)).toBe('ok');
    expect(capacityStatus(70, thresholds)).toBe('warning');
    expect(capacityStatus(85, thresholds)).toBe('critical');
    expect(capacityStatus(99, {})).toBe('ok');
    expect(capacityStatus(100, {})).toBe('critical');
  });

  it('takes the capacity of the latest sample that carries one, else the declared', () => {
    const samples = [
      { at: iso(-20), used: 40 },
      { at: iso(-10), used: 50, capacity: 200 },
      { at: iso(-5), used: 55, capacity: 300 },
    ];
    expect(capacityAt(100, samples, day(-15))).toBe(100);
    expect(capacityAt(100, samples, day(-10))).toBe(200);
    expect(capacityAt(100, samples, day(0))).toBe(300);
    expect(capacitySeries(100, [...samples].reverse())).toEqual([
      { at: day(-20), used: 40, capacity: 100 },
      { at: day(-10), used: 50, capacity: 200 },
      { at: day(-5), used: 55, capacity: 300 },
    ]);
  });
});

describe('leastSquares', () => {
  it('fits the line through points on it', () => {
    expect(
      leastSquares([
        { x: 0, y: 1 },
        { x: 1, y: 3 },
        { x: 2, y: 5 },
      ]),
    ).toEqual({ slope: 2, intercept: 1 });
  });

  it('fits noisy points by least squares', () => {
    // x̄ = 1.5, ȳ = 2.25; Σ(x − x̄)² = 5; Σ(x − x̄)(y − ȳ) = 1.875 + 0.125 − 0.125 + 2.625 = 4.5
    // slope 4.5 / 5 = 0.9; intercept 2.25 − 0.9 × 1.5 = 0.9
    const line = leastSquares([
      { x: 0, y: 1 },
      { x: 1, y: 2 },
      { x: 2, y: 2 },
      { x: 3, y: 4 },
    ])!;
    expect(line.slope).toBeCloseTo(0.9, 12);
    expect(line.intercept).toBeCloseTo(0.9, 12);
    expect(leastSquares([{ x: 1, y: 1 }])).toBeNull();
    expect(
      leastSquares([
        { x: 1, y: 1 },
        { x: 1, y: 2 },
      ]),
    ).toBeNull();
  });
});

describe('capacityForecast', () => {
  const resource = { capacity: 100, warning: 70, critical: 85 };
  // 40, 42, …, 48 over the last five days: 2 a day, 48 now
  const rising = [-4, -3, -2, -1, 0].map(d => ({
    at: iso(d),
    used: 48 + 2 * d,
  }));

  it('dates the crossings of a rising trend', () => {
    const forecast = capacityForecast({ ...resource, samples: rising, now });
    expect(forecast).toEqual(
      expect.objectContaining({
        capacity: 100,
        used: 48,
        lastSampleAt: now,
        utilisation: 48,
        headroom: 52,
        status: 'ok',
        samplesInWindow: 5,
      }),
    );
    expect(forecast.trend?.perDay).toBeCloseTo(2, 10);
    expect(forecast.trend?.level).toBeCloseTo(48, 10);
    // warning 70: (70 − 48) / 2 = 11 days; critical 85: 18.5 days; 100: 26 days
    expect(forecast.warningAt).toBeCloseTo(day(11), -1);
    expect(forecast.criticalAt).toBeCloseTo(day(18.5), -1);
    expect(forecast.exhaustedAt).toBeCloseTo(day(26), -1);
    expect(daysUntil(forecast.criticalAt, now)).toBeCloseTo(18.5, 6);
    expect(projectedUsage(forecast.trend!, day(26))).toBeCloseTo(100, 6);
  });

  it('forecasts no crossing for a line that would take over a century', () => {
    // 40 now, rising 1 per 100,000 days: warning 70 in 3,000,000 days (about 8,200 years)
    const creeping = [-4, -3, -2, -1, 0].map(d => ({
      at: iso(d),
      used: 40 + d / 100_000,
    }));
    const forecast = capacityForecast({ ...resource, samples: creeping, now });
    expect(forecast.trend!.perDay).toBeCloseTo(1e-5, 12);
    expect(forecast.warningAt).toBeNull();
    expect(forecast.criticalAt).toBeNull();
    expect(forecast.exhaustedAt).toBeNull();
    // 0.001 a day: warning 70 in 30,000 days (about 82 years) is still forecast
    const slow = [-4, -3, -2, -1, 0].map(d => ({
      at: iso(d),
      used: 40 + d / 1000,
    }));
    const slowly = capacityForecast({ ...resource, samples: slow, now });
    expect(daysUntil(slowly.warningAt, now)).toBeCloseTo(30_000, 3);
    expect(slowly.criticalAt).toBeNull(); // 45,000 days: over a century
  });

  it('fits only the samples of the window', () => {
    // a peak 40 days ago is outside the default 30-day window
    const samples = [{ at: iso(-40), used: 95 }, ...rising];
    expect(
      capacityForecast({ ...resource, samples, now }).samplesInWindow,
    ).toBe(5);
    // over 60 days it pulls the line down: with it the slope is negative, no crossing
    const wide = capacityForecast({
      ...resource,
      samples,
      now,
      windowDays: 60,
    });
    expect(wide.samplesInWindow).toBe(6);
    expect(wide.trend!.perDay).toBeLessThan(0);
    expect(wide.warningAt).toBeNull();
  });

  it('counts thresholds against the capacity in force after a change mid-window', () => {
    // 40 twenty days ago on the declared 100; ten days ago capacity went to 200; 60 now
    const samples = [
      { at: iso(-20), used: 40 },
      { at: iso(-10), used: 50, capacity: 200 },
      { at: iso(0), used: 60 },
    ];
    const forecast = capacityForecast({ ...resource, samples, now });
    // usage, not utilisation, is the trend: 1 a day through 60 now
    expect(forecast.trend?.perDay).toBeCloseTo(1, 10);
    expect(forecast.trend?.level).toBeCloseTo(60, 10);
    // 60 of 200 = 30 %, not 60 % of the declared 100
    expect(forecast.capacity).toBe(200);
    expect(forecast.utilisation).toBe(30);
    expect(forecast.status).toBe('ok');
    // warning at 140: 80 days; critical at 170: 110 days; 200: 140 days
    expect(daysUntil(forecast.warningAt, now)).toBeCloseTo(80, 6);
    expect(daysUntil(forecast.criticalAt, now)).toBeCloseTo(110, 6);
    expect(daysUntil(forecast.exhaustedAt, now)).toBeCloseTo(140, 6);
  });

  describe('what-if', () => {
    const samples = [
      { at: iso(-20), used: 40 },
      { at: iso(-10), used: 50, capacity: 200 },
      { at: iso(0), used: 60 },
    ];

    it('scales demand by a growth factor', () => {
      const forecast = capacityForecast({
        ...resource,
        samples,
        now,
        growth: 1.25,
      });
      // level 60 × 1.25 = 75, slope 1 × 1.25 = 1.25 a day
      // warning 140: (140 − 75) / 1.25 = 52; critical 170: 76; 200: 100 days
      expect(daysUntil(forecast.warningAt, now)).toBeCloseTo(52, 6);
      expect(daysUntil(forecast.criticalAt, now)).toBeCloseTo(76, 6);
      expect(daysUntil(forecast.exhaustedAt, now)).toBeCloseTo(100, 6);
      // the measured figures stay as measured
      expect(forecast.used).toBe(60);
      expect(forecast.utilisation).toBe(30);
    });

    it('already crosses what growth puts below the latest sample', () => {
      // 60 × 2.5 = 150 ≥ warning 140, < critical 170
      const forecast = capacityForecast({
        ...resource,
        samples,
        now,
        growth: 2.5,
      });
      expect(forecast.warningAt).toBe('already');
      expect(daysUntil(forecast.warningAt, now)).toBe(0);
      // level 150, 2.5 a day: critical 170 in 8 days
      expect(daysUntil(forecast.criticalAt, now)).toBeCloseTo(8, 6);
    });

    it('moves the crossings after a capacity increase on a date', () => {
      const forecast = capacityForecast({
        ...resource,
        samples,
        now,
        capacityChange: { at: iso(30), capacity: 300 },
      });
      // until day 30 nothing is crossed (90 < 140); from then on 300: warning 210 at day 150,
      // critical 255 at day 195, 300 at day 240
      expect(daysUntil(forecast.warningAt, now)).toBeCloseTo(150, 6);
      expect(daysUntil(forecast.criticalAt, now)).toBeCloseTo(195, 6);
      expect(daysUntil(forecast.exhaustedAt, now)).toBeCloseTo(240, 6);
    });

    it('crosses on the date of a capacity decrease that the trend is already above', () => {
      const forecast = capacityForecast({
        ...resource,
        samples,
        now,
        capacityChange: { at: iso(30), capacity: 80 },
      });
      // on day 30 the trend is at 90, above 56, 68 and 80 of the new 80
      expect(forecast.warningAt).toBe(day(30));
      expect(forecast.criticalAt).toBe(day(30));
      expect(forecast.exhaustedAt).toBe(day(30));
    });

    it('applies a change dated in the past from now on', () => {
      const forecast = capacityForecast({
        ...resource,
        samples,
        now,
        capacityChange: { at: iso(-1), capacity: 80 },
      });
      // 60 of 80 is 75 %: above warning (56) now, critical (68) in 8 days, 80 in 20
      expect(forecast.warningAt).toBe('already');
      expect(daysUntil(forecast.criticalAt, now)).toBeCloseTo(8, 6);
      expect(daysUntil(forecast.exhaustedAt, now)).toBeCloseTo(20, 6);
    });
  });

  it('says already for a threshold the latest sample is above, and never for a flat or falling trend', () => {
    const falling = [-2, -1, 0].map(d => ({ at: iso(d), used: 70 - 5 * d }));
    // 80, 75, 70: above warning now, falling: critical and 100 % never
    const forecast = capacityForecast({ ...resource, samples: falling, now });
    expect(forecast.status).toBe('warning');
    expect(forecast.warningAt).toBe('already');
    expect(forecast.criticalAt).toBeNull();
    expect(forecast.exhaustedAt).toBeNull();

    const flat = [-2, -1, 0].map(d => ({ at: iso(d), used: 50 }));
    const level = capacityForecast({ ...resource, samples: flat, now });
    expect(level.trend?.perDay).toBe(0);
    expect([level.warningAt, level.criticalAt, level.exhaustedAt]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('has no trend from one sample and no figures without samples', () => {
    const one = capacityForecast({
      ...resource,
      samples: [{ at: iso(0), used: 90 }],
      now,
    });
    expect(one.status).toBe('critical');
    expect(one.trend).toBeNull();
    expect(one.criticalAt).toBe('already');
    expect(one.exhaustedAt).toBeNull();

    const none = capacityForecast({ ...resource, samples: [], now });
    expect(none).toEqual(
      expect.objectContaining({
        used: null,
        utilisation: null,
        status: null,
        warningAt: null,
        criticalAt: null,
        exhaustedAt: null,
      }),
    );
    expect(() =>
      capacityForecast({ ...resource, samples: [], now, growth: 0 }),
    ).toThrow(/growth/);
  });
});
