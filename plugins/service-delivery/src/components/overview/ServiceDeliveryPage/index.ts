export { ServiceDeliveryPage } from './ServiceDeliveryPage';
export type { ServiceDeliveryPageProps } from './ServiceDeliveryPage';
