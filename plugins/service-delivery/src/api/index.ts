export { serviceDeliveryApiRef } from './ServiceDeliveryApi';
export type {
  CapacityWhatIf,
  CostRange,
  PeriodSpec,
  ServiceDeliveryApi,
} from './ServiceDeliveryApi';
export { ServiceDeliveryClient } from './ServiceDeliveryClient';
export { queryParams } from './overviewQuery';
export type {
  FindingsQuery,
  OverviewFilters,
  OverviewQuery,
  SlaReportQuery,
} from './overviewQuery';
