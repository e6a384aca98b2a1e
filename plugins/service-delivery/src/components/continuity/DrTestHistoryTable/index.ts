export { DrTestHistoryTable } from './DrTestHistoryTable';
export type { DrTestHistoryTableProps } from './DrTestHistoryTable';
