export { EmptyStateGuide } from './EmptyStateGuide';
export type { EmptyStateGuideProps } from './EmptyStateGuide';
