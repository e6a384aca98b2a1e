export { CapacityStatusChip } from './CapacityStatusChip';
export type { CapacityStatusChipProps } from './CapacityStatusChip';
