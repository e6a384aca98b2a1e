export { CostCoverageCard } from './CostCoverageCard';
export type { CostCoverageCardProps } from './CostCoverageCard';
