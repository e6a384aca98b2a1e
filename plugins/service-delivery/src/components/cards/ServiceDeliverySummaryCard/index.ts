export { ServiceDeliverySummaryCard } from './ServiceDeliverySummaryCard';
export type { ServiceDeliverySummaryCardProps } from './ServiceDeliverySummaryCard';
