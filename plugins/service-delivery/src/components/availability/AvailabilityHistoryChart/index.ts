export { AvailabilityHistoryChart } from './AvailabilityHistoryChart';
export type { AvailabilityHistoryChartProps } from './AvailabilityHistoryChart';
