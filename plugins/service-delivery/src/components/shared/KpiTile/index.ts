export { KpiTile } from './KpiTile';
export type { KpiTileProps } from './KpiTile';
export { KpiTileRow } from './KpiTileRow';
export type { KpiTileRowProps, KpiTileWidths } from './KpiTileRow';
