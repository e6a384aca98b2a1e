import {
  formatDateTimeIn,
  formatDayIn,
  formatPeriodDays,
  knownTimezone,
} from './format';

/*
 * Hand-computed periods as the backend resolves them: calendar months and quarters from local
 * midnight to local midnight in the service's timezone, `end` exclusive.
 */

describe('formatPeriodDays', () => {
  it('shows October in Europe/London as its own days, across the change back to GMT', () => {
    // 1 Oct 00:00 BST (UTC+1) to 1 Nov 00:00 GMT; clocks go back on 25 Oct
    const october = {
      label: '2026-10',
      start: '2026-09-30T23:00:00.000Z',
      end: '2026-11-01T00:00:00.000Z',
    };
    expect(formatPeriodDays(october, 'Europe/London')).toBe(
      '1 Oct 2026 – 31 Oct 2026',
    );
    // read in UTC, the month would start on 30 September
    expect(formatDayIn(october.start, 'UTC')).toBe('30 Sep 2026');
  });

  it('shows March in Europe/London, which ends in summer time, up to the 31st', () => {
    // 1 Mar 00:00 GMT to 1 Apr 00:00 BST (UTC+1); clocks go forward on 29 Mar
    const march = {
      label: '2026-03',
      start: '2026-03-01T00:00:00.000Z',
      end: '2026-03-31T23:00:00.000Z',
    };
    expect(formatPeriodDays(march, 'Europe/London')).toBe(
      '1 Mar 2026 – 31 Mar 2026',
    );
  });

  it('shows a month in Pacific/Auckland, half a day ahead of UTC, on its own days', () => {
    // NZ summer time (UTC+13) from 27 Sep: 1 Oct 00:00 is 30 Sep 11:00 UTC
    const october = {
      label: '2026-10',
      start: '2026-09-30T11:00:00.000Z',
      end: '2026-10-31T11:00:00.000Z',
    };
    expect(formatPeriodDays(october, 'Pacific/Auckland')).toBe(
      '1 Oct 2026 – 31 Oct 2026',
    );
    expect(formatPeriodDays(october, 'UTC')).toBe('30 Sep 2026 – 31 Oct 2026');
  });

  it('shows a quarter in Pacific/Auckland that starts in summer time and ends in standard time', () => {
    // 1 Apr 00:00 NZDT (UTC+13) to 1 Jul 00:00 NZST (UTC+12); clocks go back on 5 Apr
    const q2 = {
      label: '2026-Q2',
      start: '2026-03-31T11:00:00.000Z',
      end: '2026-06-30T12:00:00.000Z',
    };
    expect(formatPeriodDays(q2, 'Pacific/Auckland')).toBe(
      '1 Apr 2026 – 30 Jun 2026',
    );
  });

  it('shows a month in Pacific/Honolulu, behind UTC, without the day after', () => {
    // UTC−10 all year: 1 Nov 00:00 is 1 Nov 10:00 UTC
    const october = {
      label: '2026-10',
      start: '2026-10-01T10:00:00.000Z',
      end: '2026-11-01T10:00:00.000Z',
    };
    expect(formatPeriodDays(october, 'Pacific/Honolulu')).toBe(
      '1 Oct 2026 – 31 Oct 2026',
    );
  });

  it('shows a rolling window from the day it starts to the day it is measured', () => {
    // 28 × 24 h up to 20 Oct 10:00 BST
    const rolling = {
      label: 'rolling-28d',
      start: '2026-09-22T09:00:00.000Z',
      end: '2026-10-20T09:00:00.000Z',
    };
    expect(formatPeriodDays(rolling, 'Europe/London')).toBe(
      '22 Sep 2026 – 20 Oct 2026',
    );
  });

  it("takes a calendar period's days from its label when the timezone is not known", () => {
    const inAuckland = {
      start: '2026-09-30T11:00:00.000Z',
      end: '2026-10-31T11:00:00.000Z',
    };
    expect(formatPeriodDays({ label: '2026-10', ...inAuckland })).toBe(
      '1 Oct 2026 – 31 Oct 2026',
    );
    expect(formatPeriodDays({ label: '2026-Q4', ...inAuckland })).toBe(
      '1 Oct 2026 – 31 Dec 2026',
    );
    expect(formatPeriodDays({ label: '2028-02', ...inAuckland })).toBe(
      '1 Feb 2028 – 29 Feb 2028',
    );
    expect(formatPeriodDays({ label: 'rolling-28d', ...inAuckland })).toBe(
      '30 Sep 2026 – 31 Oct 2026 (UTC)',
    );
  });
});

describe('formatDateTimeIn', () => {
  it("shows an instant on the service's clock", () => {
    expect(formatDateTimeIn('2026-10-20T09:00:00.000Z', 'Europe/London')).toBe(
      '20 Oct 2026, 10:00',
    );
    expect(
      formatDateTimeIn('2026-10-20T11:00:00.000Z', 'Pacific/Auckland'),
    ).toBe('21 Oct 2026, 00:00');
    expect(formatDateTimeIn(null, 'UTC')).toBe('—');
  });
});

describe('knownTimezone', () => {
  it('falls back to UTC, as the backend does, for a zone the browser does not know', () => {
    expect(knownTimezone('Pacific/Auckland')).toBe('Pacific/Auckland');
    expect(knownTimezone('Mars/Olympus_Mons')).toBe('UTC');
    expect(knownTimezone(undefined)).toBe('UTC');
    expect(formatDayIn('2026-10-20T09:00:00.000Z', 'Mars/Olympus_Mons')).toBe(
      '20 Oct 2026',
    );
  });
});
