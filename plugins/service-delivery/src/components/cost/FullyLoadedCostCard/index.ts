export { FullyLoadedCostCard } from './FullyLoadedCostCard';
export type { FullyLoadedCostCardProps } from './FullyLoadedCostCard';
