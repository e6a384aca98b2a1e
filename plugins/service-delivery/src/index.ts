/**
 * Service Delivery for Backstage: entity tabs and cards for service level and availability
 * management.
 *
 * @packageDocumentation
 */

export {
  serviceDeliveryPlugin,
  EntityServiceDeliveryProblemsCard,
  EntityServiceDeliverySummaryCard,
  EntitySlaContent,
  EntityAvailabilityContent,
} from './plugin';
export {
  isServiceDeliveryAvailable,
  isSlaAvailable,
  isAvailabilityAvailable,
  isCostAvailable,
  isCapacityAvailable,
  isContinuityAvailable,
} from './predicates';
export { serviceDeliveryApiRef, ServiceDeliveryClient } from './api';
export type { PeriodSpec, ServiceDeliveryApi } from './api';
export type { ServiceDeliveryProblemsCardProps } from './components/ServiceDeliveryProblemsCard';
export type { ServiceDeliverySummaryCardProps } from './components/ServiceDeliverySummaryCard';
