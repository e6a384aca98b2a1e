import { PeriodAvailability, periodAvailability } from './availability';
import { ErrorBudgetFigures, objectiveErrorBudget } from './errorBudget';
import {
  MS_PER_SECOND,
  clipIntervals,
  coveredMillis,
  toMillis,
  unionIntervals,
} from './intervals';
import { ResolvedPeriod } from './periods';
import {
  IncidentInput,
  Instant,
  ObjectiveInput,
  ServiceHoursInput,
  SliBucketInput,
  TimeInterval,
} from './types';

/**
 * What the calculations read of an SLA correction: the agreement it names (every agreement when
 * absent) and either the incident it excludes or the interval `[from, to)`.
 *
 * @public
 */
export interface CorrectionInput {
  agreement?: string;
  incident?: { source: string; id: string };
  from?: Instant;
  to?: Instant;
}

/**
 * An incident a correction can name: its id and the system it came from.
 *
 * @public
 */
export type NamedIncident = IncidentInput & { source?: string };

/**
 * The corrections that apply to an agreement: those naming it and those naming none.
 *
 * @public
 */
export function correctionsOfAgreement<C extends CorrectionInput>(
  corrections: readonly C[],
  agreement: string,
): C[] {
  return corrections.filter(
    c => c.agreement === undefined || c.agreement === agreement,
  );
}

/**
 * What corrections take out of the measurements over a range (a period up to its elapsed end, or a
 * burn-rate window).
 *
 * @public
 */
export interface CorrectedMeasurements<I extends NamedIncident, C> {
  /** the corrections that changed something in the range */
  applied: C[];
  /** the incidents that still count */
  incidents: I[];
  /** the incidents a correction named */
  excludedIncidents: I[];
  /**
   * The intervals corrections exclude, clipped to the range, sorted and disjoint: neither agreed
   * service time nor downtime for availability objectives, no events for the others.
   */
  excludedTime: TimeInterval[];
  /**
   * What ratio and latency objectives leave out: the excluded intervals and the time the excluded
   * incidents ran (an open one until the range's end), since their SLI buckets do not say which
   * incident made an event bad.
   */
  excludedEventTime: TimeInterval[];
}

const incidentKey = (source: string | undefined, id: string) =>
  JSON.stringify([source ?? '', id]);

/**
 * Applies corrections (already those of one agreement, see {@link correctionsOfAgreement}) to the
 * incidents over `[range.start, range.end)`. An incident is excluded when a correction names its
 * source and id; an interval correction excludes the part of it inside the range. A correction
 * whose interval misses the range, or that names an incident not in `incidents`, changes nothing.
 *
 * @public
 */
export function applyCorrections<
  I extends NamedIncident,
  C extends CorrectionInput,
>(input: {
  corrections: readonly C[];
  incidents: readonly I[];
  range: TimeInterval;
}): CorrectedMeasurements<I, C> {
  const { range } = input;
  const named = new Map<string, C>();
  const intervals: Array<{ correction: C; span: TimeInterval }> = [];
  for (const correction of input.corrections) {
    if (correction.incident) {
      named.set(
        incidentKey(correction.incident.source, correction.incident.id),
        correction,
      );
    } else if (correction.from !== undefined && correction.to !== undefined) {
      const [span] = clipIntervals(
        [
          {
            start: toMillis(correction.from, 'correction from'),
            end: toMillis(correction.to, 'correction to'),
          },
        ],
        range.start,
        range.end,
      );
      if (span) intervals.push({ correction, span });
    }
  }

  const applied = new Set<C>(intervals.map(i => i.correction));
  const incidents: I[] = [];
  const excludedIncidents: I[] = [];
  const incidentSpans: TimeInterval[] = [];
  for (const incident of input.incidents) {
    const correction = named.get(incidentKey(incident.source, incident.id));
    if (!correction) {
      incidents.push(incident);
      continue;
    }
    excludedIncidents.push(incident);
    const start = toMillis(incident.startedAt, `incident ${incident.id}`);
    const end =
      incident.resolvedAt === null || incident.resolvedAt === undefined
        ? range.end
        : toMillis(incident.resolvedAt, `incident ${incident.id}`);
    const [span] = clipIntervals([{ start, end }], range.start, range.end);
    if (span) {
      incidentSpans.push(span);
      applied.add(correction);
    }
  }
  const excludedTime = unionIntervals(intervals.map(i => i.span));
  return {
    applied: input.corrections.filter(c => applied.has(c)),
    incidents,
    excludedIncidents,
    excludedTime,
    excludedEventTime: unionIntervals([...excludedTime, ...incidentSpans]),
  };
}

