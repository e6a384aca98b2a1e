import {
  coverageBefore,
  MS_PER_SECOND,
  toMillis,
  unionIntervals,
} from './intervals';
import { IncidentInput, TimeInterval } from './types';

/**
 * DESIGN §2 `partialOutageWeight` when the configuration does not set one.
 *
 * @public
 */
export const DEFAULT_PARTIAL_OUTAGE_WEIGHT = 0.5;

/**
 * Share of an incident's time that counts as downtime: full 1, partial the weight, anything else 0.
 *
 * @public
 */
export function impactWeight(
  incident: Pick<IncidentInput, 'impact' | 'planned'>,
  partialOutageWeight: number = DEFAULT_PARTIAL_OUTAGE_WEIGHT,
): number {
  if (incident.planned) return 0;
  if (incident.impact === 'full') return 1;
  if (incident.impact === 'partial') return partialOutageWeight;
  return 0;
}

/**
 * A stretch of time in which the same incidents were active, at the heaviest of their weights.
 *
 * @public
 */
export interface OutageSegment extends TimeInterval {
  weight: number;
}

/**
 * One failure: a continuous stretch of outage, the union of overlapping or touching incident impacts.
 * `start`/`end` are the outage as it happened (only cut at the measurement end), while `downtimeSeconds`
 * counts only what fell in agreed service time.
 *
 * @public
 */
export interface Outage extends TimeInterval {
  /** The heaviest weight reached during the outage. */
  weight: number;
  incidentIds: string[];
  downtimeSeconds: number;
  segments: OutageSegment[];
}

/** @public */
export interface DowntimeMeasurement {
  downtimeSeconds: number;
  failures: number;
  outages: Outage[];
  /** Every incident passed in, in input order, with the downtime attributed to it. */
  perIncident: Array<{ id: string; downtimeSeconds: number }>;
}

/** @public */
export interface MeasureDowntimeInput {
  incidents: readonly IncidentInput[];
  /** Agreed service time windows (see agreedServiceWindows). */
  windows: readonly TimeInterval[];
  /** Where measurement stops (the period's elapsed end): open incidents count until it. */
  periodEnd: number;
  partialOutageWeight?: number;
}

/**
 * Downtime over agreed service time.
 *
 * - Impacts are unioned: where incidents overlap, each instant counts once, at the heaviest weight active.
 * - Failures are the outages (connected stretches of positive-weight impact) that overlap agreed time. An
 *   outage that runs through a gap in the agreed time (overnight, a maintenance window) is still one
 *   failure: the service was not restored in between.
 * - Attribution: each segment's downtime is split equally among the incidents active at its heaviest
 *   weight; lighter incidents overlapped by a heavier one get nothing for that stretch. The attributed
 *   downtimes therefore add up to the total.
 *
 * @public
 */
