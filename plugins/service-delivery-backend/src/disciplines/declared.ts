import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  Agreement,
  Objective,
  PERIOD_KINDS,
  PeriodKind,
  ServiceDeliverySpec,
  ServiceHoursInput,
  canonicalEntityRef,
  ownEntry,
  SupportTargetInput,
  tryParseDuration,
  usableServiceHours,
} from '@service-delivery/plugin-service-delivery-common';

/** The `spec.serviceDelivery` of an entity, or an empty one. */
export function declaredServiceDelivery(entity: Entity): ServiceDeliverySpec {
  const value = (entity.spec as { serviceDelivery?: unknown } | undefined)
    ?.serviceDelivery;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as ServiceDeliverySpec)
    : {};
}

/** The entity reference measured data is stored under: lower-case `kind:namespace/name`. */
export function recordRef(entity: Entity): string {
  return canonicalEntityRef(stringifyEntityRef(entity));
}

const usableByDeclared = new WeakMap<object, ServiceHoursInput>();

/**
 * The service hours figures are computed with: what can be laid out of those declared. Metadata
 * the validation only warns about may hold a timezone that is not known or a window that is not
 * understood; those are left out (UTC, round the clock), as they are named in its problems.
 */
export function serviceHoursOf(spec: ServiceDeliverySpec): ServiceHoursInput {
  const declared: unknown = spec.serviceHours;
  if (typeof declared !== 'object' || declared === null) return {};
  let usable = usableByDeclared.get(declared);
  if (!usable) {
    usable = usableServiceHours(declared);
    usableByDeclared.set(declared, usable);
  }
  return usable;
}

/** The timezone periods and months are aligned to: the declared one when it is known, else UTC. */
export function timezoneOf(spec: ServiceDeliverySpec): string {
  return serviceHoursOf(spec).timezone ?? 'UTC';
}

export function agreementsOf(spec: ServiceDeliverySpec): Agreement[] {
  return Array.isArray(spec.agreements)
    ? spec.agreements.filter(a => a && typeof a === 'object')
    : [];
}

/**
 * The objectives that can be measured: a target that is not a percentage above 0 and at most 100
 * is one of the entity's metadata problems, and the objective is left out of the figures.
 */
export function objectivesOf(agreement: Agreement): Objective[] {
  return Array.isArray(agreement.objectives)
    ? agreement.objectives.filter(
        o =>
          o &&
          typeof o === 'object' &&
          typeof o.target === 'number' &&
          o.target > 0 &&
          o.target <= 100,
      )
    : [];
}

/** The agreement's period; by the month when it declares none, or one that is not a period. */
export function periodKindOf(agreement: Agreement | undefined): PeriodKind {
  const period = agreement?.period;
  return period !== undefined && PERIOD_KINDS.includes(period)
    ? period
    : 'month';
}

export function supportTargetsOf(agreement: Agreement): SupportTargetInput[] {
  return (Array.isArray(agreement.support) ? agreement.support : []).map(
    target => ({
      priority: String(target.priority),
      response:
        target.response === undefined
          ? null
          : tryParseDuration(target.response) ?? null,
      resolution:
        target.resolution === undefined
          ? null
          : tryParseDuration(target.resolution) ?? null,
    }),
  );
}

/**
 * The availability the service commits to: the highest availability target among its agreements,
 * else its tier's policy.
 */
export function agreedAvailability(
  spec: ServiceDeliverySpec,
  tiers: Record<string, { availability?: number }>,
): { target: number; agreement?: Agreement } | undefined {
  let best: { target: number; agreement?: Agreement } | undefined;
  for (const agreement of agreementsOf(spec)) {
    for (const objective of objectivesOf(agreement)) {
      if (
        objective.kind === 'availability' &&
        (!best || objective.target > best.target)
      ) {
        best = { target: objective.target, agreement };
      }
    }
  }
  if (best) return best;
  const tierTarget = ownEntry(tiers, spec.tier)?.availability;
  return tierTarget === undefined ? undefined : { target: tierTarget };
}

/** Whether an agreement is in force at an instant (dates are whole days, UTC). */
export function inForce(agreement: Agreement, at: number): boolean {
  const effective = agreement.effective
    ? Date.parse(`${agreement.effective}T00:00:00Z`)
    : -Infinity;
  const expires = agreement.expires
    ? Date.parse(`${agreement.expires}T00:00:00Z`)
    : Infinity;
  return at >= effective && at < expires;
}
