/**
 * Catalog backend module that validates `spec.serviceDelivery` metadata and relates agreements to
 * their customers and providers.
 *
 * @packageDocumentation
 */

export { catalogModuleServiceDelivery as default } from './module';
export { ServiceDeliveryEntitiesProcessor } from './processor/ServiceDeliveryEntitiesProcessor';
