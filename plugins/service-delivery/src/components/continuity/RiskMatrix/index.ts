export { RiskMatrix } from './RiskMatrix';
export type { RiskMatrixProps } from './RiskMatrix';
