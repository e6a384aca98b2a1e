export { BurnAttributionList } from './BurnAttributionList';
export type { BurnAttributionListProps } from './BurnAttributionList';
