export { SupportTargetsTable } from './SupportTargetsTable';
export type { SupportTargetsTableProps } from './SupportTargetsTable';
