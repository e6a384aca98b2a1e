import { Info } from 'luxon';
import { isOwnKey } from '../ownEntry';
import {
  MS_PER_DAY,
  MS_PER_MINUTE,
  MS_PER_SECOND,
  subtractIntervals,
  totalMillis,
  unionIntervals,
} from './intervals';
import {
  DayOfWeek,
  ServiceHoursInput,
  TimeInterval,
  WeeklyWindowInput,
} from './types';
import { knownZone, offsetLookup, wallClockInstant } from './zone';

/** @public */
export class ServiceHoursError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceHoursError';
  }
}

const ISO_WEEKDAY: Record<DayOfWeek, number> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

const CLOCK_TIME = /^(\d{1,2}):(\d{2})$/;
const MINUTES_PER_DAY = 24 * 60;

/**
 * The agreed service time between `start` and `end` (epoch ms) as sorted, disjoint intervals: the service
 * hours in their timezone minus the maintenance windows. No service hours, or `schedule: 24x7`, means
 * around the clock (in UTC when no timezone is given). When both `schedule: 24x7` and `weekly` are
 * declared, the explicit 24x7 wins.
 *
 * Windows are laid out in local wall-clock time, so their real length follows the clocks: on a
 * spring-forward day 00:00–24:00 lasts 23 hours and 01:00–03:00 in London lasts one.
 *
 * @public
 */
export function agreedServiceWindows(
  serviceHours: ServiceHoursInput | undefined,
  start: number,
  end: number,
): TimeInterval[] {
  if (!(end > start)) return [];
  const zone = zoneOrThrow(serviceHours?.timezone);
  const roundTheClock =
    !serviceHours ||
    serviceHours.schedule === '24x7' ||
    serviceHours.weekly === undefined;
  const offsetAt = zoneOffsets(zone, start, end);
  const served = roundTheClock
    ? [{ start, end }]
    : weeklyWindows(serviceHours.weekly ?? [], offsetAt, start, end, 'weekly');
  const maintenance = weeklyWindows(
    serviceHours?.maintenance ?? [],
    offsetAt,
    start,
    end,
    'maintenance',
  );
  return subtractIntervals(served, maintenance);
}

/**
 * The maintenance windows between `start` and `end`, in the service's timezone.
 *
 * @public
 */
export function maintenanceWindows(
  serviceHours: ServiceHoursInput | undefined,
  start: number,
  end: number,
): TimeInterval[] {
  if (!(end > start) || !serviceHours?.maintenance) return [];
  return weeklyWindows(
    serviceHours.maintenance,
    zoneOffsets(zoneOrThrow(serviceHours.timezone), start, end),
    start,
    end,
    'maintenance',
  );
}

/**
 * Agreed service time between `start` and `end`, in seconds.
 *
 * @public
 */
export function agreedServiceTime(
  serviceHours: ServiceHoursInput | undefined,
  start: number,
  end: number,
): number {
  return (
    totalMillis(agreedServiceWindows(serviceHours, start, end)) / MS_PER_SECOND
  );
}

function zoneOrThrow(timezone: string | undefined): string {
  const zone = knownZone(timezone);
  if (!zone) {
    throw new ServiceHoursError(
      `serviceHours.timezone: unknown timezone "${timezone}"; use an IANA name such as Europe/London`,
    );
  }
  return zone;
}

/** The zone's offsets over the days a layout of `[start, end)` may look at, found only when needed. */
function zoneOffsets(
  zone: string,
  start: number,
  end: number,
): (instant: number) => number {
  let lookup: ((instant: number) => number) | undefined;
  return instant => {
    lookup ??= offsetLookup(
      Info.normalizeZone(zone),
      start - 3 * MS_PER_DAY,
      end + 4 * MS_PER_DAY,
    );
    return lookup(instant);
  };
}

/**
 * What can be laid out of declared service hours, which the validation may only have warned about:
 * a timezone that is not known is left out (UTC applies, as when none is declared), and so is a
 * weekly or maintenance window whose days or times are not understood; weekly hours with no window
 * left are left out too (round the clock applies, as when none are declared). What is left out is
 * among the entity's metadata problems; what is left never makes agreedServiceWindows throw.
 *
 * @public
 */
