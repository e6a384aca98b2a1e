export { serviceDeliveryApiRef } from './ServiceDeliveryApi';
export type { PeriodSpec, ServiceDeliveryApi } from './ServiceDeliveryApi';
export { ServiceDeliveryClient } from './ServiceDeliveryClient';
