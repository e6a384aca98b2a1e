export { CostRangePicker, costRangeOf } from './CostRangePicker';
export type { CostRangePickerProps } from './CostRangePicker';
