import { Entity } from '@backstage/catalog-model';
import {
  ServiceDeliverySpec,
  isServiceDeliveryEntityKind,
} from '@service-delivery/plugin-service-delivery-common';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/*
 * The predicates read the metadata as the catalog holds it, which may be invalid: the catalog keeps
 * entities with problems (validation: warn), so every field is checked before it is trusted.
 */
function serviceDeliveryOf(entity: Entity): ServiceDeliverySpec | undefined {
  const value = entity.spec?.serviceDelivery;
  return isObject(value) ? (value as ServiceDeliverySpec) : undefined;
}

function agreementsOf(entity: Entity): unknown[] {
  const agreements = serviceDeliveryOf(entity)?.agreements;
  return Array.isArray(agreements) ? agreements : [];
}

/**
 * The entity declares `spec.serviceDelivery`.
 *
 * @public
 */
export function isServiceDeliveryAvailable(entity: Entity): boolean {
  return serviceDeliveryOf(entity) !== undefined;
}

/**
 * The entity declares at least one agreement: it gets an SLA tab.
 *
 * @public
 */
export function isSlaAvailable(entity: Entity): boolean {
  return agreementsOf(entity).length > 0;
}

/**
 * The entity has an availability objective in one of its agreements, or declares its service hours:
 * it gets an Availability tab.
 *
 * @public
 */
export function isAvailabilityAvailable(entity: Entity): boolean {
  if (isObject(serviceDeliveryOf(entity)?.serviceHours)) {
    return true;
  }
  return agreementsOf(entity).some(
    agreement =>
      isObject(agreement) &&
      Array.isArray(agreement.objectives) &&
      agreement.objectives.some(
        objective => isObject(objective) && objective.kind === 'availability',
      ),
  );
}

/**
 * The entity declares `serviceDelivery.cost`.
 *
 * @public
 */
export function isCostAvailable(entity: Entity): boolean {
  return isObject(serviceDeliveryOf(entity)?.cost);
}

/**
 * The entity declares capacity resources.
 *
 * @public
 */
export function isCapacityAvailable(entity: Entity): boolean {
  const resources = serviceDeliveryOf(entity)?.capacity?.resources;
  return Array.isArray(resources) && resources.length > 0;
}

/**
 * The entity declares `serviceDelivery.continuity`.
 *
 * @public
 */
export function isContinuityAvailable(entity: Entity): boolean {
  return isObject(serviceDeliveryOf(entity)?.continuity);
}

/**
 * The entity is a Component, Resource or System: whether or not it declares continuity, the
 * Continuity tab can show what fails with it.
 *
 * @public
 */
export function isBlastRadiusAvailable(entity: Entity): boolean {
  return isServiceDeliveryEntityKind(entity.kind);
}

/**
 * The timezone the entity's periods are calendar periods in: its service hours', else UTC (as the
 * backend reads it). Answers name it as their period's `timezone`; this is for before they arrive.
 */
export function declaredTimezone(entity: Entity): string {
  const timezone = serviceDeliveryOf(entity)?.serviceHours?.timezone;
  return typeof timezone === 'string' && timezone ? timezone : 'UTC';
}

/** The string fields of a declared `prometheus` block: its PromQL by field. */
function queriesOf(value: unknown): Record<string, string> | undefined {
  if (!isObject(value)) return undefined;
  const queries = Object.entries(value).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return queries.length > 0 ? Object.fromEntries(queries) : undefined;
}

/**
 * The PromQL an objective of one of the entity's agreements declares (`good` and `total`, or
 * `ratio`), for the Prometheus provider to pull; undefined when it declares none.
 */
export function declaredObjectiveQueries(
  entity: Entity,
  agreement: string,
  objective: string,
): Record<string, string> | undefined {
  const declared = agreementsOf(entity).find(
    a => isObject(a) && a.name === agreement,
  ) as { objectives?: unknown } | undefined;
  const objectives = Array.isArray(declared?.objectives)
    ? declared!.objectives
    : [];
  const found = objectives.find(o => isObject(o) && o.name === objective);
  return queriesOf(isObject(found) ? found.prometheus : undefined);
}

/** The PromQL a capacity resource declares (`used`); undefined when it declares none. */
export function declaredResourceQueries(
  entity: Entity,
  resource: string,
): Record<string, string> | undefined {
  const resources = serviceDeliveryOf(entity)?.capacity?.resources;
  const found = (Array.isArray(resources) ? resources : []).find(
    r => isObject(r) && r.name === resource,
  );
  return queriesOf(isObject(found) ? found.prometheus : undefined);
}
