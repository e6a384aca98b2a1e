export { MonthlyCostChart } from './MonthlyCostChart';
export type { MonthlyCostChartProps } from './MonthlyCostChart';
