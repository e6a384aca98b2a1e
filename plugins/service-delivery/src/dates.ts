/*
 * The one way the plugin writes dates. Periods are calendar periods in the service's timezone
 * (October in Pacific/Auckland starts on 30 September in UTC), so every day and time is written in
 * that zone, never the browser's; where no single service is in view (the portfolio), in UTC.
 *
 * - a day: `1 Oct 2026`
 * - an instant: `25 Oct 2026, 02:30 UTC+2`, the zone's offset at that instant written after it
 * - a range of days, its last day included: `1–31 Oct 2026`, `1 Oct – 31 Dec 2026`,
 *   `28 Dec 2026 – 3 Jan 2027`; the API's ranges are half-open [start, end), so the last day shown
 *   is the one end − 1 ms falls on
 * - an open range: `since 1 Oct 2026`
 *
 * Machine-readable output (CSV, query parameters) keeps ISO 8601.
 */

/** What a date that is not there shows. */
const PLACEHOLDER = '—';

/** The zone for what belongs to no one service. */
export const PORTFOLIO_TIMEZONE = 'UTC';

const formats = new Map<string, Intl.DateTimeFormat>();

function zonedFormat(timezone: string): Intl.DateTimeFormat {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    formats.set(timezone, format);
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

type Instant = string | number | null | undefined;

type Parts = {
  day: string;
  month: string;
  year: string;
  time: string;
  offset: string;
};

function parts(instant: number, timezone: string): Parts {
  const byType = Object.fromEntries(
    zonedFormat(knownTimezone(timezone))
      .formatToParts(new Date(instant))
      .map(part => [part.type, part.value]),
  );
  return {
    day: byType.day,
    month: byType.month,
    year: byType.year,
    time: `${byType.hour}:${byType.minute}`,
    // ICU writes `GMT`, `GMT+0` (for UTC itself), `GMT+2`, `GMT-4`, `GMT+5:30`
    offset: String(byType.timeZoneName)
      .replace(/^GMT/, 'UTC')
      .replace(/^UTC\+0$/, 'UTC'),
  };
}

function millis(instant: Instant): number | undefined {
  if (instant === null || instant === undefined || instant === '') {
    return undefined;
  }
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  return Number.isNaN(ms) ? undefined : ms;
}

/** An instant written from its parts in a timezone; what is no instant as it came. */
function write(
  instant: Instant,
  timezone: string,
  text: (p: Parts) => string,
): string {
  const ms = millis(instant);
  if (ms === undefined) {
    return instant === null || instant === undefined || instant === ''
      ? PLACEHOLDER
      : String(instant);
  }
  return text(parts(ms, timezone));
}

/** The day an instant falls on in a timezone: `1 Oct 2026`. */
export function formatDay(instant: Instant, timezone: string): string {
  return write(instant, timezone, p => `${p.day} ${p.month} ${p.year}`);
}

/** An instant as the clock in a timezone shows it, with the offset: `20 Oct 2026, 10:00 UTC+2`. */
export function formatInstant(instant: Instant, timezone: string): string {
  return write(
    instant,
    timezone,
    p => `${p.day} ${p.month} ${p.year}, ${p.time} ${p.offset}`,
  );
}

/** From one instant to another: `20 Oct 2026, 10:00 UTC+2 – 21 Oct 2026, 02:00 UTC+2`. */
export function formatInstantRange(
  from: Instant,
  to: Instant,
  timezone: string,
): string {
  return `${formatInstant(from, timezone)} – ${formatInstant(to, timezone)}`;
}

/** The days from the one `first` falls on to the one `last` falls on, both included. */
function daysBetween(first: number, last: number, timezone: string): string {
  const a = parts(first, timezone);
  const b = parts(last, timezone);
  if (a.year !== b.year) {
    return `${a.day} ${a.month} ${a.year} – ${b.day} ${b.month} ${b.year}`;
  }
  if (a.month !== b.month) {
    return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
  }
  if (a.day !== b.day) {
    return `${a.day}–${b.day} ${b.month} ${b.year}`;
  }
  return `${b.day} ${b.month} ${b.year}`;
}

/**
 * The days a half-open range [start, end) covers, the last one included: `1–31 Oct 2026`. The API's
 * `end` is the first instant after the range, so the last day is the one its previous millisecond
 * falls on.
 */
export function formatDays(
  range: { start: Instant; end: Instant },
  timezone: string,
): string {
  const start = millis(range.start);
  const end = millis(range.end);
  if (start === undefined || end === undefined || end <= start) {
    return `${formatDay(range.start, timezone)} – ${formatDay(
      range.end,
      timezone,
    )}`;
  }
  return daysBetween(start, end - 1, timezone);
}

/** A range with no end: `since 1 Oct 2026`. */
export function formatSince(instant: Instant, timezone: string): string {
  return `since ${formatDay(instant, timezone)}`;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CALENDAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A day declared as a date, `2026-10-01`, which no zone moves: `1 Oct 2026`. What is no such date
 * as it came.
 */
export function formatCalendarDay(date: string | null | undefined): string {
  if (!date) {
    return PLACEHOLDER;
  }
  const match = CALENDAR_DAY.exec(date);
  return match
    ? formatDay(
        Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])),
        'UTC',
      )
    : date;
}

/** A month, `2026-10`: `Oct 2026`. What is no month as it came. */
export function formatMonth(month: string | null | undefined): string {
  if (!month) {
    return PLACEHOLDER;
  }
  const match = CALENDAR_MONTH.exec(month);
  if (!match) {
    return month;
  }
  const p = parts(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1), 'UTC');
  return `${p.month} ${p.year}`;
}

/** Months `from` to `to`, both included: `Jan – Oct 2026`, `Nov 2025 – Oct 2026`, `Oct 2026`. */
export function formatMonths(from: string, to: string): string {
  if (from === to) {
    return formatMonth(from);
  }
  const [a, b] = [formatMonth(from), formatMonth(to)];
  const sameYear =
    CALENDAR_MONTH.test(from) &&
    CALENDAR_MONTH.test(to) &&
    from.slice(0, 4) === to.slice(0, 4);
  return sameYear ? `${a.split(' ')[0]} – ${b}` : `${a} – ${b}`;
}
