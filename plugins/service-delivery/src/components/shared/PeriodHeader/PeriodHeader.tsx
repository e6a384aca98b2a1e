import { PeriodRange } from '@service-delivery/plugin-service-delivery-common';
import { formatDays, formatInstant, knownTimezone } from '../../../dates';
import { PeriodPicker } from '../PeriodPicker';
import { TabHeader } from '../TabHeader';

/** @public */
export interface PeriodHeaderProps {
  title: string;
  /** The period the figures are for, once loaded. */
  range?: PeriodRange;
  /** The service's timezone, which its periods are calendar periods in; the range's own when it names one. */
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
  const { title, range, period, onPeriodChange } = props;
  const timezone = knownTimezone(range?.timezone ?? props.timezone);
  const ongoing = range && range.measuredUntil < range.end;
  return (
    <TabHeader
      title={title}
      subtitle={
        range && (
          <>
            {range.label}: {formatDays(range, timezone)} ({timezone})
            {ongoing &&
              ` · measured until ${formatInstant(
                range.measuredUntil,
                timezone,
              )}`}
          </>
        )
      }
      actions={<PeriodPicker value={period} onChange={onPeriodChange} />}
    />
  );
}
