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
  WriteContext,
  AuditEntry,
  RecordedEntity,
  RetractableKind,
  StoredCorrection,
} from './database/ServiceDeliveryStore';
