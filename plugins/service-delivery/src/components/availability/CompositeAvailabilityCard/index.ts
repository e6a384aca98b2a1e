export { CompositeAvailabilityCard } from './CompositeAvailabilityCard';
export type { CompositeAvailabilityCardProps } from './CompositeAvailabilityCard';
