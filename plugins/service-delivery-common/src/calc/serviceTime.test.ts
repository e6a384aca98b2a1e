import { resolvePeriod } from './periods';
import {
  agreedServiceTime,
  agreedServiceWindows,
  maintenanceWindows,
  ServiceHoursError,
  usableServiceHours,
} from './serviceTime';
import { ServiceHoursInput } from './types';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600;

const month = (label: string, timezone?: string) =>
  resolvePeriod(label, {
    defaultPeriod: 'month',
    timezone,
    now: at('2030-01-01T00:00:00Z'),
  });

describe('agreedServiceWindows — around the clock', () => {
  it('is the whole span in UTC without service hours', () => {
    const start = at('2026-03-10T00:00:00Z');
    const end = at('2026-03-11T06:00:00Z');
    expect(agreedServiceWindows(undefined, start, end)).toEqual([
      { start, end },
    ]);
    // 30 hours
    expect(agreedServiceTime(undefined, start, end)).toBe(30 * HOUR);
    expect(agreedServiceWindows(undefined, end, start)).toEqual([]);
  });

  it('gives March 2026 in London 31 × 24 − 1 = 743 hours', () => {
    const march = month('2026-03', 'Europe/London');
    const hours: ServiceHoursInput = {
      timezone: 'Europe/London',
      schedule: '24x7',
    };
    expect(agreedServiceTime(hours, march.start, march.end)).toBe(743 * HOUR);
  });

  it('gives October 2026 in London 31 × 24 + 1 = 745 hours', () => {
    const october = month('2026-10', 'Europe/London');
    expect(
      agreedServiceTime(
        { timezone: 'Europe/London' },
        october.start,
        october.end,
      ),
    ).toBe(745 * HOUR);
  });

  it('subtracts maintenance, including on the spring-forward Sunday', () => {
    const march = month('2026-03', 'Europe/London');
    const hours: ServiceHoursInput = {
      timezone: 'Europe/London',
      schedule: '24x7',
      maintenance: [{ days: ['sun'], from: '02:00', to: '04:00' }],
    };
    // Sundays 1, 8, 15, 22, 29 March: 2 h each. On the 29th 02:00 BST = 01:00Z, 04:00 BST = 03:00Z,
    // still 2 h. 743 − 5 × 2 = 733 h.
    expect(agreedServiceTime(hours, march.start, march.end)).toBe(733 * HOUR);
    const maintenance = maintenanceWindows(hours, march.start, march.end);
    expect(maintenance).toHaveLength(5);
    expect(maintenance[4]).toEqual({
      start: at('2026-03-29T01:00:00Z'),
      end: at('2026-03-29T03:00:00Z'),
    });
  });

  it('lets an explicit 24x7 win over a weekly list', () => {
    const start = at('2026-03-14T00:00:00Z'); // a Saturday
    const end = at('2026-03-15T00:00:00Z');
    expect(
      agreedServiceTime(
        {
          schedule: '24x7',
          weekly: [{ days: ['mon'], from: '08:00', to: '18:00' }],
        },
        start,
        end,
      ),
    ).toBe(24 * HOUR);
  });
});

