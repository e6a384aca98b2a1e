import {
  DurationError,
  formatDuration,
  parseDuration,
  tryParseDuration,
} from './duration';

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

describe('parseDuration', () => {
  it.each([
    // short forms
    ['15s', 15],
    ['15m', 15 * minute],
    ['4h', 4 * hour],
    ['1d', day],
    ['2w', 14 * day],
    ['6mo', 180 * day],
    ['1y', 365 * day],
    ['300ms', 0.3],
    ['1.5h', 1.5 * hour],
    ['0s', 0],
    ['1h30m', 1.5 * hour],
    ['1h 30m', 1.5 * hour],
    ['1d 2h 3m 4s', day + 2 * hour + 3 * minute + 4],
    [' 15m ', 15 * minute],
    ['15 m', 15 * minute],
    // ISO 8601
    ['PT15M', 15 * minute],
    ['PT1H30M', 1.5 * hour],
    ['P1D', day],
    ['P1W', 7 * day],
    ['P6M', 180 * day],
    ['P1Y', 365 * day],
    ['P1DT12H', 1.5 * day],
    ['PT0.5S', 0.5],
    ['PT0S', 0],
    ['pt15m', 15 * minute],
  ])('reads %j as %d seconds', (input, seconds) => {
    expect(parseDuration(input)).toBeCloseTo(seconds, 9);
  });

  it('takes a number as seconds', () => {
    expect(parseDuration(900)).toBe(900);
    expect(parseDuration(0)).toBe(0);
    expect(parseDuration(0.25)).toBe(0.25);
  });

  it('counts a month as 30 days and a year as 365 in both notations', () => {
    expect(parseDuration('1mo')).toBe(parseDuration('P1M'));
    expect(parseDuration('1mo')).toBe(30 * day);
    expect(parseDuration('1y')).toBe(parseDuration('P1Y'));
  });

  it.each([
    ['', /must not be empty/],
    ['   ', /must not be empty/],
    ['5x', /'5x' is not a duration/],
    ['5 minutes', /'5 minutes' is not a duration/],
    ['15', /'15' is not a duration/],
    ['m', /is not a duration/],
    ['15M', /is not a duration/],
    ['1h30', /is not a duration/],
    ['1.h', /is not a duration/],
    ['1e3s', /is not a duration/],
    ['-5m', /'-5m' is negative/],
    ['PT-5M', /negative/],
    ['-PT5M', /negative/],
    ['P', /is not a duration/],
    ['PT', /is not a duration/],
    ['P1H', /is not a duration/],
    ['PT15', /is not a duration/],
    [-5, /-5 is negative/],
    [NaN, /NaN is not a duration/],
    [Infinity, /Infinity is not a duration/],
  ])('rejects %j', (input, message) => {
    expect(() => parseDuration(input)).toThrow(DurationError);
    expect(() => parseDuration(input)).toThrow(message);
  });

  it('tells what it accepts', () => {
    expect(() => parseDuration('5x')).toThrow(
      "'5x' is not a duration: write a number with a unit (300ms, 15s, 15m, 4h, 1d, 2w, 6mo, 1y) or ISO 8601 (PT15M, P1D)",
    );
  });

  it('rejects values that are neither text nor numbers', () => {
    expect(() => parseDuration(null as unknown as string)).toThrow(
      DurationError,
    );
    expect(() => parseDuration({} as unknown as string)).toThrow(
      /must be a string or a number of seconds/,
    );
  });

  it('keeps the input on the error', () => {
    const thrown = (() => {
      try {
        return parseDuration('soon');
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(DurationError);
    expect(thrown).toMatchObject({ name: 'DurationError', input: 'soon' });
  });
});

describe('tryParseDuration', () => {
  it('answers seconds or undefined', () => {
    expect(tryParseDuration('4h')).toBe(4 * hour);
    expect(tryParseDuration(60)).toBe(60);
    expect(tryParseDuration('4 hours')).toBeUndefined();
    expect(tryParseDuration(-1)).toBeUndefined();
    expect(tryParseDuration(undefined)).toBeUndefined();
    expect(tryParseDuration(true)).toBeUndefined();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [0.3, '300ms'],
    [0.0001, '0s'],
    [0.9999, '1s'],
    [1, '1s'],
    [59.6, '1m'],
    [15 * minute, '15m'],
    [1.5 * hour, '1h 30m'],
    [4 * day, '4d'],
    [day + 2 * hour + 3 * minute + 4, '1d 2h 3m 4s'],
    [14 * day, '14d'],
    [180 * day, '180d'],
    [365 * day, '1y'],
    [400 * day, '1y 35d'],
    [-1.5 * hour, '-1h 30m'],
    [NaN, 'n/a'],
    [Infinity, 'n/a'],
  ])('writes %d seconds as %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('shows only the largest parts when asked', () => {
    expect(formatDuration(day + 2 * hour + 3 * minute, { parts: 2 })).toBe(
      '1d 2h',
    );
    expect(formatDuration(day + 2 * hour, { parts: 1 })).toBe('1d');
  });

  it('writes what parseDuration reads back', () => {
    for (const seconds of [
      1, 59, 61, 3599, 3601, 86399, 90061, 31536000, 40000000,
    ]) {
      expect(parseDuration(formatDuration(seconds))).toBe(seconds);
    }
  });
});
