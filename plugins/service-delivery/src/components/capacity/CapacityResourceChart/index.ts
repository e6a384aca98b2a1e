export { CapacityResourceChart } from './CapacityResourceChart';
export type { CapacityResourceChartProps } from './CapacityResourceChart';
