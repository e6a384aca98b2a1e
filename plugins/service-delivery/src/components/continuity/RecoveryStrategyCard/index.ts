export { RecoveryStrategyCard } from './RecoveryStrategyCard';
export type { RecoveryStrategyCardProps } from './RecoveryStrategyCard';
