export { SlaCorrectionsCard } from './SlaCorrectionsCard';
export type { SlaCorrectionsCardProps } from './SlaCorrectionsCard';