describe('agreedServiceWindows — weekly windows and DST', () => {
  const sunday = (timezone: string, from: string, to: string) =>
    ({
      timezone,
      weekly: [{ days: ['sun'], from, to }],
    } as ServiceHoursInput);

  // The Sunday and a day either side, so that nothing is clipped by the range.
  const aroundLondonSpring = [
    at('2026-03-28T00:00:00Z'),
    at('2026-03-31T00:00:00Z'),
  ] as const;
  const aroundLondonAutumn = [
    at('2026-10-24T00:00:00Z'),
    at('2026-10-27T00:00:00Z'),
  ] as const;
  const aroundNewYorkSpring = [
    at('2026-03-07T00:00:00Z'),
    at('2026-03-10T00:00:00Z'),
  ] as const;

  it('London 29 March 2026 (clocks 01:00 GMT → 02:00 BST)', () => {
    const [start, end] = aroundLondonSpring;
    // 00:00–24:00: 00:00 GMT = 00:00Z to 00:00 BST next day = 23:00Z → 23 h
    expect(
      agreedServiceWindows(
        sunday('Europe/London', '00:00', '24:00'),
        start,
        end,
      ),
    ).toEqual([
      { start: at('2026-03-29T00:00:00Z'), end: at('2026-03-29T23:00:00Z') },
    ]);
    // 01:00–03:00: 01:00 does not exist, it is the change itself (01:00Z); 03:00 BST = 02:00Z → 1 h
    expect(
      agreedServiceTime(sunday('Europe/London', '01:00', '03:00'), start, end),
    ).toBe(1 * HOUR);
    // 08:00–18:00 is after the change: 07:00Z–17:00Z, still 10 h
    expect(
      agreedServiceWindows(
        sunday('Europe/London', '08:00', '18:00'),
        start,
        end,
      ),
    ).toEqual([
      { start: at('2026-03-29T07:00:00Z'), end: at('2026-03-29T17:00:00Z') },
    ]);
    // 00:00–06:00 spans the change: 00:00Z to 06:00 BST = 05:00Z → 5 h
    expect(
      agreedServiceTime(sunday('Europe/London', '00:00', '06:00'), start, end),
    ).toBe(5 * HOUR);
  });

  it('London 25 October 2026 (clocks 02:00 BST → 01:00 GMT)', () => {
    const [start, end] = aroundLondonAutumn;
    // 00:00–24:00: 00:00 BST = 24 Oct 23:00Z to 00:00 GMT = 26 Oct 00:00Z → 25 h
    expect(
      agreedServiceTime(sunday('Europe/London', '00:00', '24:00'), start, end),
    ).toBe(25 * HOUR);
    // 01:00–03:00: 01:00 happens twice; the window opens at the first, 01:00 BST = 00:00Z, and closes
    // at 03:00 GMT = 03:00Z → 3 h (both passes of the repeated hour)
    expect(
      agreedServiceWindows(
        sunday('Europe/London', '01:00', '03:00'),
        start,
        end,
      ),
    ).toEqual([
      { start: at('2026-10-25T00:00:00Z'), end: at('2026-10-25T03:00:00Z') },
    ]);
    // 08:00–18:00 GMT = 08:00Z–18:00Z → 10 h
    expect(
      agreedServiceWindows(
        sunday('Europe/London', '08:00', '18:00'),
        start,
        end,
      ),
    ).toEqual([
      { start: at('2026-10-25T08:00:00Z'), end: at('2026-10-25T18:00:00Z') },
    ]);
  });

  it('New York 8 March 2026 (clocks 02:00 EST → 03:00 EDT)', () => {
    const [start, end] = aroundNewYorkSpring;
    // 00:00–24:00: 00:00 EST = 05:00Z to 00:00 EDT next day = 04:00Z → 23 h
    expect(
      agreedServiceWindows(
        sunday('America/New_York', '00:00', '24:00'),
        start,
        end,
      ),
    ).toEqual([
      { start: at('2026-03-08T05:00:00Z'), end: at('2026-03-09T04:00:00Z') },
    ]);
    // 08:00–18:00 EDT = 12:00Z–22:00Z → 10 h
    expect(
      agreedServiceWindows(
        sunday('America/New_York', '08:00', '18:00'),
        start,
        end,
      ),
    ).toEqual([
      { start: at('2026-03-08T12:00:00Z'), end: at('2026-03-08T22:00:00Z') },
    ]);
    // 01:00–03:00: 01:00 EST = 06:00Z, 03:00 EDT = 07:00Z → 1 h
    expect(
      agreedServiceTime(
        sunday('America/New_York', '01:00', '03:00'),
        start,
        end,
      ),
    ).toBe(1 * HOUR);
    // 02:30–04:00: 02:30 is skipped; read at EST it is 07:30Z (03:30 EDT); 04:00 EDT = 08:00Z → 0.5 h
    expect(
      agreedServiceTime(
        sunday('America/New_York', '02:30', '04:00'),
        start,
        end,
      ),
    ).toBe(0.5 * HOUR);
  });

  it('a business-hours month: London March 2026, Mon–Fri 08:00–18:00', () => {
    const march = month('2026-03', 'Europe/London');
    const hours: ServiceHoursInput = {
      timezone: 'Europe/London',
      weekly: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '08:00',
          to: '18:00',
        },
      ],
    };
    // 1 March is a Sunday. Weekdays: 2–6, 9–13, 16–20, 23–27 (4 × 5) and 30, 31 → 22 days × 10 h
    expect(agreedServiceTime(hours, march.start, march.end)).toBe(220 * HOUR);
    const windows = agreedServiceWindows(hours, march.start, march.end);
    expect(windows).toHaveLength(22);
    // before the change 08:00 GMT = 08:00Z, after it 08:00 BST = 07:00Z
    expect(windows[0]).toEqual({
      start: at('2026-03-02T08:00:00Z'),
      end: at('2026-03-02T18:00:00Z'),
    });
    expect(windows[20]).toEqual({
      start: at('2026-03-30T07:00:00Z'),
      end: at('2026-03-30T17:00:00Z'),
    });

    // with a lunchtime maintenance window on Wednesdays (4, 11, 18, 25 March): 220 − 4 × 1 = 216 h
    expect(
      agreedServiceTime(
        {
          ...hours,
          maintenance: [{ days: ['wed'], from: '12:00', to: '13:00' }],
        },
        march.start,
        march.end,
      ),
    ).toBe(216 * HOUR);
  });

  it('clips windows to the range and handles several windows a day', () => {
    const hours: ServiceHoursInput = {
      weekly: [
        { days: ['tue'], from: '08:00', to: '12:00' },
        { days: ['tue'], from: '11:00', to: '14:00' }, // overlaps the first: union 08:00–14:00
        { days: ['tue'], from: '20:00', to: '24:00' },
      ],
    };
    // range Tuesday 10 March 10:00Z → Wednesday 00:00Z: 10:00–14:00 (4 h) + 20:00–24:00 (4 h)
    expect(
      agreedServiceWindows(
        hours,
        at('2026-03-10T10:00:00Z'),
        at('2026-03-11T00:00:00Z'),
      ),
    ).toEqual([
      { start: at('2026-03-10T10:00:00Z'), end: at('2026-03-10T14:00:00Z') },
      { start: at('2026-03-10T20:00:00Z'), end: at('2026-03-11T00:00:00Z') },
    ]);
  });

  it('runs a window whose end is not after its start into the next day', () => {
    const hours: ServiceHoursInput = {
      weekly: [{ days: ['mon'], from: '22:00', to: '02:00' }],
    };
    // the range starts Tuesday 10 March 00:00Z: only Monday night's tail 00:00–02:00 falls in it
    expect(
      agreedServiceWindows(
        hours,
        at('2026-03-10T00:00:00Z'),
        at('2026-03-12T00:00:00Z'),
      ),
    ).toEqual([
      { start: at('2026-03-10T00:00:00Z'), end: at('2026-03-10T02:00:00Z') },
    ]);
  });

  it('has no agreed time for an empty weekly list', () => {
    expect(
      agreedServiceTime(
        { weekly: [] },
        at('2026-03-01T00:00:00Z'),
        at('2026-04-01T00:00:00Z'),
      ),
    ).toBe(0);
  });
});

