export { ContinuityStatusChip } from './ContinuityStatusChip';
export type { ContinuityStatusChipProps } from './ContinuityStatusChip';
