export { OverviewCharts } from './OverviewCharts';
export type { OverviewChartsProps } from './OverviewCharts';
