const FULL_BUDGET = 100;

/** 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, …: the steps that make round percentages. */
function roundStep(atLeast: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(atLeast));
  const multiple = [1, 2, 2.5, 5, 10].find(m => m * magnitude >= atLeast) ?? 10;
  return multiple * magnitude;
}

/**
 * The y-axis ticks of the budget burn-down, in percent of the budget left: from 100 % down to 0, or
 * below 0 as far as the most overspent objective goes, in round steps and at most `maxTicks` of them.
 * 100 % is always a tick, even where the step does not divide it.
 */
export function budgetTicks(lowest: number, maxTicks = 7): number[] {
  const bottom = Number.isFinite(lowest) ? Math.min(0, lowest) : 0;
  let step = roundStep((FULL_BUDGET - bottom) / (maxTicks - 1));
  let ticks = ticksFrom(bottom, step);
  // the extra tick at 100 % can make one too many
  while (ticks.length > maxTicks) {
    step = roundStep(step * 1.001);
    ticks = ticksFrom(bottom, step);
  }
  return ticks;
}

function ticksFrom(bottom: number, step: number): number[] {
  const ticks: number[] = [];
  for (let k = Math.floor(bottom / step); k * step < FULL_BUDGET; k++) {
    // k × step rather than a running sum, which would drift to 0.30000000000000004
    ticks.push(Number((k * step).toFixed(2)));
  }
  ticks.push(FULL_BUDGET);
  return ticks;
}
