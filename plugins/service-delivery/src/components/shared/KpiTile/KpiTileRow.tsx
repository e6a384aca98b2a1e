import Grid, { GridProps } from '@material-ui/core/Grid';
import { KpiTile, KpiTileProps } from './KpiTile';

/**
 * A tile's width from each breakpoint up, in twelfths of the row; `true` shares the row equally.
 *
 * @public
 */
export type KpiTileWidths = Pick<GridProps, 'xs' | 'sm' | 'md' | 'lg' | 'xl'>;

/** @public */
export interface KpiTileRowProps {
  /** The tiles in order; their labels tell them apart, so each is unique. */
  tiles: KpiTileProps[];
  /** By default one tile a row on a phone, two on a small screen, all in one row from medium up. */
  widths?: KpiTileWidths;
}

const defaultWidths: KpiTileWidths = { xs: 12, sm: 6, md: true };

/**
 * A tab's headline figures: a row of KPI tiles that wraps on narrower screens.
 *
 * @public
 */
export function KpiTileRow(props: KpiTileRowProps) {
  const { tiles, widths = defaultWidths } = props;
  return (
    <Grid container spacing={2}>
      {tiles.map(tile => (
        <Grid item {...widths} key={tile.label}>
          <KpiTile {...tile} />
        </Grid>
      ))}
    </Grid>
  );
}
