import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import { FindingSeverity } from '@service-delivery/plugin-service-delivery-common';
import { readableFill } from '../../../contrast';

const labels: Record<FindingSeverity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const useStyles = makeStyles((theme: Theme) => {
  const filled = (color: string) => readableFill(theme, color);
  return {
    critical: filled(theme.palette.error.dark),
    high: filled(theme.palette.error.main),
    medium: filled(theme.palette.warning.main),
    low: filled(theme.palette.info.main),
  };
});

/** @public */
export interface SeverityChipProps {
  severity: FindingSeverity;
}

/**
 * How urgent a finding is: critical, high, medium or low.
 *
 * @public
 */
export function SeverityChip(props: SeverityChipProps) {
  const { severity } = props;
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={labels[severity] ?? severity}
      className={classes[severity]}
      data-severity={severity}
    />
  );
}
