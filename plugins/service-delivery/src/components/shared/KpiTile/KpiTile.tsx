import Paper from '@material-ui/core/Paper';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Status } from '@service-delivery/plugin-service-delivery-common';
import { ReactNode } from 'react';
import { StatusChip } from '../StatusChip';

// static classes, not Box: each Box draws a style sheet of its own, and a page shows many tiles
const useStyles = makeStyles(theme => ({
  body: { padding: theme.spacing(2) },
  // the overline's own line height (2.66) reads a label that wraps as two labels
  label: { lineHeight: 1.6, marginBottom: theme.spacing(0.5) },
  caption: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    minHeight: 24,
  },
}));

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
  const classes = useStyles();
  const { label, value, caption, status, description } = props;
  const tile = (
    <Paper
      variant="outlined"
      style={{ height: '100%' }}
      tabIndex={description ? 0 : undefined}
    >
      <div className={classes.body} role="group" aria-label={label}>
        <Typography
          variant="overline"
          color="textSecondary"
          component="div"
          className={classes.label}
        >
          {label}
        </Typography>
        <Typography variant="h5" component="div">
          {value}
        </Typography>
        <div className={classes.caption}>
          {caption && (
            <Typography variant="caption" color="textSecondary">
              {caption}
            </Typography>
          )}
          {status && <StatusChip status={status} />}
        </div>
      </div>
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
