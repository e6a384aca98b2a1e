import { PeriodRange } from '@service-delivery/plugin-service-delivery-common';
import {
  formatDateTimeIn,
  formatPeriodDays,
  knownTimezone,
} from '../../../format';
import { PeriodPicker } from '../PeriodPicker';
import { TabHeader } from '../TabHeader';

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
  const { title, range, period, onPeriodChange } = props;
  const timezone = knownTimezone(props.timezone);
  const ongoing = range && range.measuredUntil < range.end;
  return (
    <TabHeader
      title={title}
      subtitle={
        range && (
          <>
            {range.label}: {formatPeriodDays(range, timezone)} ({timezone})
            {ongoing &&
              ` · measured until ${formatDateTimeIn(
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
