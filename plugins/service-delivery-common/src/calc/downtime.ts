import {
  coveredMillis,
  MS_PER_SECOND,
  toMillis,
  unionIntervals,
} from './intervals';
import { IncidentInput, TimeInterval } from './types';

/** DESIGN §2 `partialOutageWeight` when the configuration does not set one. */
export const DEFAULT_PARTIAL_OUTAGE_WEIGHT = 0.5;

/** Share of an incident's time that counts as downtime: full 1, partial the weight, anything else 0. */
export function impactWeight(
  incident: Pick<IncidentInput, 'impact' | 'planned'>,
  partialOutageWeight: number = DEFAULT_PARTIAL_OUTAGE_WEIGHT,
): number {
  if (incident.planned) return 0;
  if (incident.impact === 'full') return 1;
  if (incident.impact === 'partial') return partialOutageWeight;
  return 0;
}

/** A stretch of time in which the same incidents were active, at the heaviest of their weights. */
export interface OutageSegment extends TimeInterval {
  weight: number;
  /** Incidents at that heaviest weight: the ones the segment's downtime is attributed to. */
  attributedTo: string[];
  /** Every incident active with a positive weight. */
  incidentIds: string[];
}

/**
 * One failure: a continuous stretch of outage, the union of overlapping or touching incident impacts.
 * `start`/`end` are the outage as it happened (only cut at the measurement end), while `downtimeSeconds`
 * counts only what fell in agreed service time.
 */
export interface Outage extends TimeInterval {
  /** The heaviest weight reached during the outage. */
  weight: number;
  incidentIds: string[];
  downtimeSeconds: number;
  segments: OutageSegment[];
}

export interface DowntimeMeasurement {
  downtimeSeconds: number;
  failures: number;
  outages: Outage[];
  /** Every incident passed in, in input order, with the downtime attributed to it. */
  perIncident: Array<{ id: string; downtimeSeconds: number }>;
}

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
 */
export function measureDowntime(
  input: MeasureDowntimeInput,
): DowntimeMeasurement {
  const weight = input.partialOutageWeight ?? DEFAULT_PARTIAL_OUTAGE_WEIGHT;
  if (!(weight >= 0 && weight <= 1)) {
    throw new RangeError(
      `partialOutageWeight must be between 0 and 1, got ${weight}`,
    );
  }
  const windows = unionIntervals(input.windows);
  const segments = outageSegments(input.incidents, input.periodEnd, weight);

  const attributed = new Map<string, number>();
  const outages: Outage[] = [];
  let current: Outage | undefined;
  let downtimeMs = 0;

  const closeOutage = () => {
    if (current && current.downtimeSeconds > 0) outages.push(current);
    current = undefined;
  };

  for (const segment of segments) {
    if (!current || segment.start > current.end) {
      closeOutage();
      current = {
        start: segment.start,
        end: segment.end,
        weight: 0,
        incidentIds: [],
        downtimeSeconds: 0,
        segments: [],
      };
    }
    const agreedMs = coveredMillis(windows, segment.start, segment.end);
    const segmentDowntimeMs = agreedMs * segment.weight;
    downtimeMs += segmentDowntimeMs;
    for (const id of segment.attributedTo) {
      attributed.set(
        id,
        (attributed.get(id) ?? 0) +
          segmentDowntimeMs / segment.attributedTo.length,
      );
    }
    current.end = segment.end;
    current.weight = Math.max(current.weight, segment.weight);
    current.downtimeSeconds += segmentDowntimeMs / MS_PER_SECOND;
    current.segments.push(segment);
    for (const id of segment.incidentIds) {
      if (!current.incidentIds.includes(id)) current.incidentIds.push(id);
    }
  }
  closeOutage();

  return {
    downtimeSeconds: downtimeMs / MS_PER_SECOND,
    failures: outages.length,
    outages,
    perIncident: input.incidents.map(incident => ({
      id: incident.id,
      downtimeSeconds: (attributed.get(incident.id) ?? 0) / MS_PER_SECOND,
    })),
  };
}

interface Impact extends TimeInterval {
  id: string;
  weight: number;
}

/** The incidents' impact intervals (cut at `periodEnd`), swept into segments of constant membership. */
export function outageSegments(
  incidents: readonly IncidentInput[],
  periodEnd: number,
  partialOutageWeight: number = DEFAULT_PARTIAL_OUTAGE_WEIGHT,
): OutageSegment[] {
  const impacts: Impact[] = [];
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
    if (end > start) impacts.push({ id: incident.id, weight, start, end });
  }

  const boundaries = Array.from(
    new Set(impacts.flatMap(i => [i.start, i.end])),
  ).sort((a, b) => a - b);
  const segments: OutageSegment[] = [];
  for (let b = 0; b + 1 < boundaries.length; b++) {
    const start = boundaries[b];
    const end = boundaries[b + 1];
    const active = impacts.filter(i => i.start <= start && i.end >= end);
    if (active.length === 0) continue;
    const heaviest = Math.max(...active.map(i => i.weight));
    segments.push({
      start,
      end,
      weight: heaviest,
      attributedTo: distinct(
        active.filter(i => i.weight === heaviest).map(i => i.id),
      ),
      incidentIds: distinct(active.map(i => i.id)),
    });
  }
  return segments;
}

function distinct(ids: string[]): string[] {
  return Array.from(new Set(ids));
}