/**
 * SLI buckets less excluded time: each bucket keeps the share of its good and total events that fell
 * outside `excluded` (events taken as spread evenly over the bucket); a bucket wholly excluded goes.
 *
 * @public
 */
export function bucketsOutside<B extends SliBucketInput>(
  buckets: readonly B[],
  excluded: readonly TimeInterval[],
): B[] {
  if (excluded.length === 0) return [...buckets];
  const sorted = unionIntervals(excluded);
  const kept: B[] = [];
  for (const bucket of buckets) {
    const start = toMillis(bucket.bucketStart, 'bucketStart');
    const length = bucket.bucketSeconds * MS_PER_SECOND;
    const out = coveredMillis(sorted, start, start + length);
    if (out <= 0 || length <= 0) {
      kept.push(bucket);
    } else if (out < length) {
      const share = (length - out) / length;
      kept.push({
        ...bucket,
        good: bucket.good * share,
        total: bucket.total * share,
      });
    }
  }
  return kept;
}

/**
 * The figures an agreement is judged on over a period: its corrections applied to the period's
 * incidents and, when any changed something, its availability recomputed without the excluded
 * incidents and time. Without one, `measured` (when given) is the agreed availability as it is.
 *
 * @public
 */
export interface AgreedMeasurements<I extends NamedIncident, C>
  extends CorrectedMeasurements<I, C> {
  availability: PeriodAvailability;
}

/** @public */
export function agreedMeasurements<
  I extends NamedIncident,
  C extends CorrectionInput,
>(input: {
  /** the entity's corrections; those of other agreements are left out here */
  corrections: readonly C[];
  agreement: string;
  incidents: readonly I[];
  period: Pick<ResolvedPeriod, 'start' | 'end' | 'elapsedEnd'>;
  serviceHours?: ServiceHoursInput;
  partialOutageWeight?: number;
  /** the period's measured availability, reused when no correction applies */
  measured?: PeriodAvailability;
}): AgreedMeasurements<I, C> {
  const { period } = input;
  const corrected = applyCorrections({
    corrections: correctionsOfAgreement(input.corrections, input.agreement),
    incidents: input.incidents,
    range: { start: period.start, end: period.elapsedEnd },
  });
  const availability =
    corrected.applied.length === 0 && input.measured
      ? input.measured
      : periodAvailability({
          serviceHours: input.serviceHours,
          incidents: corrected.incidents,
          period,
          partialOutageWeight: input.partialOutageWeight,
          excluded: corrected.excludedTime,
        });
  return { ...corrected, availability };
}

/**
 * One objective of an agreement over a period, as the agreement counts it: availability objectives
 * from the agreed availability, ratio and latency objectives from their SLI buckets less the
 * corrected time. The SLA tab, the overview and the SLA report all evaluate objectives here.
 *
 * @public
 */
export function evaluateObjective(input: {
  objective: Pick<ObjectiveInput, 'name' | 'kind' | 'target'>;
  period: Pick<ResolvedPeriod, 'start' | 'elapsedEnd'>;
  agreed: Pick<
    AgreedMeasurements<NamedIncident, unknown>,
    'availability' | 'excludedEventTime'
  >;
  /** the objective's buckets that start in the period (ratio and latency objectives) */
  buckets?: readonly SliBucketInput[];
}): ErrorBudgetFigures {
  const { objective, agreed } = input;
  const { availability } = agreed;
  return objectiveErrorBudget({
    objective,
    period: { start: input.period.start, end: input.period.elapsedEnd },
    availability: {
      agreedServiceTime: availability.periodAgreedServiceTime,
      elapsedAgreedServiceTime: availability.agreedServiceTime,
      downtime: availability.downtime.downtimeSeconds,
    },
    buckets:
      objective.kind === 'availability'
        ? []
        : bucketsOutside(input.buckets ?? [], agreed.excludedEventTime),
  });
}
