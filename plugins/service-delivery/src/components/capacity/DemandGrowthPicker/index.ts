export { DemandGrowthPicker } from './DemandGrowthPicker';
export type { DemandGrowthPickerProps } from './DemandGrowthPicker';
