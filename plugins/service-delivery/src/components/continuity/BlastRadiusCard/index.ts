export { BlastRadiusCard } from './BlastRadiusCard';
export type { BlastRadiusCardProps } from './BlastRadiusCard';
export { BlastRadiusTree } from './BlastRadiusTree';
export type { BlastRadiusTreeProps } from './BlastRadiusTree';