describe('agreedServiceWindows — bad input', () => {
  const range = [
    at('2026-03-01T00:00:00Z'),
    at('2026-03-02T00:00:00Z'),
  ] as const;
  it.each([
    [
      { weekly: [{ days: ['mon'], from: '25:00', to: '26:00' }] },
      /weekly\[0\]\.from: "25:00"/,
    ],
    [
      { weekly: [{ days: ['mon'], from: '08:00', to: '12:60' }] },
      /weekly\[0\]\.to: "12:60"/,
    ],
    [
      { weekly: [{ days: ['mon'], from: 'noon', to: '13:00' }] },
      /from: "noon" is not a time of day/,
    ],
    [
      { weekly: [{ days: ['mon'], from: '24:00', to: '13:00' }] },
      /from: "24:00"/,
    ],
    [
      { weekly: [{ days: ['monday'], from: '08:00', to: '13:00' }] },
      /days: "monday" is not a day/,
    ],
    [
      { maintenance: [{ days: ['sun'], from: '2am', to: '04:00' }] },
      /maintenance\[0\]\.from/,
    ],
    [{ timezone: 'Europe/Londn' }, /unknown timezone "Europe\/Londn"/],
    // names every object inherits are no days, numbers no timezones
    [
      { weekly: [{ days: ['constructor'], from: '08:00', to: '13:00' }] },
      /days: "constructor" is not a day/,
    ],
    [
      { weekly: [{ days: ['toString'], from: '08:00', to: '13:00' }] },
      /days: "toString" is not a day/,
    ],
    [
      { maintenance: [{ days: 5, from: '02:00', to: '04:00' }] },
      /maintenance\[0\]: is not a window/,
    ],
    [{ timezone: 5 }, /unknown timezone "5"/],
  ])('rejects %j', (hours, message) => {
    const compute = () =>
      agreedServiceWindows(hours as ServiceHoursInput, range[0], range[1]);
    expect(compute).toThrow(ServiceHoursError);
    expect(compute).toThrow(message);
  });
});

