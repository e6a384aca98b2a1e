import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { PeriodRange } from '@service-delivery/plugin-service-delivery-common';
import {
  formatDateTimeIn,
  formatPeriodDays,
  knownTimezone,
} from '../../../format';
import { PeriodPicker } from '../PeriodPicker';
import { useReadableStyles } from '../../../contrast';

/** @public */
export interface PeriodHeaderProps {
  title: string;
  /** The period the figures are for, once loaded. */
  range?: PeriodRange;
  /** The service's timezone, which its periods are calendar periods in. */
  timezone: string;
  period: string | undefined;
  onPeriodChange: (period: string | undefined) => void;
}

/**
 * A tab's title with the period its figures cover, in the service's timezone, and the picker to
 * choose another.
 *
 * @public
 */
export function PeriodHeader(props: PeriodHeaderProps) {
  const readable = useReadableStyles();
  const { title, range, period, onPeriodChange } = props;
  const timezone = knownTimezone(props.timezone);
  const ongoing = range && range.measuredUntil < range.end;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      gridGap={16}
    >
      <Box>
        <Typography variant="h5">{title}</Typography>
        {range && (
          <Typography variant="body2" className={readable.secondaryText}>
            {range.label}: {formatPeriodDays(range, timezone)} ({timezone})
            {ongoing &&
              ` · measured until ${formatDateTimeIn(
                range.measuredUntil,
                timezone,
              )}`}
          </Typography>
        )}
      </Box>
      <PeriodPicker value={period} onChange={onPeriodChange} />
    </Box>
  );
}
