export { OutageAnalysisCard } from './OutageAnalysisCard';
export type { OutageAnalysisCardProps } from './OutageAnalysisCard';
