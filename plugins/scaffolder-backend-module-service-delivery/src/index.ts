/**
 * A scaffolder backend module with the `service-delivery:gate` action: templates that deploy ask
 * the Service Delivery release gate first.
 *
 * @packageDocumentation
 */

export { scaffolderModuleServiceDelivery as default } from './module';
export { createServiceDeliveryGateAction } from './actions/gate';
