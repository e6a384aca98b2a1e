import {
  coverageBefore,
  coveredMillis,
  intersectIntervals,
  subtractIntervals,
  toMillis,
  totalMillis,
  unionIntervals,
} from './intervals';

const i = (start: number, end: number) => ({ start, end });

describe('interval arithmetic', () => {
  it('unions: sorts, merges overlapping and touching, drops empty', () => {
    expect(
      unionIntervals([i(5, 7), i(0, 2), i(2, 3), i(6, 9), i(4, 4)]),
    ).toEqual([i(0, 3), i(5, 9)]);
  });

  it('intersects', () => {
    expect(intersectIntervals([i(0, 10), i(20, 30)], [i(5, 25)])).toEqual([
      i(5, 10),
      i(20, 25),
    ]);
    expect(intersectIntervals([i(0, 5)], [i(5, 10)])).toEqual([]);
  });

  it('subtracts, including removals spanning several intervals', () => {
    expect(
      subtractIntervals([i(0, 10), i(20, 30)], [i(2, 3), i(8, 22), i(25, 40)]),
    ).toEqual([i(0, 2), i(3, 8), i(22, 25)]);
    expect(subtractIntervals([i(0, 10)], [])).toEqual([i(0, 10)]);
    expect(subtractIntervals([i(0, 10)], [i(-5, 15)])).toEqual([]);
  });

  it('measures total and covered time', () => {
    const windows = [i(0, 10), i(20, 30), i(40, 50)];
    // 10 + 10 + 10
    expect(totalMillis(windows)).toBe(30);
    // [5, 45): 5 + 10 + 5
    expect(coveredMillis(windows, 5, 45)).toBe(20);
    expect(coveredMillis(windows, 10, 20)).toBe(0);
    expect(coveredMillis(windows, 45, 5)).toBe(0);
  });

  it('gives the time covered before any instant', () => {
    const before = coverageBefore([i(0, 10), i(20, 30), i(40, 50)]);
    expect([-5, 0, 5, 10, 15, 20, 25, 45, 50, 99].map(before)).toEqual([
      0, 0, 5, 10, 10, 10, 15, 25, 30, 30,
    ]);
    // [5, 45) as a difference: 25 − 5 = 20, as coveredMillis
    expect(before(45) - before(5)).toBe(20);
    expect(coverageBefore([])(7)).toBe(0);
  });
});

describe('toMillis', () => {
  it('reads ISO text (offset-less as UTC), numbers and dates', () => {
    expect(toMillis('2026-03-01T00:00:00Z')).toBe(Date.UTC(2026, 2, 1));
    expect(toMillis('2026-03-01T01:00:00+01:00')).toBe(Date.UTC(2026, 2, 1));
    expect(toMillis('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(toMillis(42)).toBe(42);
    expect(toMillis(new Date(Date.UTC(2026, 2, 1)))).toBe(Date.UTC(2026, 2, 1));
  });

  it('names the field it could not read', () => {
    expect(() => toMillis('31/02/2026', 'resolvedAt')).toThrow(
      'resolvedAt: 31/02/2026 is not a valid instant',
    );
    expect(() => toMillis(NaN)).toThrow(RangeError);
  });

  it('reads the form toISOString writes exactly, and refuses its impossible dates', () => {
    expect(toMillis('2028-02-29T23:59:59.999Z')).toBe(
      Date.UTC(2028, 1, 29, 23, 59, 59, 999),
    );
    expect(toMillis('2026-10-25T01:30:00.000Z')).toBe(
      Date.UTC(2026, 9, 25, 1, 30),
    );
    // Date.parse alone would read these as 2 March and 1 May
    expect(() => toMillis('2026-02-30T00:00:00.000Z', 'at')).toThrow(
      'at: 2026-02-30T00:00:00.000Z is not a valid instant',
    );
    expect(() => toMillis('2026-04-31T00:00:00.000Z')).toThrow(RangeError);
    expect(toMillis('2026-02-28T23:59:59.999Z')).toBe(
      Date.UTC(2026, 1, 28, 23, 59, 59, 999),
    );
    expect(() => toMillis('2026-02-29T00:00:00.000Z')).toThrow(RangeError);
    // 2100 is not a leap year, 2000 was
    expect(() => toMillis('2100-02-29T00:00:00.000Z')).toThrow(RangeError);
    expect(toMillis('2000-02-29T12:00:00.000Z')).toBe(
      Date.UTC(2000, 1, 29, 12),
    );
    expect(toMillis('2026-12-31T23:59:59.000Z')).toBe(
      Date.UTC(2026, 11, 31, 23, 59, 59),
    );
    expect(() => toMillis('2026-13-01T00:00:00.000Z')).toThrow(RangeError);
    expect(() => toMillis('2026-00-10T00:00:00.000Z')).toThrow(RangeError);
    expect(() => toMillis('2026-01-00T00:00:00.000Z')).toThrow(RangeError);
    expect(() => toMillis('2026-01-01T12:60:00.000Z')).toThrow(RangeError);
    // a year below 100 is that year, not 19xx
    expect(toMillis('0050-06-01T00:00:00.000Z')).toBe(
      new Date('0050-06-01T00:00:00.000Z').getTime(),
    );
    // ISO 8601's end of day: the next midnight, as luxon reads it
    expect(toMillis('2026-01-01T24:00:00.000Z')).toBe(Date.UTC(2026, 0, 2));
  });
});
