import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Sending measured data (incidents, SLI counts, costs, capacity samples, DR tests) to the ingest API.
 *
 * @public
 */
export const serviceDeliveryWritePermission = createPermission({
  name: 'service-delivery.data.write',
  attributes: { action: 'create' },
});

/**
 * Reading cost figures, which are sensitive: budgets, actuals, chargeback and unit costs.
 *
 * @public
 */
export const serviceDeliveryCostReadPermission = createPermission({
  name: 'service-delivery.cost.read',
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
];
