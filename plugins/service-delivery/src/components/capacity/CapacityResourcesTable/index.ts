export { CapacityResourcesTable } from './CapacityResourcesTable';
export type { CapacityResourcesTableProps } from './CapacityResourcesTable';
