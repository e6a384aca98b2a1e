import { DateTime } from 'luxon';
import { isOwnKey } from '../ownEntry';
import { recentResults } from '../recentResults';
import { MS_PER_DAY, toMillis } from './intervals';
import { DEFAULT_TIMEZONE, knownZone } from './zone';

/** @public */
export type PeriodKind = 'month' | 'quarter' | 'rolling-28d' | 'rolling-30d';

/** @public */
export const PERIOD_KINDS: readonly PeriodKind[] = [
  'month',
  'quarter',
  'rolling-28d',
  'rolling-30d',
];

/**
 * A measurement period. `end` is where the period ends in full; `elapsedEnd` = min(end, asOf) is where
 * measurement stops: open incidents count until it, and its share of the period drives the burn rate.
 * Calendar periods are aligned to the service's timezone; rolling periods are exact spans of 24-hour days
 * ending at `asOf`.
 *
 * @public
 */
export interface ResolvedPeriod {
  kind: PeriodKind;
  /** `2026-03`, `2026-Q1`, `rolling-28d`; an earlier rolling window is labelled by its local dates. */
  label: string;
  timezone: string;
  start: number;
  end: number;
  elapsedEnd: number;
  /** The "now" the period was resolved against. */
  asOf: number;
}

/** @public */
export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

/** @public */
export interface ResolvePeriodOptions {
  /** The agreement's period, used when no spec is given. */
  defaultPeriod: PeriodKind;
  timezone?: string;
  now: Date | number;
}

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-[Qq](\d)$/;
const ROLLING_DAYS: Record<string, number> = {
  'rolling-28d': 28,
  'rolling-30d': 30,
};

// a refresh resolves the same few periods at the same instant for thousands of services
const recentPeriods = recentResults<string, ResolvedPeriod>(2_000);

/**
 * Resolves `YYYY-MM`, `YYYY-Qn`, `rolling-28d` or `rolling-30d` (or, when the spec is empty, the default
 * kind's period containing now) into instants. Throws a PeriodError for anything else.
 *
 * @public
 */
export function resolvePeriod(
  spec: string | undefined,
  opts: ResolvePeriodOptions,
): ResolvedPeriod {
  if (typeof opts.now !== 'number') return resolveAnew(spec, opts);
  const key = `${spec ?? ''}\u0000${opts.timezone ?? ''}\u0000${
    opts.defaultPeriod
  }\u0000${opts.now}`;
  return { ...recentPeriods(key, () => resolveAnew(spec, opts)) };
}

function resolveAnew(
  spec: string | undefined,
  opts: ResolvePeriodOptions,
): ResolvedPeriod {
  const timezone = zoneOrThrow(opts.timezone);
  const asOf = toMillis(opts.now, 'now');
  const text = spec?.trim();
  if (!text) {
    if (!PERIOD_KINDS.includes(opts.defaultPeriod)) {
      throw new PeriodError(
        `Unknown default period "${
          opts.defaultPeriod
        }"; expected one of ${PERIOD_KINDS.join(', ')}`,
      );
    }
    return currentPeriod(opts.defaultPeriod, timezone, asOf);
  }

  // only the table's own entries: `constructor` or `toString` is no period
  if (isOwnKey(ROLLING_DAYS, text)) {
    return rolling(text as PeriodKind, timezone, asOf, asOf, text);
  }

  const month = MONTH.exec(text);
  if (month) {
    const monthNumber = Number(month[2]);
    if (monthNumber < 1 || monthNumber > 12) {
      throw new PeriodError(
        `Period "${text}" names month ${month[2]}; months run from 01 to 12`,
      );
    }
    return calendar(
      'month',
      DateTime.fromObject(
        { year: Number(month[1]), month: monthNumber, day: 1 },
        { zone: timezone },
      ),
      asOf,
    );
  }

  const quarter = QUARTER.exec(text);
  if (quarter) {
    const quarterNumber = Number(quarter[2]);
    if (quarterNumber < 1 || quarterNumber > 4) {
      throw new PeriodError(
        `Period "${text}" names quarter Q${quarter[2]}; quarters run from Q1 to Q4`,
      );
    }
    return calendar(
      'quarter',
      DateTime.fromObject(
        {
          year: Number(quarter[1]),
          month: (quarterNumber - 1) * 3 + 1,
          day: 1,
        },
        { zone: timezone },
      ),
      asOf,
    );
  }

  throw new PeriodError(
    `Period "${text}" is not understood; use YYYY-MM (2026-03), YYYY-Qn (2026-Q1), rolling-28d or rolling-30d`,
  );
}

