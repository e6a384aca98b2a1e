import Box from '@material-ui/core/Box';
import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { Status } from '@service-delivery/plugin-service-delivery-common';
import { ReactNode } from 'react';
import { StatusChip } from '../StatusChip';

/** @public */
export interface KpiTileProps {
  label: string;
  value: ReactNode;
  /** A line under the value, such as the target. */
  caption?: ReactNode;
  status?: Status;
  /** What the figure means, shown on hover and when the tile has the keyboard's focus. */
  description?: string;
}

/**
 * One headline figure.
 *
 * @public
 */
export function KpiTile(props: KpiTileProps) {
  const { label, value, caption, status, description } = props;
  const tile = (
    <Paper
      variant="outlined"
      style={{ height: '100%' }}
      tabIndex={description ? 0 : undefined}
    >
      <Box p={2} role="group" aria-label={label}>
        <Typography variant="overline" color="textSecondary" component="div">
          {label}
        </Typography>
        <Typography variant="h5" component="div">
          {value}
        </Typography>
        <Box display="flex" alignItems="center" gridGap={8} minHeight={24}>
          {caption && (
            <Typography variant="caption" color="textSecondary">
              {caption}
            </Typography>
          )}
          {status && <StatusChip status={status} />}
        </Box>
      </Box>
    </Paper>
  );
  return description ? (
    <Tooltip title={description} placement="top">
      {tile}
    </Tooltip>
  ) : (
    tile
  );
}
