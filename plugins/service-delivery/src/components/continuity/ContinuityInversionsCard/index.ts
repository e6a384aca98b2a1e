export { ContinuityInversionsCard } from './ContinuityInversionsCard';
export type { ContinuityInversionsCardProps } from './ContinuityInversionsCard';
