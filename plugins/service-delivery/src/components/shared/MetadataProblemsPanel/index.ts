export { MetadataProblemsPanel } from './MetadataProblemsPanel';
export type { MetadataProblemsPanelProps } from './MetadataProblemsPanel';