export function measureDowntime(
  input: MeasureDowntimeInput,
): DowntimeMeasurement {
  const partialOutageWeight =
    input.partialOutageWeight ?? DEFAULT_PARTIAL_OUTAGE_WEIGHT;
  if (!(partialOutageWeight >= 0 && partialOutageWeight <= 1)) {
    throw new RangeError(
      `partialOutageWeight must be between 0 and 1, got ${partialOutageWeight}`,
    );
  }
  const agreedBefore = coverageBefore(unionIntervals(input.windows));
  const { impacts, weights, slotOf } = incidentImpacts(
    input.incidents,
    input.periodEnd,
    partialOutageWeight,
  );
  // Stable sort: impacts starting together keep input order, which is the order of `Outage.incidentIds`.
  const byStart = [...impacts].sort((a, b) => a.start - b.start);
  const byEnd = [...impacts].sort((a, b) => a.end - b.end);

  // Per weight (heaviest first): the incidents active at it, and the downtime one of them has been
  // attributed since the outage began, which grows only while that weight is the heaviest active.
  const activeAt = new Array<number>(weights.length).fill(0);
  const sharePerIncident = new Array<number>(weights.length).fill(0);
  // Per incident id and weight: its active impacts (an id given twice still counts once) and the share
  // per incident when it became active; what it is attributed is the growth of that share until it ends.
  const activeImpacts = new Int32Array(slotOf.size * weights.length);
  const shareAtStart = new Float64Array(slotOf.size * weights.length);
  const attributedMs = new Float64Array(slotOf.size);

  const outages: Outage[] = [];
  let current: Outage | undefined;
  let seen = new Set<string>();
  let downtimeMs = 0;

  let nextStart = 0;
  let nextEnd = 0;
  const nextBoundary = () =>
    nextStart < byStart.length
      ? Math.min(byStart[nextStart].start, byEnd[nextEnd].end)
      : byEnd[nextEnd].end;

  while (nextEnd < byEnd.length) {
    const at = nextBoundary();
    for (; nextEnd < byEnd.length && byEnd[nextEnd].end === at; nextEnd++) {
      const { slot, rank } = byEnd[nextEnd];
      const key = slot * weights.length + rank;
      if (--activeImpacts[key] === 0) {
        activeAt[rank]--;
        attributedMs[slot] += sharePerIncident[rank] - shareAtStart[key];
      }
    }
    if (nextStart < byStart.length && byStart[nextStart].start === at) {
      if (!current || current.end < at) {
        if (current && current.downtimeSeconds > 0) outages.push(current);
        current = {
          start: at,
          end: at,
          weight: 0,
          incidentIds: [],
          downtimeSeconds: 0,
          segments: [],
        };
        seen = new Set();
        // Nothing is active between outages, so the running shares can start again from zero.
        sharePerIncident.fill(0);
      }
      for (
        ;
        nextStart < byStart.length && byStart[nextStart].start === at;
        nextStart++
      ) {
        const { id, slot, rank } = byStart[nextStart];
        const key = slot * weights.length + rank;
        if (activeImpacts[key]++ === 0) {
          activeAt[rank]++;
          shareAtStart[key] = sharePerIncident[rank];
        }
        if (!seen.has(id)) {
          seen.add(id);
          current.incidentIds.push(id);
        }
      }
    }

    const heaviest = activeAt.findIndex(count => count > 0);
    if (heaviest < 0 || !current) continue;
    const end = nextBoundary();
    const weight = weights[heaviest];
    const segmentDowntimeMs = (agreedBefore(end) - agreedBefore(at)) * weight;
    downtimeMs += segmentDowntimeMs;
    sharePerIncident[heaviest] += segmentDowntimeMs / activeAt[heaviest];
    current.end = end;
    current.weight = Math.max(current.weight, weight);
    current.downtimeSeconds += segmentDowntimeMs / MS_PER_SECOND;
    current.segments.push({ start: at, end, weight });
  }
  if (current && current.downtimeSeconds > 0) outages.push(current);

  return {
    downtimeSeconds: downtimeMs / MS_PER_SECOND,
    failures: outages.length,
    outages,
    perIncident: input.incidents.map(incident => {
      const slot = slotOf.get(incident.id);
      return {
        id: incident.id,
        downtimeSeconds:
          slot === undefined ? 0 : attributedMs[slot] / MS_PER_SECOND,
      };
    }),
  };
}

interface Impact extends TimeInterval {
  id: string;
  /** Position of its weight among the distinct weights, heaviest first. */
  rank: number;
  /** Shared by every impact of the same incident id. */
  slot: number;
}

/** The incidents' positive-weight impact intervals, cut at `periodEnd`, in input order. */
function incidentImpacts(
  incidents: readonly IncidentInput[],
  periodEnd: number,
  partialOutageWeight: number,
): { impacts: Impact[]; weights: number[]; slotOf: Map<string, number> } {
  const weighted: Array<TimeInterval & { id: string; weight: number }> = [];
  for (const incident of incidents) {
    const weight = impactWeight(incident, partialOutageWeight);
    if (weight <= 0) continue;
    const start = toMillis(
      incident.startedAt,
      `incident ${incident.id} startedAt`,
    );
    const resolved =
      incident.resolvedAt === null || incident.resolvedAt === undefined
        ? periodEnd
        : toMillis(incident.resolvedAt, `incident ${incident.id} resolvedAt`);
    const end = Math.min(resolved, periodEnd);
    if (end > start) weighted.push({ id: incident.id, weight, start, end });
  }
  // Weights are compared by value: with partialOutageWeight 1 a partial incident is as heavy as a full one.
  const weights = Array.from(new Set(weighted.map(i => i.weight))).sort(
    (a, b) => b - a,
  );
  const slotOf = new Map<string, number>();
  const impacts = weighted.map(({ id, weight, start, end }) => {
    let slot = slotOf.get(id);
    if (slot === undefined) {
      slot = slotOf.size;
      slotOf.set(id, slot);
    }
    return { id, start, end, rank: weights.indexOf(weight), slot };
  });
  return { impacts, weights, slotOf };
}
