export { ContinuityChecksCard } from './ContinuityChecksCard';
export type { ContinuityChecksCardProps } from './ContinuityChecksCard';
