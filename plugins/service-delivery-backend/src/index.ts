/**
 * The Service Delivery backend plugin.
 *
 * @packageDocumentation
 */

export { serviceDeliveryPlugin as default } from './plugin';
export type {
  ServiceDeliveryStore,
  IngestOutcome,
  TimeRange,
} from './database/ServiceDeliveryStore';
