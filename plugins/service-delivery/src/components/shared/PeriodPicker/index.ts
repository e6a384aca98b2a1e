export { PeriodPicker } from './PeriodPicker';
export type { PeriodPickerProps } from './PeriodPicker';
export { usePeriodParam } from './usePeriodParam';
export { periodOptions } from './periodOptions';
