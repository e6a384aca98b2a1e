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
  EntityContinuityContent,
  EntityCostContent,
  EntityCapacityContent,
  ServiceDeliveryPage,
  EntityServiceDeliveryPortfolioContent,
} from './plugin';
export { isPortfolioAvailable } from './portfolioPredicate';
export {
  isServiceDeliveryAvailable,
  isSlaAvailable,
  isAvailabilityAvailable,
  isCostAvailable,
  isCapacityAvailable,
  isContinuityAvailable,
  isBlastRadiusAvailable,
} from './predicates';
export { serviceDeliveryApiRef, ServiceDeliveryClient } from './api';
export type {
  CapacityWhatIf,
  CostRange,
  PeriodSpec,
  ServiceDeliveryApi,
} from './api';
export type {
  FindingsQuery,
  OverviewFilters,
  OverviewQuery,
  SlaReportQuery,
} from './api';
export type { ServiceDeliveryPageProps } from './components/ServiceDeliveryPage';
export type { ServiceDeliveryProblemsCardProps } from './components/ServiceDeliveryProblemsCard';
export type { ServiceDeliverySummaryCardProps } from './components/ServiceDeliverySummaryCard';
