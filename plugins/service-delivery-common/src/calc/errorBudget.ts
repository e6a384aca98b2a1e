import { toMillis } from './intervals';
import { ObjectiveInput, SliBucketInput } from './types';

/** @public */
export type ObjectiveStatus = 'met' | 'at-risk' | 'breached' | 'no-data';

/**
 * Below this share of the allowed budget left, an objective is at risk.
 *
 * @public
 */
export const AT_RISK_REMAINING_SHARE = 0.25;

/** @public */
export interface ErrorBudgetFigures {
  /** `seconds` of downtime for availability objectives, `events` for ratio and latency objectives. */
  unit: 'seconds' | 'events';
  allowed: number;
  consumed: number;
  /** allowed − consumed; negative once overspent. */
  remaining: number;
  /** consumed / allowed (0–1, above 1 when overspent); null when nothing is allowed (target 100). */
  consumedShare: number | null;
  /** remaining / allowed (1 untouched, 0 spent, negative overspent); null when nothing is allowed. */
  remainingShare: number | null;
  /** Share of the budget's base that has elapsed (0–1). */
  elapsedShare: number;
  /** consumedShare / elapsedShare: 1 spends the budget exactly by the end of the period. */
  burnRate: number | null;
  /** The achieved percentage so far; null without data. */
  actual: number | null;
  status: ObjectiveStatus;
}

/**
 * Error budget of an availability objective. The budget is a share of the whole period's agreed service
 * time; the elapsed share is measured in agreed service time too (a business-hours service has not used
 * a third of its month by the first Saturday just because a third of the days went by).
 *
 * @public
 */
export function availabilityErrorBudget(input: {
  target: number;
  /** Agreed service time of the whole period, seconds. */
  agreedServiceTime: number;
  /** Agreed service time elapsed so far, seconds; the whole period's when omitted (period over). */
  elapsedAgreedServiceTime?: number;
  /** Downtime so far, seconds. */
  downtime: number;
}): ErrorBudgetFigures {
  const full = Math.max(0, input.agreedServiceTime);
  const elapsed = Math.min(
    full,
    Math.max(0, input.elapsedAgreedServiceTime ?? full),
  );
  const allowed = allowedShareOf(input.target, full);
  const consumed = Math.max(0, input.downtime);
  const elapsedShare = full > 0 ? elapsed / full : 0;
  return budget({
    unit: 'seconds',
    allowed,
    consumed,
    elapsedShare,
    periodOver: elapsed >= full,
    actual: elapsed > 0 ? ((elapsed - consumed) / elapsed) * 100 : null,
    noData: elapsed <= 0,
  });
}

/**
 * Error budget of a ratio or latency objective from event counts so far. The allowance is a share of the
 * events counted so far, so it grows with the period by itself: the elapsed share of such a budget is 1
 * and the burn rate is consumed / allowed = error ratio / (1 − target), the SRE workbook's burn rate.
 * (Dividing again by the elapsed share of time would count the period's progress twice.)
 *
 * @public
 */
export function eventErrorBudget(input: {
  target: number;
  good: number;
  total: number;
}): ErrorBudgetFigures {
  const total = Math.max(0, input.total);
  const good = Math.min(total, Math.max(0, input.good));
  const consumed = total - good;
  return budget({
    unit: 'events',
    allowed: allowedShareOf(input.target, total),
    consumed,
    elapsedShare: 1,
    periodOver: false,
    actual: total > 0 ? (good / total) * 100 : null,
    noData: total <= 0,
  });
}

/**
 * Good and total events of one objective in the buckets starting in `[start, end)`.
 *
 * @public
 */
export function sliTotals(
  buckets: readonly SliBucketInput[],
  objective: string,
  start: number,
  end: number,
): { good: number; total: number } {
  let good = 0;
  let total = 0;
  for (const bucket of buckets) {
    if (bucket.objective !== objective) continue;
    const at = toMillis(bucket.bucketStart, 'bucketStart');
    if (at < start || at >= end) continue;
    good += bucket.good;
    total += bucket.total;
  }
  return { good, total };
}

/**
 * The error budget of any objective: availability objectives from agreed service time and downtime,
 * ratio and latency objectives from the SLI buckets that start within the period. Missing measurements
 * give `no-data`.
 *
 * @public
 */
