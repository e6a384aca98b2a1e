import {
  elapsedShareOfPeriod,
  isPeriodOver,
  PeriodError,
  previousPeriods,
  resolvePeriod,
} from './periods';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('resolvePeriod', () => {
  it('answers the same period again for the same question, each answer its own', () => {
    const options = {
      defaultPeriod: 'month' as const,
      timezone: 'Europe/Berlin',
      now: at('2026-03-29T12:00:00Z'),
    };
    const first = resolvePeriod(undefined, options);
    first.start = 0;
    const second = resolvePeriod(undefined, options);
    // March 2026 in Berlin starts at 23:00 UTC the day before (CET, +01:00)
    expect(second.start).toBe(at('2026-02-28T23:00:00Z'));
    expect(second).not.toBe(first);
    // another zone, another answer
    expect(
      resolvePeriod(undefined, { ...options, timezone: 'UTC' }).start,
    ).toBe(at('2026-03-01T00:00:00Z'));
    expect(() =>
      resolvePeriod('2026-13', { ...options, timezone: 'UTC' }),
    ).toThrow('months run from 01 to 12');
  });

  it('resolves a month in UTC when no timezone is given', () => {
    const period = resolvePeriod('2026-03', {
      defaultPeriod: 'month',
      now: at('2026-03-16T12:00:00Z'),
    });
    expect(period).toEqual({
      kind: 'month',
      label: '2026-03',
      timezone: 'UTC',
      start: at('2026-03-01T00:00:00Z'),
      end: at('2026-04-01T00:00:00Z'),
      elapsedEnd: at('2026-03-16T12:00:00Z'),
      asOf: at('2026-03-16T12:00:00Z'),
    });
    // 15.5 days of 31 have passed: 15.5 / 31 = 0.5
    expect(elapsedShareOfPeriod(period)).toBe(0.5);
    expect(isPeriodOver(period)).toBe(false);
  });

  it('aligns a month to the service timezone across a DST change', () => {
    const period = resolvePeriod('2026-03', {
      defaultPeriod: 'month',
      timezone: 'Europe/London',
      now: at('2026-06-01T00:00:00Z'),
    });
    // 1 March 00:00 GMT = 00:00Z; 1 April 00:00 BST (UTC+1) = 31 March 23:00Z
    expect(period.start).toBe(at('2026-03-01T00:00:00Z'));
    expect(period.end).toBe(at('2026-03-31T23:00:00Z'));
    // the month is 31 × 24 − 1 = 743 hours long
    expect((period.end - period.start) / HOUR).toBe(743);
    // a past period is measured to its end
    expect(period.elapsedEnd).toBe(period.end);
    expect(isPeriodOver(period)).toBe(true);
    expect(elapsedShareOfPeriod(period)).toBe(1);
  });

  it('resolves quarters in the service timezone', () => {
    const q1 = resolvePeriod('2026-Q1', {
      defaultPeriod: 'quarter',
      timezone: 'America/New_York',
      now: at('2026-12-01T00:00:00Z'),
    });
    // 1 Jan 00:00 EST (UTC−5) = 05:00Z; 1 Apr 00:00 EDT (UTC−4) = 04:00Z
    expect(q1.start).toBe(at('2026-01-01T05:00:00Z'));
    expect(q1.end).toBe(at('2026-04-01T04:00:00Z'));
    // (31 + 28 + 31) days × 24 h − 1 h (8 March spring-forward) = 2159 h
    expect((q1.end - q1.start) / HOUR).toBe(2159);
    expect(q1.label).toBe('2026-Q1');

    const q4 = resolvePeriod('2026-q4', {
      defaultPeriod: 'month',
      timezone: 'Europe/London',
      now: at('2026-11-15T00:00:00Z'),
    });
    // 1 Oct 00:00 BST = 30 Sep 23:00Z; 1 Jan 00:00 GMT = 00:00Z; lower-case q accepted, label normalised
    expect(q4.label).toBe('2026-Q4');
    expect(q4.start).toBe(at('2026-09-30T23:00:00Z'));
    expect(q4.end).toBe(at('2027-01-01T00:00:00Z'));
    expect(q4.elapsedEnd).toBe(at('2026-11-15T00:00:00Z'));
  });

  it('picks the default period containing now, in local time', () => {
    // 31 March 23:30Z is already 1 April 00:30 BST in London, still March in UTC
    const now = at('2026-03-31T23:30:00Z');
    const london = resolvePeriod(undefined, {
      defaultPeriod: 'month',
      timezone: 'Europe/London',
      now,
    });
    expect(london.label).toBe('2026-04');
    expect(london.start).toBe(at('2026-03-31T23:00:00Z'));
    expect(london.elapsedEnd).toBe(now);

    const utc = resolvePeriod(undefined, { defaultPeriod: 'month', now });
    expect(utc.label).toBe('2026-03');
    expect(utc.end).toBe(at('2026-04-01T00:00:00Z'));

    const quarter = resolvePeriod('  ', {
      defaultPeriod: 'quarter',
      now: new Date('2026-05-10T08:00:00Z'),
    });
    expect(quarter.label).toBe('2026-Q2');
    expect(quarter.start).toBe(at('2026-04-01T00:00:00Z'));
    expect(quarter.end).toBe(at('2026-07-01T00:00:00Z'));
  });

  it('resolves rolling windows as exact spans of 24-hour days ending now', () => {
    const now = at('2026-03-29T12:00:00Z');
    const rolling28 = resolvePeriod('rolling-28d', {
      defaultPeriod: 'month',
      timezone: 'Europe/London',
      now,
    });
    // 28 × 24 h back from now, even though the London clocks changed on 29 March
    expect(rolling28).toEqual({
      kind: 'rolling-28d',
      label: 'rolling-28d',
      timezone: 'Europe/London',
      start: at('2026-03-01T12:00:00Z'),
      end: now,
      elapsedEnd: now,
      asOf: now,
    });
    expect(elapsedShareOfPeriod(rolling28)).toBe(1);

    const rolling30 = resolvePeriod(undefined, {
      defaultPeriod: 'rolling-30d',
      now,
    });
    expect(rolling30.start).toBe(now - 30 * DAY);
    expect(rolling30.label).toBe('rolling-30d');
  });

  it('measures a future period as not begun', () => {
    const period = resolvePeriod('2026-05', {
      defaultPeriod: 'month',
      now: at('2026-03-15T00:00:00Z'),
    });
    expect(period.elapsedEnd).toBe(period.start);
    expect(elapsedShareOfPeriod(period)).toBe(0);
  });

  it.each([
    ['2026-13', /month 13; months run from 01 to 12/],
    ['2026-00', /month 00/],
    ['2026-Q5', /quarter Q5; quarters run from Q1 to Q4/],
    ['2026-Q0', /quarter Q0/],
    ['last-month', /"last-month" is not understood; use YYYY-MM/],
    ['2026-3', /not understood/],
    ['26-03', /not understood/],
    ['rolling-7d', /not understood/],
    ['2026-03-01', /not understood/],
  ])('rejects %s with a PeriodError', (spec, message) => {
    const resolve = () =>
      resolvePeriod(spec, { defaultPeriod: 'month', now: 0 });
    expect(resolve).toThrow(PeriodError);
    expect(resolve).toThrow(message);
  });

  it.each([
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    'valueOf',
  ])('rejects %s, a name every object inherits, with a PeriodError', spec => {
    const resolve = () =>
      resolvePeriod(spec, { defaultPeriod: 'month', now: 0 });
    expect(resolve).toThrow(PeriodError);
    expect(resolve).toThrow(`"${spec}" is not understood; use YYYY-MM`);
  });

  it('rejects an unknown timezone or default period', () => {
    expect(() =>
      resolvePeriod('2026-03', {
        defaultPeriod: 'month',
        timezone: 'Mars/Olympus_Mons',
        now: 0,
      }),
    ).toThrow(/Unknown timezone "Mars\/Olympus_Mons"/);
    expect(() =>
      resolvePeriod(undefined, {
        defaultPeriod: 'fortnight' as any,
        now: 0,
      }),
    ).toThrow(PeriodError);
  });
});

