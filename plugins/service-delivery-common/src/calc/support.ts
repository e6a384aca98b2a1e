import { MS_PER_SECOND, toMillis } from './intervals';
import { IncidentInput, SupportTargetInput } from './types';

/** @public */
export interface SupportCompliance {
  priority: string;
  /** Seconds; null when the agreement sets no such target. */
  responseTarget: number | null;
  resolutionTarget: number | null;
  /** Incidents of this priority that started in the period (planned work excluded). */
  incidents: number;
  respondedInTime: number | null;
  resolvedInTime: number | null;
  /** Acknowledged (or resolved) after the target, or still unacknowledged past it. */
  responseMissed: number | null;
  /** Resolved after the target, or still open past it. */
  resolutionMissed: number | null;
  /** Still waiting, but within the target: neither in time nor missed yet. */
  responsePending: number | null;
  resolutionPending: number | null;
  /** respondedInTime / (in time + missed), as a percentage; null when nothing is decided yet. */
  responseCompliance: number | null;
  resolutionCompliance: number | null;
}

class Tally {
  inTime = 0;
  missed = 0;
  pending = 0;

  add(
    startedAt: number,
    doneAt: number | undefined,
    targetSeconds: number,
    asOf: number,
  ) {
    const deadline = startedAt + targetSeconds * MS_PER_SECOND;
    if (doneAt !== undefined) {
      if (doneAt <= deadline) this.inTime++;
      else this.missed++;
    } else if (asOf > deadline) {
      this.missed++;
    } else {
      this.pending++;
    }
  }

  compliance(): number | null {
    const decided = this.inTime + this.missed;
    return decided > 0 ? (this.inTime / decided) * 100 : null;
  }
}

/**
 * Response and resolution against the agreement's targets, per priority, for incidents that started in
 * `[periodStart, periodEnd)`. Response time runs from start to acknowledgement; an incident resolved without
 * ever being acknowledged counts its resolution as the response. Open or unacknowledged incidents are
 * judged at `asOf` (default `periodEnd`): past the target they have missed it, within it they are pending.
 * A time exactly equal to the target is in time. Incidents whose priority has no target are not counted.
 *
 * @public
 */
export function supportCompliance(
  incidents: readonly IncidentInput[],
  supportTargets: readonly SupportTargetInput[],
  opts: { periodStart: number; periodEnd: number; asOf?: number },
): SupportCompliance[] {
  const asOf = opts.asOf ?? opts.periodEnd;
  return supportTargets.map(target => {
    const responseTarget = target.response ?? null;
    const resolutionTarget = target.resolution ?? null;
    const response = new Tally();
    const resolution = new Tally();
    let count = 0;
    for (const incident of incidents) {
      if (incident.planned || incident.priority !== target.priority) continue;
      const startedAt = toMillis(
        incident.startedAt,
        `incident ${incident.id} startedAt`,
      );
      if (startedAt < opts.periodStart || startedAt >= opts.periodEnd) continue;
      count++;
      const resolvedAt = optionalMillis(
        incident.resolvedAt,
        `incident ${incident.id} resolvedAt`,
      );
      const acknowledgedAt =
        optionalMillis(
          incident.acknowledgedAt,
          `incident ${incident.id} acknowledgedAt`,
        ) ?? resolvedAt;
      if (responseTarget !== null) {
        response.add(startedAt, acknowledgedAt, responseTarget, asOf);
      }
      if (resolutionTarget !== null) {
        resolution.add(startedAt, resolvedAt, resolutionTarget, asOf);
      }
    }
    return {
      priority: target.priority,
      responseTarget,
      resolutionTarget,
      incidents: count,
      respondedInTime: responseTarget === null ? null : response.inTime,
      resolvedInTime: resolutionTarget === null ? null : resolution.inTime,
      responseMissed: responseTarget === null ? null : response.missed,
      resolutionMissed: resolutionTarget === null ? null : resolution.missed,
      responsePending: responseTarget === null ? null : response.pending,
      resolutionPending: resolutionTarget === null ? null : resolution.pending,
      responseCompliance:
        responseTarget === null ? null : response.compliance(),
      resolutionCompliance:
        resolutionTarget === null ? null : resolution.compliance(),
    };
  });
}

function optionalMillis(
  instant: IncidentInput['resolvedAt'],
  field: string,
): number | undefined {
  return instant === null || instant === undefined
    ? undefined
    : toMillis(instant, field);
}
