import { Info } from 'luxon';
import { measureDowntime, OutageSegment } from './downtime';
import { allowedShareOf } from './errorBudget';
import {
  coverageBefore,
  MS_PER_DAY,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  toMillis,
  totalMillis,
  unionIntervals,
} from './intervals';
import { PeriodError, ResolvedPeriod } from './periods';
import { agreedServiceWindows } from './serviceTime';
import {
  IncidentInput,
  ServiceHoursInput,
  SliBucketInput,
  TimeInterval,
} from './types';
import { withoutExcluded } from './availability';
import { offsetLookup, wallClockInstant } from './zone';

/**
 * The budget left at an instant, for the burn-down chart.
 *
 * @public
 */
export interface BurnDownPoint {
  at: number;
  /** remaining / allowed at that instant; null while nothing is allowed or nothing is measured. */
  remainingShare: number | null;
}

/**
 * The part of a resolved period a burn-down needs.
 *
 * @public
 */
export type PeriodSpan = Pick<
  ResolvedPeriod,
  'start' | 'end' | 'elapsedEnd' | 'timezone'
>;

/**
 * The instants a burn-down is drawn at: the period's start, every local midnight while it has run, and
 * its elapsed end.
 *
 * @public
 */
export function burnDownInstants(period: PeriodSpan): number[] {
  const { start, elapsedEnd } = period;
  if (!(elapsedEnd > start)) return [start];
  const zone = Info.normalizeZone(period.timezone);
  if (!zone.isValid) {
    // its midnights would never come: every offset it has is NaN
    throw new PeriodError(
      `Unknown timezone "${period.timezone}"; use an IANA name such as Europe/London`,
    );
  }
  const offsetAt = offsetLookup(
    zone,
    start - MS_PER_DAY,
    elapsedEnd + 3 * MS_PER_DAY,
  );
  const instants = [start];
  // Local midnights: step over local dates and convert back; a day's length follows the clocks.
  const firstDate =
    Math.floor((start + offsetAt(start) * MS_PER_MINUTE) / MS_PER_DAY) *
    MS_PER_DAY;
  for (let date = firstDate + MS_PER_DAY; ; date += MS_PER_DAY) {
    const midnight = wallClockInstant(date, offsetAt);
    if (!(midnight < elapsedEnd)) break;
    if (midnight > start) instants.push(midnight);
  }
  instants.push(elapsedEnd);
  return instants;
}

/**
 * Remaining share of an availability budget through the period: the allowance is the whole period's
 * (as in availabilityErrorBudget), the downtime what had accrued by each instant.
 *
 * @public
 */
export function availabilityBurnDown(input: {
  target: number;
  serviceHours?: ServiceHoursInput;
  incidents: readonly IncidentInput[];
  period: PeriodSpan;
  partialOutageWeight?: number;
  /** Time excluded by SLA corrections: neither agreed service time nor downtime. */
  excluded?: readonly TimeInterval[];
}): BurnDownPoint[] {
  const { period } = input;
  const agreed = (end: number) =>
    withoutExcluded(
      agreedServiceWindows(input.serviceHours, period.start, end),
      input.excluded,
    );
  const allowed = allowedShareOf(
    input.target,
    totalMillis(agreed(period.end)) / MS_PER_SECOND,
  );
  const windows = agreed(period.elapsedEnd);
  const segments = measureDowntime({
    incidents: input.incidents,
    windows,
    periodEnd: period.elapsedEnd,
    partialOutageWeight: input.partialOutageWeight,
  }).outages.flatMap(outage => outage.segments);
  const agreedBefore = coverageBefore(unionIntervals(windows));
  const downtimeMsOf = (segment: OutageSegment, until: number) =>
    (agreedBefore(Math.min(segment.end, until)) - agreedBefore(segment.start)) *
    segment.weight;

  // The instants rise, so one pass adds each segment once it has ended and the one in progress in part.
  let next = 0;
  let endedDowntimeMs = 0;
  return burnDownInstants(period).map(at => {
    if (!(allowed > 0)) return { at, remainingShare: null };
    while (next < segments.length && segments[next].end <= at) {
      endedDowntimeMs += downtimeMsOf(segments[next], at);
      next++;
    }
    const downtimeMs =
      next < segments.length && segments[next].start < at
        ? endedDowntimeMs + downtimeMsOf(segments[next], at)
        : endedDowntimeMs;
    return {
      at,
      remainingShare: 1 - downtimeMs / MS_PER_SECOND / allowed,
    };
  });
}

/**
 * Remaining share of a ratio or latency budget through the period, on the events counted by each
 * instant (buckets that started before it), as in eventErrorBudget.
 *
 * @public
 */
export function eventBurnDown(input: {
  target: number;
  objective: string;
  buckets: readonly SliBucketInput[];
  period: PeriodSpan;
}): BurnDownPoint[] {
  const { period } = input;
  const buckets = input.buckets
    .filter(bucket => bucket.objective === input.objective)
    .map(bucket => ({
      at: toMillis(bucket.bucketStart, 'bucketStart'),
      good: bucket.good,
      total: bucket.total,
    }))
    .filter(bucket => bucket.at >= period.start)
    .sort((a, b) => a.at - b.at);

  let next = 0;
  let bad = 0;
  let total = 0;
  return burnDownInstants(period).map(at => {
    while (next < buckets.length && buckets[next].at < at) {
      bad += buckets[next].total - buckets[next].good;
      total += buckets[next].total;
      next++;
    }
    const allowed = allowedShareOf(input.target, total);
    return {
      at,
      remainingShare: allowed > 0 ? 1 - bad / allowed : null,
    };
  });
}