/**
 * The `n` periods before `period`, of the same kind, oldest first (ready to chart left to right).
 * Rolling windows step back by their own length.
 *
 * @public
 */
export function previousPeriods(
  period: ResolvedPeriod,
  n: number,
): ResolvedPeriod[] {
  const result: ResolvedPeriod[] = [];
  for (let k = n; k >= 1; k--) {
    if (period.kind === 'month' || period.kind === 'quarter') {
      const months = period.kind === 'month' ? k : 3 * k;
      const start = DateTime.fromMillis(period.start, {
        zone: period.timezone,
      }).minus({ months });
      result.push(calendar(period.kind, start, period.asOf));
    } else {
      const length = period.end - period.start;
      const end = period.end - k * length;
      result.push(
        rolling(
          period.kind,
          period.timezone,
          end,
          period.asOf,
          dateRangeLabel(end - length, end, period.timezone),
        ),
      );
    }
  }
  return result;
}

/**
 * Share of the period's time that has passed (0–1): 1 for a period that is over.
 *
 * @public
 */
export function elapsedShareOfPeriod(period: ResolvedPeriod): number {
  const length = period.end - period.start;
  return length > 0 ? (period.elapsedEnd - period.start) / length : 0;
}

/** @public */
export function isPeriodOver(period: ResolvedPeriod): boolean {
  return period.elapsedEnd >= period.end;
}

function zoneOrThrow(timezone: string | undefined): string {
  const zone = knownZone(timezone);
  if (!zone) {
    throw new PeriodError(
      `Unknown timezone "${timezone}"; use an IANA name such as Europe/London`,
    );
  }
  return zone;
}

function currentPeriod(
  kind: PeriodKind,
  timezone: string,
  asOf: number,
): ResolvedPeriod {
  if (kind === 'month' || kind === 'quarter') {
    const local = DateTime.fromMillis(asOf, { zone: timezone });
    return calendar(kind, local.startOf(kind), asOf);
  }
  return rolling(kind, timezone, asOf, asOf, kind);
}

function calendar(
  kind: 'month' | 'quarter',
  localStart: DateTime,
  asOf: number,
): ResolvedPeriod {
  const start = localStart.toMillis();
  const end = localStart.plus({ months: kind === 'month' ? 1 : 3 }).toMillis();
  return {
    kind,
    label:
      kind === 'month'
        ? localStart.toFormat('yyyy-MM')
        : `${localStart.year}-Q${Math.ceil(localStart.month / 3)}`,
    timezone: localStart.zoneName ?? DEFAULT_TIMEZONE,
    start,
    end,
    elapsedEnd: clamp(asOf, start, end),
    asOf,
  };
}

function rolling(
  kind: PeriodKind,
  timezone: string,
  end: number,
  asOf: number,
  label: string,
): ResolvedPeriod {
  const start = end - ROLLING_DAYS[kind] * MS_PER_DAY;
  return {
    kind,
    label,
    timezone,
    start,
    end,
    elapsedEnd: clamp(asOf, start, end),
    asOf,
  };
}

function dateRangeLabel(start: number, end: number, timezone: string): string {
  const day = (ms: number) =>
    DateTime.fromMillis(ms, { zone: timezone }).toFormat('yyyy-MM-dd');
  return `${day(start)}/${day(end)}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
