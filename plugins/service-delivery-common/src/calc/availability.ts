import { DowntimeMeasurement, measureDowntime } from './downtime';
import { MS_PER_SECOND, subtractIntervals, totalMillis } from './intervals';
import { ResolvedPeriod } from './periods';
import { agreedServiceWindows } from './serviceTime';
import { IncidentInput, ServiceHoursInput, TimeInterval } from './types';

/**
 * Agreed service windows less excluded time; the windows themselves when nothing is excluded.
 *
 * @public
 */
export function withoutExcluded(
  windows: TimeInterval[],
  excluded: readonly TimeInterval[] | undefined,
): TimeInterval[] {
  return excluded && excluded.length > 0
    ? subtractIntervals(windows, excluded)
    : windows;
}

/** @public */
export interface AvailabilityMetrics {
  /** (AST − downtime) / AST as a percentage; null without agreed service time. */
  availability: number | null;
  /** Mean time between failures, (AST − downtime) / failures, in seconds; null without failures. */
  mtbf: number | null;
  /** Mean time to restore service, downtime / failures, in seconds. */
  mtrs: number | null;
  /** Mean time between service incidents, AST / failures (= MTBF + MTRS), in seconds. */
  mtbsi: number | null;
}

/**
 * The ITIL availability figures from agreed service time and downtime (both in seconds).
 *
 * @public
 */
export function availabilityMetrics(input: {
  ast: number;
  downtime: number;
  failures: number;
}): AvailabilityMetrics {
  const { ast, downtime, failures } = input;
  const uptime = ast - downtime;
  return {
    availability: ast > 0 ? (uptime / ast) * 100 : null,
    mtbf: failures > 0 ? uptime / failures : null,
    mtrs: failures > 0 ? downtime / failures : null,
    mtbsi: failures > 0 ? ast / failures : null,
  };
}

/** @public */
export interface PeriodAvailability extends AvailabilityMetrics {
  /** Agreed service time elapsed so far in the period (up to its elapsed end), seconds. */
  agreedServiceTime: number;
  /** Agreed service time of the whole period, seconds. */
  periodAgreedServiceTime: number;
  downtime: DowntimeMeasurement;
}

/**
 * Availability of a service over a period as measured so far: agreed service time up to the period's
 * elapsed end, downtime within it (open incidents counting until then), and the metrics.
 *
 * @public
 */
export function periodAvailability(input: {
  serviceHours?: ServiceHoursInput;
  incidents: readonly IncidentInput[];
  period: Pick<ResolvedPeriod, 'start' | 'end' | 'elapsedEnd'>;
  partialOutageWeight?: number;
  /** Time that counts neither as agreed service time nor as downtime (SLA corrections). */
  excluded?: readonly TimeInterval[];
}): PeriodAvailability {
  const { period } = input;
  const agreed = (end: number) =>
    withoutExcluded(
      agreedServiceWindows(input.serviceHours, period.start, end),
      input.excluded,
    );
  const windows = agreed(period.elapsedEnd);
  const periodWindows =
    period.elapsedEnd >= period.end ? windows : agreed(period.end);
  const downtime = measureDowntime({
    incidents: input.incidents,
    windows,
    periodEnd: period.elapsedEnd,
    partialOutageWeight: input.partialOutageWeight,
  });
  const ast = totalMillis(windows) / MS_PER_SECOND;
  return {
    agreedServiceTime: ast,
    periodAgreedServiceTime: totalMillis(periodWindows) / MS_PER_SECOND,
    downtime,
    ...availabilityMetrics({
      ast,
      downtime: downtime.downtimeSeconds,
      failures: downtime.failures,
    }),
  };
}
