import {
  formatCalendarDay,
  formatDay,
  formatDays,
  formatInstant,
  formatMonths,
  formatSince,
  knownTimezone,
} from './dates';

/*
 * Hand-computed periods as the backend resolves them: calendar months and quarters from local
 * midnight to local midnight in the service's timezone, `end` exclusive.
 */

describe('formatDays', () => {
  it('shows October in Europe/Berlin up to the 31st, across the change back to CET on 25 Oct', () => {
    // 1 Oct 00:00 CEST (UTC+2) is 30 Sep 22:00 UTC; 1 Nov 00:00 CET (UTC+1) is 31 Oct 23:00 UTC
    const october = {
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
    };
    expect(formatDays(october, 'Europe/Berlin')).toBe('1–31 Oct 2026');
    // read in UTC, the month would start on 30 September
    expect(formatDays(october, 'UTC')).toBe('30 Sep – 31 Oct 2026');
  });

  it('shows a month in UTC with its last day, not the first of the next', () => {
    const october = {
      start: '2026-10-01T00:00:00.000Z',
      end: '2026-11-01T00:00:00.000Z',
    };
    expect(formatDays(october, 'UTC')).toBe('1–31 Oct 2026');
  });

  it('shows a leap February up to the 29th', () => {
    const february = {
      start: '2028-02-01T00:00:00.000Z',
      end: '2028-03-01T00:00:00.000Z',
    };
    expect(formatDays(february, 'UTC')).toBe('1–29 Feb 2028');
  });

  it('shows March in Europe/London, which ends in summer time, up to the 31st', () => {
    // 1 Mar 00:00 GMT to 1 Apr 00:00 BST (UTC+1); clocks go forward on 29 Mar
    const march = {
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-03-31T23:00:00.000Z',
    };
    expect(formatDays(march, 'Europe/London')).toBe('1–31 Mar 2026');
  });

  it('shows a month in Pacific/Auckland, half a day ahead of UTC, on its own days', () => {
    // NZ summer time (UTC+13) from 27 Sep: 1 Oct 00:00 is 30 Sep 11:00 UTC
    const october = {
      start: '2026-09-30T11:00:00.000Z',
      end: '2026-10-31T11:00:00.000Z',
    };
    expect(formatDays(october, 'Pacific/Auckland')).toBe('1–31 Oct 2026');
  });

  it('shows a quarter from its first day to its last', () => {
    // Q4 in Europe/Berlin: 1 Oct 00:00 CEST to 1 Jan 00:00 CET
    const q4 = {
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-12-31T23:00:00.000Z',
    };
    expect(formatDays(q4, 'Europe/Berlin')).toBe('1 Oct – 31 Dec 2026');
    // Q2 in Pacific/Auckland: 1 Apr 00:00 NZDT (UTC+13) to 1 Jul 00:00 NZST (UTC+12)
    const q2 = {
      start: '2026-03-31T11:00:00.000Z',
      end: '2026-06-30T12:00:00.000Z',
    };
    expect(formatDays(q2, 'Pacific/Auckland')).toBe('1 Apr – 30 Jun 2026');
  });

  it('shows a rolling 28-day window from the day it starts to the day it is measured', () => {
    // 28 × 24 h up to 20 Oct 10:00 BST
    const rolling = {
      start: '2026-09-22T09:00:00.000Z',
      end: '2026-10-20T09:00:00.000Z',
    };
    expect(formatDays(rolling, 'Europe/London')).toBe('22 Sep – 20 Oct 2026');
  });

  it('writes both years of a range across New Year, and one day as itself', () => {
    expect(
      formatDays(
        { start: '2026-12-28T00:00:00.000Z', end: '2027-01-04T00:00:00.000Z' },
        'UTC',
      ),
    ).toBe('28 Dec 2026 – 3 Jan 2027');
    expect(
      formatDays(
        { start: '2026-10-20T00:00:00.000Z', end: '2026-10-21T00:00:00.000Z' },
        'UTC',
      ),
    ).toBe('20 Oct 2026');
  });
});

describe('formatInstant', () => {
  it("shows an instant on the service's clock with the zone's offset then", () => {
    expect(formatInstant('2026-10-20T09:00:00.000Z', 'Europe/London')).toBe(
      '20 Oct 2026, 10:00 UTC+1',
    );
    expect(formatInstant('2026-10-20T09:00:00.000Z', 'UTC')).toBe(
      '20 Oct 2026, 09:00 UTC',
    );
    expect(formatInstant(null, 'UTC')).toBe('—');
  });

  it('shows an instant near midnight on the day it is in the zone', () => {
    // 23:30 UTC on 24 Oct is 01:30 CEST on the 25th in Berlin, 19:30 EDT on the 24th in New York
    expect(formatInstant('2026-10-24T23:30:00.000Z', 'Europe/Berlin')).toBe(
      '25 Oct 2026, 01:30 UTC+2',
    );
    expect(formatDay('2026-10-24T23:30:00.000Z', 'Europe/Berlin')).toBe(
      '25 Oct 2026',
    );
    // 00:30 UTC on 1 Nov is 20:30 EDT (UTC−4) on 31 Oct in New York
    expect(formatInstant('2026-11-01T00:30:00.000Z', 'America/New_York')).toBe(
      '31 Oct 2026, 20:30 UTC-4',
    );
    // after Berlin's clocks go back: CET
    expect(formatInstant('2026-10-25T02:30:00.000Z', 'Europe/Berlin')).toBe(
      '25 Oct 2026, 03:30 UTC+1',
    );
  });
});

describe('formatSince, formatCalendarDay, formatMonths', () => {
  it('writes open ranges, declared dates and month ranges the same way', () => {
    expect(formatSince('2026-09-30T22:00:00.000Z', 'Europe/Berlin')).toBe(
      'since 1 Oct 2026',
    );
    expect(formatCalendarDay('2028-02-29')).toBe('29 Feb 2028');
    expect(formatCalendarDay('soon')).toBe('soon');
    expect(formatMonths('2026-01', '2026-10')).toBe('Jan – Oct 2026');
    expect(formatMonths('2025-11', '2026-10')).toBe('Nov 2025 – Oct 2026');
    expect(formatMonths('2026-10', '2026-10')).toBe('Oct 2026');
  });
});

describe('knownTimezone', () => {
  it('falls back to UTC, as the backend does, for a zone the browser does not know', () => {
    expect(knownTimezone('Pacific/Auckland')).toBe('Pacific/Auckland');
    expect(knownTimezone('Mars/Olympus_Mons')).toBe('UTC');
    expect(knownTimezone(undefined)).toBe('UTC');
    expect(formatDay('2026-10-20T09:00:00.000Z', 'Mars/Olympus_Mons')).toBe(
      '20 Oct 2026',
    );
  });
});
