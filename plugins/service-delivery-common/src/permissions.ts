import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Sending measured data (incidents, SLI counts, costs, capacity samples, DR tests) for a catalog
 * entity to the ingest API. A resource permission on the entity each record names, so that a policy
 * can use the catalog's conditions (`isEntityOwner`, `isEntityKind`, …).
 *
 * @public
 */
export const serviceDeliveryWritePermission = createPermission({
  name: 'service-delivery.data.write',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Reading the cost figures of a catalog entity, which are sensitive: budgets, actuals, chargeback,
 * cost centre, unit costs, cost per hour of an outage and expected annual loss. A resource
 * permission on the entity, like {@link serviceDeliveryWritePermission}.
 *
 * @public
 */
export const serviceDeliveryCostReadPermission = createPermission({
  name: 'service-delivery.cost.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Reading the cost lines that name no entity the catalog knows (held unattributed), and the
 * organisation's unattributed spend. A plugin-level permission: such a line belongs to no entity a
 * condition could be decided on — grant it to finance, who map the lines to services.
 *
 * @public
 */
export const serviceDeliveryUnattributedCostReadPermission = createPermission({
  name: 'service-delivery.cost.unattributed.read',
  attributes: { action: 'read' },
});

/**
 * Every permission of the Service Delivery plugins.
 *
 * @public
 */
export const serviceDeliveryPermissions = [
  serviceDeliveryWritePermission,
  serviceDeliveryCostReadPermission,
  serviceDeliveryUnattributedCostReadPermission,
];

/**
 * Marks an answer whose money fields (declared budget, chargeback and cost centre, cost per hour,
 * expected annual loss) were left out because the caller may not read that entity's cost.
 *
 * @public
 */
export type CostHiddenFlag = { costHidden?: true };
