import { DateTime } from 'luxon';
import { firstEndingAfter } from './firstEndingAfter';
import { Instant, TimeInterval } from './types';

/** @public */
export const MS_PER_SECOND = 1000;
/** @public */
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
/** @public */
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
/** @public */
export const MS_PER_DAY = 24 * MS_PER_HOUR;

const CANONICAL_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digitsAt(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    value = value * 10 + text.charCodeAt(i) - 48;
  }
  return value;
}

/**
 * Epoch milliseconds of text in exactly the form toISOString writes, read field by field (the
 * store answers every instant so, and long reports read hundreds of thousands); NaN for any other
 * text, a date that does not exist (30 February) among it.
 */
function canonicalUtcMillis(text: string): number {
  if (!CANONICAL_UTC.test(text)) return NaN;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  // Date.UTC reads years below 100 as 19xx: those take the slow path
  if (year < 100 || month < 1 || month > 12 || day < 1) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1])) return NaN;
  return Date.UTC(
    year,
    month - 1,
    day,
    hour,
    minute,
    second,
    digitsAt(text, 20, 3),
  );
}

/**
 * Epoch milliseconds of an instant; throws a RangeError naming the field when it cannot be read.
 *
 * @public
 */
export function toMillis(instant: Instant, field = 'instant'): number {
  let ms: number;
  if (typeof instant === 'number') {
    ms = instant;
  } else if (instant instanceof Date) {
    ms = instant.getTime();
  } else {
    ms = canonicalUtcMillis(instant);
    if (Number.isNaN(ms)) {
      // Reading offset-less text as UTC keeps results independent of the machine's zone.
      ms = DateTime.fromISO(instant, { zone: 'utc' }).toMillis();
    }
  }
  if (!Number.isFinite(ms)) {
    throw new RangeError(`${field}: ${String(instant)} is not a valid instant`);
  }
  return ms;
}

/**
 * Sorted, disjoint intervals covering the same time; touching intervals are merged, empty ones dropped.
 *
 * @public
 */
export function unionIntervals(
  intervals: readonly TimeInterval[],
): TimeInterval[] {
  const sorted = intervals
    .filter(i => i.end > i.start)
    .map(i => ({ start: i.start, end: i.end }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TimeInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.start <= last.end) {
      last.end = Math.max(last.end, interval.end);
    } else {
      merged.push(interval);
    }
  }
  return merged;
}

/** @public */
export function intersectIntervals(
  a: readonly TimeInterval[],
  b: readonly TimeInterval[],
): TimeInterval[] {
  const left = unionIntervals(a);
  const right = unionIntervals(b);
  const result: TimeInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length && j < right.length) {
    const start = Math.max(left[i].start, right[j].start);
    const end = Math.min(left[i].end, right[j].end);
    if (end > start) result.push({ start, end });
    if (left[i].end < right[j].end) i++;
    else j++;
  }
  return result;
}

/** @public */
export function subtractIntervals(
  from: readonly TimeInterval[],
  remove: readonly TimeInterval[],
): TimeInterval[] {
  const removals = unionIntervals(remove);
  const result: TimeInterval[] = [];
  let j = 0;
  for (const interval of unionIntervals(from)) {
    let cursor = interval.start;
    while (j < removals.length && removals[j].end <= cursor) j++;
    let k = j;
    while (k < removals.length && removals[k].start < interval.end) {
      if (removals[k].start > cursor) {
        result.push({ start: cursor, end: removals[k].start });
      }
      cursor = Math.max(cursor, removals[k].end);
      k++;
    }
    if (cursor < interval.end)
      result.push({ start: cursor, end: interval.end });
  }
  return result;
}

/** @public */
export function clipIntervals(
  intervals: readonly TimeInterval[],
  start: number,
  end: number,
): TimeInterval[] {
  return intersectIntervals(intervals, [{ start, end }]);
}

/**
 * Total length in milliseconds of intervals that are already disjoint.
 *
 * @public
 */
export function totalMillis(intervals: readonly TimeInterval[]): number {
  return intervals.reduce((sum, i) => sum + Math.max(0, i.end - i.start), 0);
}

/**
 * Milliseconds of `[start, end)` covered by sorted, disjoint `intervals` (binary search, so it stays cheap
 * when called for many short spans against a long list of agreed windows).
 *
 * @public
 */
export function coveredMillis(
  intervals: readonly TimeInterval[],
  start: number,
  end: number,
): number {
  if (end <= start) return 0;
  let covered = 0;
  for (
    let i = firstEndingAfter(intervals, start);
    i < intervals.length && intervals[i].start < end;
    i++
  ) {
    covered +=
      Math.min(end, intervals[i].end) - Math.max(start, intervals[i].start);
  }
  return covered;
}

/**
 * For sorted, disjoint `intervals`: a function giving the milliseconds they cover before an instant.
 * Prefix sums and a binary search, so the time covered by `[start, end)` is `before(end) - before(start)`
 * in O(log n) however many intervals the span crosses.
 *
 * @public
 */
export function coverageBefore(
  intervals: readonly TimeInterval[],
): (at: number) => number {
  const coveredBeforeStart = [0];
  for (const interval of intervals) {
    coveredBeforeStart.push(
      coveredBeforeStart[coveredBeforeStart.length - 1] +
        (interval.end - interval.start),
    );
  }
  return at => {
    const lo = firstEndingAfter(intervals, at);
    if (lo === intervals.length) return coveredBeforeStart[lo];
    return coveredBeforeStart[lo] + Math.max(0, at - intervals[lo].start);
  };
}
