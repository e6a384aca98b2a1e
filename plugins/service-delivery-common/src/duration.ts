/*
 * Durations in the metadata and in records are written as ISO 8601 (`PT15M`, `P6M`) or in a short
 * form (`15m`, `4h`, `6mo`, `300ms`), or given as a number of seconds. Everything downstream works in
 * seconds.
 *
 * Months and years have no fixed length, and an RTO or a test interval is not anchored to a calendar
 * date, so a month counts 30 days and a year 365 days, in both notations.
 */
import { Duration } from 'luxon';

const SECOND = 1;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const shortUnits: Record<string, number> = {
  ms: 0.001,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
  d: DAY,
  w: WEEK,
  mo: MONTH,
  y: YEAR,
};

const isoUnits: Record<string, number> = {
  years: YEAR,
  quarters: 3 * MONTH,
  months: MONTH,
  weeks: WEEK,
  days: DAY,
  hours: HOUR,
  minutes: MINUTE,
  seconds: SECOND,
  milliseconds: 0.001,
};

// One part of a short form: a number and its unit. `ms` and `mo` come before `m` so that they win.
const shortPart = /(\d+(?:\.\d+)?)\s*(ms|mo|s|m|h|d|w|y)\s*/y;

/**
 * Thrown by {@link parseDuration} for a value that is not a duration.
 *
 * @public
 */
export class DurationError extends Error {
  readonly input: unknown;

  constructor(input: unknown, reason: string) {
    super(reason);
    this.name = 'DurationError';
    this.input = input;
  }
}

function quote(input: unknown): string {
  return typeof input === 'string' ? `'${input}'` : String(input);
}

const forms =
  'write a number with a unit (300ms, 15s, 15m, 4h, 1d, 2w, 6mo, 1y) or ISO 8601 (PT15M, P1D)';

function parseShortForm(text: string): number | undefined {
  shortPart.lastIndex = 0;
  let seconds = 0;
  let parts = 0;
  while (shortPart.lastIndex < text.length) {
    const match = shortPart.exec(text);
    if (!match) {
      return undefined;
    }
    seconds += Number(match[1]) * shortUnits[match[2]];
    parts += 1;
  }
  return parts > 0 ? seconds : undefined;
}

function parseIso(text: string): number | undefined {
  const duration = Duration.fromISO(text.toUpperCase());
  if (!duration.isValid) {
    return undefined;
  }
  const values = duration.toObject() as Record<string, number | undefined>;
  if (Object.keys(values).length === 0) {
    return undefined;
  }
  let seconds = 0;
  for (const [unit, value] of Object.entries(values)) {
    if (value !== undefined) {
      seconds += value * (isoUnits[unit] ?? NaN);
    }
  }
  return seconds;
}

/**
 * Parses a duration to seconds. A number is taken as seconds; a string is either ISO 8601
 * (`PT15M`, `P1DT12H`, `P6M`) or a short form (`15m`, `4h`, `1d`, `2w`, `6mo`, `1y`, `300ms`,
 * also combined: `1h 30m`). A month counts 30 days and a year 365 days.
 *
 * @throws {@link DurationError} for anything else, negative durations included
 * @public
 */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) {
      throw new DurationError(input, `${input} is not a duration: ${forms}`);
    }
    if (input < 0) {
      throw new DurationError(
        input,
        `${input} is negative: a duration must be zero or more`,
      );
    }
    return input;
  }
  if (typeof input !== 'string') {
    throw new DurationError(
      input,
      `a duration must be a string or a number of seconds, not ${typeof input}`,
    );
  }
  const text = input.trim();
  if (text === '') {
    throw new DurationError(input, `a duration must not be empty: ${forms}`);
  }
  if (text.startsWith('-')) {
    throw new DurationError(
      input,
      `${quote(input)} is negative: a duration must be zero or more`,
    );
  }
  const seconds = /^p/i.test(text) ? parseIso(text) : parseShortForm(text);
  if (seconds === undefined || Number.isNaN(seconds)) {
    throw new DurationError(
      input,
      `${quote(input)} is not a duration: ${forms}`,
    );
  }
  if (seconds < 0) {
    throw new DurationError(
      input,
      `${quote(input)} is negative: a duration must be zero or more`,
    );
  }
  if (!Number.isFinite(seconds)) {
    throw new DurationError(input, `${quote(input)} is too long a duration`);
  }
  return seconds;
}

/**
 * Like {@link parseDuration}, but answers `undefined` instead of throwing.
 *
 * @public
 */
export function tryParseDuration(input: unknown): number | undefined {
  if (typeof input !== 'string' && typeof input !== 'number') {
    return undefined;
  }
  try {
    return parseDuration(input);
  } catch {
    return undefined;
  }
}

const formatUnits: Array<[string, number]> = [
  ['y', YEAR],
  ['d', DAY],
  ['h', HOUR],
  ['m', MINUTE],
  ['s', SECOND],
];

/**
 * Formats seconds the short way people write durations: `1h 30m`, `4d`, `15m`, `300ms`, `0s`.
 * Whole seconds and up are rounded to the second; less than a second is shown in milliseconds.
 * Years count 365 days; months and weeks are shown as days.
 *
 * @param options - `parts`: show at most this many units, the largest first (the rest is dropped)
 * @public
 */
export function formatDuration(
  seconds: number,
  options: { parts?: number } = {},
): string {
  if (!Number.isFinite(seconds)) {
    return 'n/a';
  }
  if (seconds < 0) {
    const formatted = formatDuration(-seconds, options);
    return formatted === '0s' ? formatted : `-${formatted}`;
  }
  if (seconds < 1) {
    const milliseconds = Math.round(seconds * 1000);
    if (milliseconds === 1000) {
      return '1s';
    }
    return milliseconds === 0 ? '0s' : `${milliseconds}ms`;
  }
  let rest = Math.round(seconds);
  const parts: string[] = [];
  for (const [unit, size] of formatUnits) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      parts.push(`${count}${unit}`);
      rest -= count * size;
    }
  }
  const limit = options.parts ?? parts.length;
  return parts.slice(0, Math.max(1, limit)).join(' ');
}
