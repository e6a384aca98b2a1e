export { ServiceDeliveryProblemsCard } from './ServiceDeliveryProblemsCard';
export type { ServiceDeliveryProblemsCardProps } from './ServiceDeliveryProblemsCard';
