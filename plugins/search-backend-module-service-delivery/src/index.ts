/**
 * Backstage Search module that indexes the agreements and open findings of Service Delivery.
 *
 * @packageDocumentation
 */

export { searchModuleServiceDelivery as default } from './module';
export {
  ServiceDeliveryCollatorFactory,
  type ServiceDeliveryDocument,
} from './ServiceDeliveryCollatorFactory';
