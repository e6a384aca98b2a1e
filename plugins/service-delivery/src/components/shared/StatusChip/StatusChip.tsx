import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { Status } from '@service-delivery/plugin-service-delivery-common';
import { statusLabels } from '../../../format';
import { readableFill } from '../../../contrast';

const useStyles = makeStyles((theme: Theme) => {
  const filled = (color: string) => readableFill(theme, color);
  return {
    met: filled(theme.palette.success.main),
    'at-risk': filled(theme.palette.warning.main),
    breached: filled(theme.palette.error.main),
    'no-data': filled(theme.palette.grey[500]),
  };
});

/** @public */
export interface StatusChipProps {
  status: Status;
  size?: 'small' | 'medium';
}

/**
 * An objective's or agreement's status: met (green), at risk (amber), breached (red) or no data
 * (grey).
 *
 * @public
 */
export function StatusChip(props: StatusChipProps) {
  const { status, size = 'small' } = props;
  const classes = useStyles();
  return (
    <Chip
      size={size}
      label={statusLabels[status] ?? status}
      className={classes[status]}
      data-status={status}
    />
  );
}
