export { RecoveryObjectivesCard } from './RecoveryObjectivesCard';
export type { RecoveryObjectivesCardProps } from './RecoveryObjectivesCard';
