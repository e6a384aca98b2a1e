/**
 * Types, the `spec.serviceDelivery` schema and validator, permissions and every calculation of
 * the Service Delivery plugins.
 *
 * @packageDocumentation
 */

export * from './types';
export {
  DurationError,
  formatDuration,
  parseDuration,
  tryParseDuration,
} from './duration';
export * from './schema';
export * from './validation';
export * from './records';
export * from './permissions';
export * from './calc';
export * from './api';
export * from './costAttribution';
export * from './relations';
export * from './overview';
export * from './search';
export * from './links';
export * from './money';
export { chunks } from './chunks';
export { recentResults } from './recentResults';
export { isOwnKey, ownEntry } from './ownEntry';
