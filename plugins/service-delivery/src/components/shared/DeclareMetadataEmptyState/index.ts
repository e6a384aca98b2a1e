export { DeclareMetadataEmptyState } from './DeclareMetadataEmptyState';
export type { DeclareMetadataEmptyStateProps } from './DeclareMetadataEmptyState';
