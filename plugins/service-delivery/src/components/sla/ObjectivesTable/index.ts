export { ObjectivesTable } from './ObjectivesTable';
export type { ObjectivesTableProps } from './ObjectivesTable';
