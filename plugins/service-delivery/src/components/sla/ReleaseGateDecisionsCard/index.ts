export { ReleaseGateDecisionsCard } from './ReleaseGateDecisionsCard';
export type { ReleaseGateDecisionsCardProps } from './ReleaseGateDecisionsCard';
