export { OverviewContent } from './OverviewContent';
export type { OverviewContentProps, OverviewScope } from './OverviewContent';