describe('usableServiceHours', () => {
  const london = {
    timezone: 'Europe/London',
    weekly: [{ days: ['mon', 'fri'], from: '08:00', to: '18:00' }],
    maintenance: [{ days: ['sun'], from: '02:00', to: '04:00' }],
  };

  it('keeps hours that can be laid out as they are', () => {
    expect(usableServiceHours(london)).toEqual(london);
    expect(usableServiceHours({ schedule: '24x7' })).toEqual({
      schedule: '24x7',
    });
    // a window that runs past midnight can be laid out, though the validation asks for two
    const night = { weekly: [{ days: ['sat'], from: '22:00', to: '06:00' }] };
    expect(usableServiceHours(night)).toEqual(night);
  });

  it.each([
    ['no hours', undefined],
    ['a list', [london]],
    ['a name', 'office hours'],
  ])('has nothing for %s', (_what, declared) => {
    expect(usableServiceHours(declared)).toEqual({});
  });

  it.each([
    ['an unknown zone', 'Mars/Olympus'],
    ['a number', 5],
    ['a name every object inherits', 'constructor'],
  ])('leaves out a timezone that is %s: UTC applies', (_what, timezone) => {
    expect(usableServiceHours({ ...london, timezone })).toEqual({
      weekly: london.weekly,
      maintenance: london.maintenance,
    });
  });

  it.each([
    ['a time past the day', { days: ['mon'], from: '25:00', to: '26:00' }],
    ['24:00 as a start', { days: ['mon'], from: '24:00', to: '13:00' }],
    ['a time that is a number', { days: ['mon'], from: 800, to: '13:00' }],
    ['no days', { days: [], from: '08:00', to: '13:00' }],
    ['days that are no list', { days: 'mon', from: '08:00', to: '13:00' }],
    ['an unknown day', { days: ['mon', 'funday'], from: '08:00', to: '13:00' }],
    ['an inherited day', { days: ['constructor'], from: '08:00', to: '13:00' }],
    ['no window', null],
  ])('leaves out a window with %s', (_what, window) => {
    const usable = usableServiceHours({
      ...london,
      weekly: [window, ...london.weekly],
      maintenance: [window],
    });
    expect(usable).toEqual({
      timezone: 'Europe/London',
      weekly: london.weekly,
    });
  });

  it('leaves out weekly hours with no window left: round the clock applies', () => {
    const declared = {
      timezone: 'Europe/London',
      weekly: [{ days: ['mon'], from: '25:00', to: '26:00' }],
    };
    const usable = usableServiceHours(declared);
    expect(usable).toEqual({ timezone: 'Europe/London' });
    const march = month('2026-03', 'Europe/London');
    expect(agreedServiceTime(usable, march.start, march.end)).toBe(
      (31 * 24 - 1) * HOUR,
    );
  });

  it('never leaves what agreedServiceWindows refuses', () => {
    const march = month('2026-03');
    for (const declared of [
      { timezone: 5, weekly: [{ days: 5, from: 1, to: 2 }] },
      { weekly: [{ days: ['constructor'], from: '08:00', to: '09:00' }] },
      { maintenance: [{ days: ['sun'], from: '2am', to: '04:00' }] },
      { weekly: 'weekdays', maintenance: {} },
    ]) {
      expect(() =>
        agreedServiceWindows(
          usableServiceHours(declared),
          march.start,
          march.end,
        ),
      ).not.toThrow();
    }
  });
});
