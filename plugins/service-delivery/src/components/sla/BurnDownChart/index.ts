export { BurnDownChart } from './BurnDownChart';
export type { BurnDownChartProps } from './BurnDownChart';
