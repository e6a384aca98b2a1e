import { budgetTicks } from './budgetTicks';

describe('budgetTicks', () => {
  it('divides a budget that is not overspent into fifths', () => {
    expect(budgetTicks(38)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(budgetTicks(100)).toEqual([0, 20, 40, 60, 80, 100]);
  });

  it('goes below zero in the same round steps as far as the most overspent objective', () => {
    // 122.1 points over 6 intervals need 20.35 a step: the next round step is 25
    expect(budgetTicks(-22.1)).toEqual([-25, 0, 25, 50, 75, 100]);
    // 136 / 6 = 22.7 → 25: the chart that showed 100 %, 34 %, -1 %, -36 %
    expect(budgetTicks(-36)).toEqual([-50, -25, 0, 25, 50, 75, 100]);
    // 600 / 6 = 100 exactly
    expect(budgetTicks(-500)).toEqual([-500, -400, -300, -200, -100, 0, 100]);
  });

  it('keeps 100 % as the top tick when a large overspend needs steps that do not divide it', () => {
    // 730 / 6 = 121.7 → 200
    expect(budgetTicks(-630)).toEqual([-800, -600, -400, -200, 0, 100]);
  });

  it('never gives more ticks than asked for, all round numbers', () => {
    for (const lowest of [
      0, -0.3, -7, -13.37, -99.99, -250, -1099, -1234.5, -98765,
    ]) {
      const ticks = budgetTicks(lowest);
      expect(ticks.length).toBeLessThanOrEqual(7);
      expect(ticks[0]).toBeLessThanOrEqual(lowest);
      expect(ticks[ticks.length - 1]).toBe(100);
      for (const tick of ticks) {
        expect(Number(tick.toFixed(2))).toBe(tick);
      }
    }
  });

  it('treats a chart without figures as a budget untouched', () => {
    expect(budgetTicks(Number.NaN)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(budgetTicks(Number.POSITIVE_INFINITY)).toEqual([
      0, 20, 40, 60, 80, 100,
    ]);
  });
});
