import { Declared } from '../declared';
import { EntityPlan } from '../plans';
import { CorrectionRecord, IncidentRecord } from '../types';
import { Context } from './shared';

/** The plan's SLA correction of the entity's open incident, if it has one. */
export function correctionOf(
  declared: Declared,
  plan: EntityPlan,
  incidents: IncidentRecord[],
  ctx: Context,
): CorrectionRecord | undefined {
  const wanted = plan.correctOpenIncident;
  const open = incidents.find(
    incident =>
      incident.resolvedAt === null &&
      incident.title === plan.openIncident?.title,
  );
  if (!wanted || !open) return undefined;
  return {
    id: `${declared.ref}#correction-1`,
    entityRef: declared.ref,
    source: ctx.source,
    incident: { source: open.source, id: open.id },
    reason: wanted.reason,
    note: wanted.note,
  };
}
