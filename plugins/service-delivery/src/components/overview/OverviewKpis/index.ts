export { OverviewKpis } from './OverviewKpis';
export type { OverviewKpisProps } from './OverviewKpis';