export function usableServiceHours(declared: unknown): ServiceHoursInput {
  if (!isRecord(declared)) return {};
  const usable: {
    timezone?: string;
    schedule?: '24x7';
    weekly?: WeeklyWindowInput[];
    maintenance?: WeeklyWindowInput[];
  } = {};
  if (typeof declared.timezone === 'string' && knownZone(declared.timezone)) {
    usable.timezone = declared.timezone;
  }
  if (declared.schedule === '24x7') usable.schedule = '24x7';
  const weekly = usableWindows(declared.weekly);
  if (weekly.length > 0) usable.weekly = weekly;
  const maintenance = usableWindows(declared.maintenance);
  if (maintenance.length > 0) usable.maintenance = maintenance;
  return usable;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function usableWindows(windows: unknown): WeeklyWindowInput[] {
  if (!Array.isArray(windows)) return [];
  return windows.filter(
    (window: unknown): window is WeeklyWindowInput =>
      isRecord(window) &&
      Array.isArray(window.days) &&
      window.days.length > 0 &&
      window.days.every(day => isOwnKey(ISO_WEEKDAY, day)) &&
      clockMinutes(window.from, false) !== undefined &&
      clockMinutes(window.to, true) !== undefined,
  );
}

function weeklyWindows(
  windows: readonly WeeklyWindowInput[],
  offsetAt: (instant: number) => number,
  start: number,
  end: number,
  field: string,
): TimeInterval[] {
  if (windows.length === 0) return [];
  const parsed = windows.map((window, index) => {
    const path = `serviceHours.${field}[${index}]`;
    if (!isRecord(window) || !Array.isArray(window.days)) {
      throw new ServiceHoursError(
        `${path}: is not a window; write days (a list such as [mon, fri]), from and to`,
      );
    }
    const from = minutesOfDay(window.from, `${path}.from`, false);
    const to = minutesOfDay(window.to, `${path}.to`, true);
    const weekdays = new Set(
      window.days.map(day => {
        // only the table's own entries: `constructor` is no day
        if (!isOwnKey(ISO_WEEKDAY, day)) {
          throw new ServiceHoursError(
            `${path}.days: "${day}" is not a day; use mon, tue, wed, thu, fri, sat or sun`,
          );
        }
        return ISO_WEEKDAY[day];
      }),
    );
    // A window that ends at or before it starts runs into the next day.
    return { weekdays, from, to: to > from ? to : to + MINUTES_PER_DAY };
  });

  // Iterate over local calendar dates (each a UTC midnight standing for that date), not instants, so
  // that days of 23 or 25 hours cannot skip or repeat a date; start one day early for windows that run
  // past midnight into the range.
  const localDate = (instant: number) =>
    Math.floor((instant + offsetAt(instant) * MS_PER_MINUTE) / MS_PER_DAY) *
    MS_PER_DAY;
  const stop = localDate(end);

  const result: TimeInterval[] = [];
  for (
    let date = localDate(start) - MS_PER_DAY;
    date <= stop;
    date += MS_PER_DAY
  ) {
    const weekday = ((new Date(date).getUTCDay() + 6) % 7) + 1;
    for (const window of parsed) {
      if (!window.weekdays.has(weekday)) continue;
      const windowStart = wallClockInstant(
        date + window.from * MS_PER_MINUTE,
        offsetAt,
      );
      const windowEnd = wallClockInstant(
        date + window.to * MS_PER_MINUTE,
        offsetAt,
      );
      const clippedStart = Math.max(windowStart, start);
      const clippedEnd = Math.min(windowEnd, end);
      if (clippedEnd > clippedStart) {
        result.push({ start: clippedStart, end: clippedEnd });
      }
    }
  }
  return unionIntervals(result);
}

/** Minutes after midnight of an `HH:MM`, or undefined for anything else. */
function clockMinutes(
  clock: unknown,
  allowEndOfDay: boolean,
): number | undefined {
  const match =
    typeof clock === 'string' ? CLOCK_TIME.exec(clock.trim()) : null;
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (allowEndOfDay && hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  return hours > 23 || minutes > 59 ? undefined : hours * 60 + minutes;
}

function minutesOfDay(
  clock: string,
  path: string,
  allowEndOfDay: boolean,
): number {
  const minutes = clockMinutes(clock, allowEndOfDay);
  if (minutes === undefined) {
    throw new ServiceHoursError(
      `${path}: "${clock}" is not a time of day; use HH:MM from 00:00 to 23:59${
        allowEndOfDay ? ' (or 24:00 for the end of the day)' : ''
      }`,
    );
  }
  return minutes;
}
