/**
 * Service Delivery for Backstage: the SLA, Availability, Continuity, Cost and Capacity tabs of an
 * entity, its summary and metadata-problems cards, the portfolio tab of a group, system or domain,
 * and the organisation-wide overview page.
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
  HomePageMyServicesCard,
  ServiceDeliverySearchResultListItem,
  ServiceDeliveryPortfolioPreload,
} from './plugin';
export type { PortfolioPreloadProps } from './PortfolioPreload';
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
export type { MyServicesCardProps } from './components/cards/MyServicesCard';
export type { ServiceDeliverySearchResultListItemProps } from './components/search/ServiceDeliverySearchResultListItem';
export type { ServiceDeliveryPageProps } from './components/overview/ServiceDeliveryPage';
export type { ServiceDeliveryProblemsCardProps } from './components/cards/ServiceDeliveryProblemsCard';
export type { ServiceDeliverySummaryCardProps } from './components/cards/ServiceDeliverySummaryCard';