export function objectiveErrorBudget(input: {
  objective: Pick<ObjectiveInput, 'name' | 'kind' | 'target'>;
  period: { start: number; end: number };
  availability?: {
    agreedServiceTime: number;
    elapsedAgreedServiceTime: number;
    downtime: number;
  };
  buckets?: readonly SliBucketInput[];
}): ErrorBudgetFigures {
  const { objective } = input;
  if (objective.kind === 'availability') {
    return availabilityErrorBudget({
      target: objective.target,
      agreedServiceTime: input.availability?.agreedServiceTime ?? 0,
      elapsedAgreedServiceTime: input.availability?.elapsedAgreedServiceTime,
      downtime: input.availability?.downtime ?? 0,
    });
  }
  const { good, total } = sliTotals(
    input.buckets ?? [],
    objective.name,
    input.period.start,
    input.period.end,
  );
  return eventErrorBudget({ target: objective.target, good, total });
}

/**
 * - `no-data`: nothing measured (no agreed service time elapsed, no events);
 * - `breached`: the budget is spent, consumed ≥ allowed (an objective with nothing allowed, target 100,
 *   is breached by the first bad second or event, not by zero);
 * - `at-risk` (only while the period runs): less than 25 % of the budget left, or burning faster
 *   than 1 (projected to be spent before it ends);
 * - `met` otherwise: once the period has ended an objective is met or breached, however little was
 *   left.
 *
 * @public
 */
export function budgetStatus(input: {
  noData: boolean;
  allowed: number;
  consumed: number;
  burnRate: number | null;
  periodOver: boolean;
}): ObjectiveStatus {
  const { allowed, consumed, burnRate } = input;
  if (input.noData) return 'no-data';
  if (consumed > 0 && atLeast(consumed, allowed)) return 'breached';
  if (input.periodOver) return 'met';
  const remaining = allowed - consumed;
  if (!atLeast(remaining, AT_RISK_REMAINING_SHARE * allowed)) return 'at-risk';
  if (burnRate !== null && !atLeast(1, burnRate)) return 'at-risk';
  return 'met';
}

const STATUS_SEVERITY: Record<ObjectiveStatus, number> = {
  'no-data': 0,
  met: 1,
  'at-risk': 2,
  breached: 3,
};

/**
 * An agreement's status: the worst of its objectives'; `no-data` only when none has data.
 *
 * @public
 */
export function agreementStatus(
  statuses: readonly ObjectiveStatus[],
): ObjectiveStatus {
  return statuses.reduce<ObjectiveStatus>(
    (worst, status) =>
      STATUS_SEVERITY[status] > STATUS_SEVERITY[worst] ? status : worst,
    'no-data',
  );
}

/**
 * (1 − target/100) × base. The percentage gap is rounded to billionths of a percent first, so that
 * 99.9 % of 3 600 000 s allows exactly 3 600 s instead of 3 599.9999999996 s, which would turn "exactly
 * spent" into a coin toss.
 *
 * @public
 */
export function allowedShareOf(target: number, base: number): number {
  if (!(target > 0 && target <= 100)) {
    throw new RangeError(
      `target must be a percentage above 0 and at most 100, got ${target}`,
    );
  }
  const gapInBillionthsOfAPercent = Math.round((100 - target) * 1e9);
  return (base * gapInBillionthsOfAPercent) / 1e11;
}

function budget(input: {
  unit: ErrorBudgetFigures['unit'];
  allowed: number;
  consumed: number;
  elapsedShare: number;
  periodOver: boolean;
  actual: number | null;
  noData: boolean;
}): ErrorBudgetFigures {
  const { allowed, consumed, elapsedShare } = input;
  const consumedShare = allowed > 0 ? consumed / allowed : null;
  const burnRate =
    consumedShare !== null && elapsedShare > 0
      ? consumedShare / elapsedShare
      : null;
  return {
    unit: input.unit,
    allowed,
    consumed,
    remaining: allowed - consumed,
    consumedShare,
    remainingShare: consumedShare === null ? null : 1 - consumedShare,
    elapsedShare,
    burnRate,
    actual: input.actual,
    status: budgetStatus({
      noData: input.noData,
      allowed,
      consumed,
      burnRate,
      periodOver: input.periodOver,
    }),
  };
}

/** a ≥ b, forgiving the last bits of floating-point noise. */
function atLeast(a: number, b: number): boolean {
  return a >= b - 1e-9 * Math.max(1, Math.abs(b));
}
