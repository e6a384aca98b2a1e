import {
  CorrectionReason,
  formatDuration,
  formatMoney as formatMoneyIn,
  PolicyFilterValue,
  Status,
} from '@service-delivery/plugin-service-delivery-common';

/*
 * Presentation only: every figure arrives computed from the backend; these turn numbers into text.
 */

/** What a figure that is not there shows. */
export const PLACEHOLDER = '—';

/** `99.95%`, `99.987%`: availability figures need their third decimal. */
export function formatPercent(
  value: number | null | undefined,
  digits = 3,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return PLACEHOLDER;
  }
  return `${Number(value.toFixed(digits))}%`;
}

/** A share 0–1 (above 1, or negative, once a budget is overspent) as a percentage. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) {
    return PLACEHOLDER;
  }
  return formatPercent(share * 100, 1);
}

/** Seconds as people write durations: `21m 36s`, `4h`, `2d 3h`. */
export function formatSeconds(
  seconds: number | null | undefined,
  parts = 2,
): string {
  if (seconds === null || seconds === undefined) {
    return PLACEHOLDER;
  }
  return formatDuration(seconds, { parts });
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return PLACEHOLDER;
  }
  return Math.round(value).toLocaleString('en-US');
}

/** An error-budget amount: time for availability objectives, a number of bad events otherwise. */
export function formatBudgetAmount(
  amount: number,
  unit: 'seconds' | 'events',
): string {
  if (unit === 'seconds') {
    return formatSeconds(amount);
  }
  const events = formatCount(amount);
  return Math.abs(amount) === 1 ? `${events} event` : `${events} events`;
}

export function formatBurnRate(burnRate: number | null | undefined): string {
  if (
    burnRate === null ||
    burnRate === undefined ||
    !Number.isFinite(burnRate)
  ) {
    return PLACEHOLDER;
  }
  return `${Number(burnRate.toFixed(2))}×`;
}

const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(instant: string | null | undefined): string {
  if (!instant) {
    return PLACEHOLDER;
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? instant : dateTimeFormat.format(date);
}

export function formatDate(
  instant: string | number | null | undefined,
): string {
  if (instant === null || instant === undefined || instant === '') {
    return PLACEHOLDER;
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime())
    ? String(instant)
    : dateFormat.format(date);
}

/*
 * Periods are calendar periods in the service's timezone: October in Pacific/Auckland starts on
 * 30 September in UTC. So a period's days and times are shown in that zone, never the browser's.
 */

const zonedFormats = new Map<string, Intl.DateTimeFormat>();

function zonedFormat(timezone: string): Intl.DateTimeFormat {
  let format = zonedFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    zonedFormats.set(timezone, format);
  }
  return format;
}

/** The zone itself when the browser knows it, else UTC (as the backend treats a service without one). */
export function knownTimezone(timezone: string | null | undefined): string {
  if (!timezone) {
    return 'UTC';
  }
  try {
    zonedFormat(timezone);
    return timezone;
  } catch {
    return 'UTC';
  }
}

type ZonedParts = Record<'day' | 'month' | 'year' | 'hour' | 'minute', string>;

function zonedParts(
  instant: string | number,
  timezone: string,
): ZonedParts | undefined {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    return undefined;
  }
  const parts = Object.fromEntries(
    zonedFormat(knownTimezone(timezone))
      .formatToParts(date)
      .map(part => [part.type, part.value]),
  );
  return parts as ZonedParts;
}

/** An instant written from its parts in a timezone; what is no instant as it came. */
function formatZoned(
  instant: string | number | null | undefined,
  timezone: string,
  write: (parts: ZonedParts) => string,
): string {
  if (instant === null || instant === undefined || instant === '') {
    return PLACEHOLDER;
  }
  const parts = zonedParts(instant, timezone);
  return parts ? write(parts) : String(instant);
}

/** The day an instant falls on in a timezone: `1 Oct 2026`. */
export function formatDayIn(
  instant: string | number | null | undefined,
  timezone: string,
): string {
  return formatZoned(
    instant,
    timezone,
    parts => `${parts.day} ${parts.month} ${parts.year}`,
  );
}

/** An instant as the clock in a timezone shows it: `20 Oct 2026, 10:00`. */
export function formatDateTimeIn(
  instant: string | number | null | undefined,
  timezone: string,
): string {
  return formatZoned(
    instant,
    timezone,
    parts =>
      `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`,
  );
}

const MONTH_LABEL = /^(\d{4})-(\d{2})$/;
const QUARTER_LABEL = /^(\d{4})-Q([1-4])$/;

/** The first and the last day of a calendar period from its label: its dates in any timezone. */
function calendarDays(label: string): [number, number] | undefined {
  // day 0 of the month after the period is the period's last day
  const month = MONTH_LABEL.exec(label);
  if (month) {
    const [year, index] = [Number(month[1]), Number(month[2]) - 1];
    return [Date.UTC(year, index, 1), Date.UTC(year, index + 1, 0)];
  }
  const quarter = QUARTER_LABEL.exec(label);
  if (quarter) {
    const [year, index] = [Number(quarter[1]), (Number(quarter[2]) - 1) * 3];
    return [Date.UTC(year, index, 1), Date.UTC(year, index + 3, 0)];
  }
  return undefined;
}

/**
 * The days a period covers, the last one included: `1 Oct 2026 – 31 Oct 2026`. The API's `end` is
 * the first instant after the period, so the last day is the one its previous millisecond falls on.
 * Without the service's timezone a calendar period's days come from its label, and a rolling one is
 * shown in UTC, saying so.
 */
export function formatPeriodDays(
  range: { label: string; start: string; end: string },
  timezone?: string,
): string {
  if (!timezone) {
    const days = calendarDays(range.label);
    return days
      ? `${formatDayIn(days[0], 'UTC')} – ${formatDayIn(days[1], 'UTC')}`
      : `${formatPeriodDays(range, 'UTC')} (UTC)`;
  }
  const zone = knownTimezone(timezone);
  const end = Date.parse(range.end);
  const last = Number.isNaN(end) ? range.end : end - 1;
  return `${formatDayIn(range.start, zone)} – ${formatDayIn(last, zone)}`;
}

/** An amount of money in its currency, whole units: `€525,600`. */
export function formatMoney(
  money: { amount: number; currency: string } | null | undefined,
): string {
  if (!money || !Number.isFinite(money.amount)) {
    return PLACEHOLDER;
  }
  return formatMoneyIn(money.amount, money.currency);
}

export const statusLabels: Record<Status, string> = {
  met: 'Met',
  'at-risk': 'At risk',
  breached: 'Breached',
  'no-data': 'No data',
};

/** What an error-budget policy state means for releases; `none` where no policy governs. */
export const policyStateLabels: Record<PolicyFilterValue, string> = {
  none: 'No policy',
  normal: 'Releases open',
  'features-frozen': 'Features frozen',
  'all-frozen': 'All changes frozen',
  review: 'Review required',
};

/** `a`, `a and b`, `a, b and c`. */
export function formatNames(names: string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The reasons in the words of an agreement. */
export const correctionReasonLabels: Record<CorrectionReason, string> = {
  'customer-caused': 'Caused by the customer',
  'third-party-underpinning-contract':
    'A supplier, under an underpinning contract',
  'force-majeure': 'Force majeure',
  'monitoring-error': 'Monitoring error',
  'planned-outside-window': 'Planned work outside the maintenance window',
  other: 'Other',
};
