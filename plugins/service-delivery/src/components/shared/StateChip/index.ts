export { StateChip } from './StateChip';
export type { StateChipMapping, StateChipProps, StateTone } from './StateChip';
