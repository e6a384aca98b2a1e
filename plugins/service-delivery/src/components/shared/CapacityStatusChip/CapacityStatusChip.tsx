import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { CapacityResourceStatus } from '@service-delivery/plugin-service-delivery-common';
import { readableFill } from '../../../contrast';

const labels: Record<CapacityResourceStatus, string> = {
  ok: 'OK',
  warning: 'Warning',
  critical: 'Critical',
  'no-data': 'No data',
};

const useStyles = makeStyles((theme: Theme) => {
  const filled = (color: string) => readableFill(theme, color);
  return {
    ok: filled(theme.palette.success.main),
    warning: filled(theme.palette.warning.main),
    critical: filled(theme.palette.error.main),
    'no-data': filled(theme.palette.grey[500]),
  };
});

/** @public */
export interface CapacityStatusChipProps {
  status: CapacityResourceStatus;
}

/**
 * A resource's utilisation against its thresholds: OK (green), warning (amber), critical (red) or
 * no data (grey).
 *
 * @public
 */
export function CapacityStatusChip(props: CapacityStatusChipProps) {
  const { status } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={labels[status] ?? status}
      className={classes[status]}
      data-status={status}
    />
  );
}
