import { DateTime } from 'luxon';
import { measureDowntime } from './downtime';
import { MS_PER_SECOND, unionIntervals } from './intervals';
import { IncidentInput, TimeInterval } from './types';
import { knownZone } from './zone';

/** @public */
export interface DowntimeShare {
  /** The cause, priority, … the downtime is grouped by. */
  key: string;
  /** Seconds. */
  downtime: number;
  /** Incidents in the group that contributed downtime. */
  incidents: number;
  /** Percent of the period's downtime. */
  share: number;
}

/** @public */
export interface OutageAnalysis {
  /** Seconds. */
  downtime: number;
  failures: number;
  /** Grouped by incident cause (`unspecified` when none), most downtime first. */
  byCause: DowntimeShare[];
  /** Grouped by incident priority (`unspecified` when none), most downtime first. */
  byPriority: DowntimeShare[];
  /** Downtime seconds per local hour of day (0 = 00:00–00:59 in `timezone`), all 24 hours. */
  byHourOfDay: Array<{ hour: number; downtime: number }>;
  timezone: string;
}

/** @public */
export const UNSPECIFIED_GROUP = 'unspecified';

/**
 * ITIL's Service Outage Analysis: where the period's downtime went. Downtime is measured as in
 * measureDowntime (union, heaviest weight, clipped to agreed time) and attributed to incidents the same
 * way, so every breakdown adds up to the total. Hours of day are local wall-clock hours: on the day clocks
 * go back, the repeated hour's downtime lands in the same bucket twice.
 *
 * @public
 */
export function outageAnalysis(
  incidents: readonly IncidentInput[],
  windows: readonly TimeInterval[],
  periodEnd: number,
  opts: { timezone?: string; partialOutageWeight?: number } = {},
): OutageAnalysis {
  const timezone = knownZone(opts.timezone);
  if (!timezone) {
    throw new RangeError(`Unknown timezone "${opts.timezone}"`);
  }
  const agreed = unionIntervals(windows);
  const measured = measureDowntime({
    incidents,
    windows: agreed,
    periodEnd,
    partialOutageWeight: opts.partialOutageWeight,
  });
  const total = measured.downtimeSeconds;

  const downtimeById = new Map(
    measured.perIncident.map(entry => [entry.id, entry.downtimeSeconds]),
  );
  const contributing = new Map<string, IncidentInput>();
  for (const incident of incidents) {
    if ((downtimeById.get(incident.id) ?? 0) > 0) {
      contributing.set(incident.id, incident);
    }
  }
  const groupBy = (keyOf: (incident: IncidentInput) => string) => {
    const groups = new Map<string, { seconds: number; incidents: number }>();
    for (const [id, incident] of contributing) {
      const key = keyOf(incident);
      const group = groups.get(key) ?? { seconds: 0, incidents: 0 };
      group.seconds += downtimeById.get(id) ?? 0;
      group.incidents += 1;
      groups.set(key, group);
    }
    return Array.from(groups, ([key, group]) => ({
      key,
      downtime: group.seconds,
      incidents: group.incidents,
      share: total > 0 ? (group.seconds / total) * 100 : 0,
    })).sort((a, b) => b.downtime - a.downtime || a.key.localeCompare(b.key));
  };

  const hourly = new Array<number>(24).fill(0);
  // Segments and agreed windows are both in time order: one merged pass over the two.
  let firstWindow = 0;
  for (const outage of measured.outages) {
    for (const segment of outage.segments) {
      while (
        firstWindow < agreed.length &&
        agreed[firstWindow].end <= segment.start
      ) {
        firstWindow++;
      }
      for (
        let w = firstWindow;
        w < agreed.length && agreed[w].start < segment.end;
        w++
      ) {
        const pieceEnd = Math.min(segment.end, agreed[w].end);
        let at = Math.max(segment.start, agreed[w].start);
        while (at < pieceEnd) {
          const local = DateTime.fromMillis(at, { zone: timezone });
          const nextHour = Math.min(
            pieceEnd,
            local.startOf('hour').plus({ hours: 1 }).toMillis(),
          );
          hourly[local.hour] +=
            ((nextHour - at) * segment.weight) / MS_PER_SECOND;
          at = nextHour;
        }
      }
    }
  }

  return {
    downtime: total,
    failures: measured.failures,
    byCause: groupBy(incident => incident.cause || UNSPECIFIED_GROUP),
    byPriority: groupBy(incident => incident.priority || UNSPECIFIED_GROUP),
    byHourOfDay: hourly.map((downtime, hour) => ({ hour, downtime })),
    timezone,
  };
}
