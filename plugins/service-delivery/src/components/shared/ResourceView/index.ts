export { ResourceView } from './ResourceView';
export type { ResourceViewProps } from './ResourceView';
export { useServiceDeliveryResource } from './useServiceDeliveryResource';
export type { ServiceDeliveryResource } from './useServiceDeliveryResource';
