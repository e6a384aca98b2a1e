export { TabHeader } from './TabHeader';
export type { TabHeaderProps } from './TabHeader';
