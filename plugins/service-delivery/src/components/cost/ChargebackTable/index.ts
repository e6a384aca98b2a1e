export { ChargebackTable } from './ChargebackTable';
export type { ChargebackTableProps } from './ChargebackTable';
