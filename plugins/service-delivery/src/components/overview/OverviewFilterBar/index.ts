export { OverviewFilterBar } from './OverviewFilterBar';
export type { OverviewFilterBarProps } from './OverviewFilterBar';