describe('previousPeriods', () => {
  it('lists the months before, oldest first, each contiguous with the next', () => {
    const march = resolvePeriod('2026-03', {
      defaultPeriod: 'month',
      timezone: 'Europe/London',
      now: at('2026-03-20T00:00:00Z'),
    });
    const before = previousPeriods(march, 3);
    expect(before.map(p => p.label)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(before[0].start).toBe(at('2025-12-01T00:00:00Z'));
    expect(before[2].end).toBe(march.start);
    expect(before[1].end).toBe(before[2].start);
    // all of them are over at the time the March period was resolved
    expect(before.every(p => p.elapsedEnd === p.end)).toBe(true);
    expect(previousPeriods(march, 0)).toEqual([]);
  });

  it('lists quarters, crossing a year and a DST change', () => {
    const q1 = resolvePeriod('2026-Q1', {
      defaultPeriod: 'quarter',
      timezone: 'Europe/London',
      now: at('2026-02-01T00:00:00Z'),
    });
    const before = previousPeriods(q1, 2);
    expect(before.map(p => p.label)).toEqual(['2025-Q3', '2025-Q4']);
    // 1 July 2025 00:00 BST = 30 June 23:00Z; Q4 ends 1 Jan 00:00 GMT
    expect(before[0].start).toBe(at('2025-06-30T23:00:00Z'));
    expect(before[1].end).toBe(at('2026-01-01T00:00:00Z'));
  });

  it('steps rolling windows back by their own length, labelled by local dates', () => {
    const now = at('2026-03-29T12:00:00Z');
    const rolling = resolvePeriod('rolling-28d', {
      defaultPeriod: 'month',
      now,
    });
    const before = previousPeriods(rolling, 2);
    expect(before.map(p => [p.start, p.end])).toEqual([
      [now - 84 * DAY, now - 56 * DAY],
      [now - 56 * DAY, now - 28 * DAY],
    ]);
    // 28 days before 1 March 12:00Z is 1 February 12:00Z
    expect(before[1].label).toBe('2026-02-01/2026-03-01');
    expect(before[1].kind).toBe('rolling-28d');
    expect(before[1].elapsedEnd).toBe(before[1].end);
  });

  it('keeps measuring previous periods against the original now', () => {
    const may = resolvePeriod('2026-05', {
      defaultPeriod: 'month',
      now: at('2026-04-10T00:00:00Z'),
    });
    const [april] = previousPeriods(may, 1);
    // April is the current month at that now: measured until now, not its end
    expect(april.label).toBe('2026-04');
    expect(april.elapsedEnd).toBe(at('2026-04-10T00:00:00Z'));
  });
});
