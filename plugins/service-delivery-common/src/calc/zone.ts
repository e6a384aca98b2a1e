import { DateTime, IANAZone, Zone } from 'luxon';
import { recentResults } from '../recentResults';

/** @public */
export const DEFAULT_TIMEZONE = 'UTC';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const validZones = recentResults<string, boolean>(1_000);

/**
 * The zone name to use (UTC for none), or undefined when luxon does not know it. Only a name is a
 * zone: luxon would take a number for a fixed offset in minutes, whose name it does not read back.
 */
export function knownZone(timezone: unknown): string | undefined {
  if (timezone !== undefined && typeof timezone !== 'string') return undefined;
  const zone = timezone ?? DEFAULT_TIMEZONE;
  return validZones(
    zone,
    name => DateTime.fromMillis(0, { zone: name }).isValid,
  )
    ? zone
    : undefined;
}

/**
 * The offsets of recently asked zones and days: thousands of services in a handful of zones lay out
 * the same months, and finding a span's changes asks Intl once a day of it. Spans are widened to
 * whole UTC days, so that the current period, which ends at a new instant on every request, is
 * laid out once a day rather than once a request.
 */
const recentOffsets = recentResults<
  string,
  { initial: number; changes: Array<{ at: number; offset: number }> }
>(2_000);

/**
 * A zone's UTC offset (minutes) at any instant, looked up from the changes between `from` and `to`,
 * which are found once: a sample a day, and each change pinned to the millisecond by bisection. Asking
 * the zone itself goes through Intl every time, which dominates laying out a year of business hours.
 * Assumes a zone changes its offset at most once a day, as every real zone does.
 */
export function offsetLookup(
  zone: Zone,
  from: number,
  to: number,
): (instant: number) => number {
  if (zone.isUniversal) {
    const offset = zone.offset(from);
    return () => offset;
  }
  const spanFrom = Math.floor(from / MS_PER_DAY) * MS_PER_DAY;
  const spanTo = Math.ceil(to / MS_PER_DAY) * MS_PER_DAY;
  const { initial, changes } = recentOffsets(
    `${zone.name}|${spanFrom}|${spanTo}`,
    () => {
      const offset = zone.offset(spanFrom);
      return {
        initial: offset,
        changes: offsetChanges(zone, spanFrom, spanTo, offset),
      };
    },
  );

  return instant => {
    if (instant < spanFrom || instant > spanTo) return zone.offset(instant);
    let offset = initial;
    for (const change of changes) {
      if (instant < change.at) break;
      offset = change.offset;
    }
    return offset;
  };
}

function offsetChanges(
  zone: Zone,
  from: number,
  to: number,
  initial: number,
): Array<{ at: number; offset: number }> {
  const changes: Array<{ at: number; offset: number }> = [];
  let sampledAt = from;
  let sampledOffset = initial;
  while (sampledAt < to) {
    const at = Math.min(sampledAt + MS_PER_DAY, to);
    const offset = zone.offset(at);
    if (offset !== sampledOffset) {
      let before = sampledAt;
      let after = at;
      while (after - before > 1) {
        const middle = Math.floor((before + after) / 2);
        if (zone.offset(middle) === sampledOffset) before = middle;
        else after = middle;
      }
      changes.push({ at: after, offset });
    }
    sampledAt = at;
    sampledOffset = offset;
  }
  return changes;
}

/**
 * The instant at which a zone's clocks read `wall` (a local wall-clock time written as if it were UTC).
 * A time the clocks skip is read with the offset before the change, which puts it as far after the
 * change as it was after the last valid time (01:30 on the London spring-forward day is 02:30 BST), as
 * luxon does. A time that occurs twice is its first occurrence, as java.time and Python's zoneinfo take
 * it, so a window from 01:00 on the London fall-back day covers both passes of the repeated hour.
 */
export function wallClockInstant(
  wall: number,
  offsetAt: (instant: number) => number,
): number {
  const offsetBefore = offsetAt(wall - MS_PER_DAY);
  const offsetAfter = offsetAt(wall + MS_PER_DAY);
  let earliest: number | undefined;
  for (const offset of [offsetBefore, offsetAfter]) {
    const instant = wall - offset * MS_PER_MINUTE;
    const valid = offsetAt(instant) === offset;
    if (valid && (earliest === undefined || instant < earliest)) {
      earliest = instant;
    }
  }
  return earliest ?? wall - offsetBefore * MS_PER_MINUTE;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant (ISO 8601, UTC) at which a zone's clocks read a wall-clock time written
 * `YYYY-MM-DDTHH:MM[:SS]` without an offset — what a date-and-time field holds when a person means the
 * service's time. A repeated time is its first pass; a skipped one is read with the offset before
 * the change.
 *
 * @throws RangeError naming what cannot be read: the time, or the zone
 * @public
 */
export function instantOfWallClock(text: string, timezone: string): string {
  const zoneName = knownZone(timezone);
  if (zoneName === undefined) {
    throw new RangeError(`${timezone} is not a time zone`);
  }
  const match = WALL_CLOCK.exec(text);
  const wall = match
    ? Date.UTC(
        Number(match[1]),
        Number(match[2]) - 1,
        Number(match[3]),
        Number(match[4]),
        Number(match[5]),
        Number(match[6] ?? 0),
      )
    : NaN;
  if (
    !Number.isFinite(wall) ||
    new Date(wall).toISOString().slice(0, 16) !== text.slice(0, 16)
  ) {
    throw new RangeError(`${text} is not a date and time (YYYY-MM-DDTHH:MM)`);
  }
  const zone = IANAZone.create(zoneName);
  return new Date(
    wallClockInstant(wall, instant => zone.offset(instant)),
  ).toISOString();
}
