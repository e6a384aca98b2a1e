import { measureDowntime } from './downtime';
import {
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  toMillis,
  totalMillis,
} from './intervals';
import { allowedShareOf } from './errorBudget';
import { agreedServiceWindows } from './serviceTime';
import {
  IncidentInput,
  ServiceHoursInput,
  SliBucketInput,
  TimeInterval,
} from './types';
import { withoutExcluded } from './availability';

/** @public */
export type AlertSeverity = 'page' | 'ticket';

/** @public */
export interface BurnRateWindowPair {
  severity: AlertSeverity;
  /** Window lengths in seconds. */
  longWindow: number;
  shortWindow: number;
  threshold: number;
}

/**
 * The Google SRE workbook's multi-window, multi-burn-rate alerting pairs.
 *
 * @public
 */
export const BURN_RATE_ALERT_WINDOWS: readonly BurnRateWindowPair[] = [
  {
    severity: 'page',
    longWindow: MS_PER_HOUR / MS_PER_SECOND,
    shortWindow: (5 * MS_PER_MINUTE) / MS_PER_SECOND,
    threshold: 14.4,
  },
  {
    severity: 'page',
    longWindow: (6 * MS_PER_HOUR) / MS_PER_SECOND,
    shortWindow: (30 * MS_PER_MINUTE) / MS_PER_SECOND,
    threshold: 6,
  },
  {
    severity: 'ticket',
    longWindow: (3 * MS_PER_DAY) / MS_PER_SECOND,
    shortWindow: (6 * MS_PER_HOUR) / MS_PER_SECOND,
    threshold: 1,
  },
];

/**
 * The share of bad service in `[start, end)` (0–1), or null when nothing was measured in it.
 *
 * @public
 */
export type ErrorRatioSource = (start: number, end: number) => number | null;

/** @public */
export interface BurnRateAlertResult extends BurnRateWindowPair {
  /** null when the window holds no data. */
  longBurnRate: number | null;
  shortBurnRate: number | null;
  /** Both windows burn faster than the threshold: the long one proves it matters, the short one that it is still happening. */
  firing: boolean;
}

/**
 * Evaluates the multi-window burn-rate alerts at `now`. Burn rate over a window = error ratio in the
 * window / (1 − target). An alert fires when both its windows burn strictly faster than its threshold
 * (as the workbook's `>`); a window without data does not fire.
 *
 * @public
 */
export function burnRateAlerts(input: {
  errorRatio: ErrorRatioSource;
  target: number;
  now: Date | number;
  windows?: readonly BurnRateWindowPair[];
}): BurnRateAlertResult[] {
  const now = toMillis(input.now, 'now');
  const budgetRatio = allowedShareOf(input.target, 1);
  const burnRateOver = (seconds: number) => {
    const ratio = input.errorRatio(now - seconds * MS_PER_SECOND, now);
    if (ratio === null) return null;
    if (budgetRatio === 0) return ratio > 0 ? Number.POSITIVE_INFINITY : 0;
    return ratio / budgetRatio;
  };
  return (input.windows ?? BURN_RATE_ALERT_WINDOWS).map(pair => {
    const longBurnRate = burnRateOver(pair.longWindow);
    const shortBurnRate = burnRateOver(pair.shortWindow);
    const above = (rate: number | null) =>
      rate !== null && rate > pair.threshold * (1 + 1e-9);
    return {
      ...pair,
      longBurnRate,
      shortBurnRate,
      firing: above(longBurnRate) && above(shortBurnRate),
    };
  });
}

/**
 * Error ratio from SLI buckets of one objective. A bucket that straddles a window's edge counts in
 * proportion to its overlap (events are taken as spread evenly over the bucket), so that a 5-minute
 * window over 1-minute or 10-minute buckets is measured fairly.
 *
 * @public
 */
export function sliErrorRatio(
  buckets: readonly SliBucketInput[],
  objective?: string,
): ErrorRatioSource {
  const spans = buckets
    .filter(b => objective === undefined || b.objective === objective)
    .map(b => {
      const start = toMillis(b.bucketStart, 'bucketStart');
      return {
        start,
        end: start + b.bucketSeconds * MS_PER_SECOND,
        good: b.good,
        total: b.total,
      };
    });
  return (start, end) => {
    let bad = 0;
    let total = 0;
    for (const span of spans) {
      const length = span.end - span.start;
      const overlap = Math.min(end, span.end) - Math.max(start, span.start);
      if (overlap <= 0 || length <= 0) continue;
      const share = overlap / length;
      bad += share * (span.total - span.good);
      total += share * span.total;
    }
    return total > 0 ? bad / total : null;
  };
}

/**
 * Error ratio of an availability objective: weighted downtime in the window over the agreed service time
 * in it (for a 24x7 service, the window's length). A window with no agreed time has no data. Incidents
 * still open count until the window's end.
 *
 * @public
 */
export function downtimeErrorRatio(input: {
  incidents: readonly IncidentInput[];
  serviceHours?: ServiceHoursInput;
  partialOutageWeight?: number;
  /** Time excluded by SLA corrections: neither agreed service time nor downtime. */
  excluded?: readonly TimeInterval[];
}): ErrorRatioSource {
  return (start, end) => {
    const windows = withoutExcluded(
      agreedServiceWindows(input.serviceHours, start, end),
      input.excluded,
    );
    const agreedMs = totalMillis(windows);
    if (agreedMs <= 0) return null;
    const { downtimeSeconds } = measureDowntime({
      incidents: input.incidents,
      windows,
      periodEnd: end,
      partialOutageWeight: input.partialOutageWeight,
    });
    return (downtimeSeconds * MS_PER_SECOND) / agreedMs;
  };
}
