import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { ContinuityHeadlineStatus } from '@service-delivery/plugin-service-delivery-common';
import { readableFill } from '../../../contrast';

const labels: Record<ContinuityHeadlineStatus, string> = {
  pass: 'Pass',
  warn: 'Warning',
  fail: 'Fail',
};

const useStyles = makeStyles((theme: Theme) => {
  const filled = (color: string) => readableFill(theme, color);
  return {
    pass: filled(theme.palette.success.main),
    warn: filled(theme.palette.warning.main),
    fail: filled(theme.palette.error.main),
  };
});

/** @public */
export interface ContinuityStatusChipProps {
  status: ContinuityHeadlineStatus;
}

/**
 * The worst continuity check of a service: pass (green), warning (amber) or fail (red).
 *
 * @public
 */
export function ContinuityStatusChip(props: ContinuityStatusChipProps) {
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
