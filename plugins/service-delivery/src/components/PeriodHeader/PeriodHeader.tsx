import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { PeriodRange } from '@service-delivery/plugin-service-delivery-common';
import { formatDate, formatDateTime } from '../../format';
import { PeriodPicker } from '../PeriodPicker';

/** @public */
export interface PeriodHeaderProps {
  title: string;
  /** The period the figures are for, once loaded. */
  range?: PeriodRange;
  period: string | undefined;
  onPeriodChange: (period: string | undefined) => void;
}

/**
 * A tab's title with the period its figures cover and the picker to choose another.
 *
 * @public
 */
export function PeriodHeader(props: PeriodHeaderProps) {
  const { title, range, period, onPeriodChange } = props;
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
          <Typography variant="body2" color="textSecondary">
            {range.label}: {formatDate(range.start)} – {formatDate(range.end)}
            {ongoing &&
              ` · measured until ${formatDateTime(range.measuredUntil)}`}
          </Typography>
        )}
      </Box>
      <PeriodPicker value={period} onChange={onPeriodChange} />
    </Box>
  );
}
