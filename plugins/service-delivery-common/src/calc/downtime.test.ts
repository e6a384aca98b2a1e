import { impactWeight, measureDowntime } from './downtime';
import { resolvePeriod } from './periods';
import { agreedServiceWindows } from './serviceTime';
import { IncidentInput, ServiceHoursInput } from './types';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3600;
const MIN = 60;

let nextId = 0;
const incident = (
  startedAt: string,
  resolvedAt: string | null,
  extra: Partial<IncidentInput> = {},
): IncidentInput => ({
  id: extra.id ?? `inc-${++nextId}`,
  impact: 'full',
  startedAt,
  resolvedAt,
  ...extra,
});

// Tuesday 10 March 2026, around the clock in UTC
const dayStart = at('2026-03-10T00:00:00Z');
const dayEnd = at('2026-03-11T00:00:00Z');
const day24x7 = agreedServiceWindows(undefined, dayStart, dayEnd);

const measure = (
  incidents: IncidentInput[],
  opts: { windows?: typeof day24x7; periodEnd?: number; weight?: number } = {},
) =>
  measureDowntime({
    incidents,
    windows: opts.windows ?? day24x7,
    periodEnd: opts.periodEnd ?? dayEnd,
    partialOutageWeight: opts.weight,
  });

describe('impactWeight', () => {
  it('weighs full 1, partial the configured share, the rest 0', () => {
    expect(impactWeight({ impact: 'full' })).toBe(1);
    expect(impactWeight({ impact: 'partial' })).toBe(0.5);
    expect(impactWeight({ impact: 'partial' }, 0.25)).toBe(0.25);
    expect(impactWeight({ impact: 'degraded' })).toBe(0);
    expect(impactWeight({ impact: 'none' })).toBe(0);
    expect(impactWeight({ impact: 'full', planned: true })).toBe(0);
  });
});

describe('measureDowntime', () => {
  it('counts a single full outage', () => {
    const result = measure([
      incident('2026-03-10T10:00:00Z', '2026-03-10T10:30:00Z', { id: 'a' }),
    ]);
    // 10:00–10:30 = 30 min
    expect(result.downtimeSeconds).toBe(30 * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0]).toMatchObject({
      start: at('2026-03-10T10:00:00Z'),
      end: at('2026-03-10T10:30:00Z'),
      weight: 1,
      incidentIds: ['a'],
      downtimeSeconds: 30 * MIN,
    });
    expect(result.perIncident).toEqual([
      { id: 'a', downtimeSeconds: 30 * MIN },
    ]);
  });

  it('counts overlapping incidents once, as one failure, splitting the overlap', () => {
    const result = measure([
      incident('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z', { id: 'a' }),
      incident('2026-03-10T10:30:00Z', '2026-03-10T11:30:00Z', { id: 'b' }),
    ]);
    // union 10:00–11:30 = 90 min, not 60 + 60
    expect(result.downtimeSeconds).toBe(90 * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0].incidentIds).toEqual(['a', 'b']);
    // a alone 10:00–10:30 (30 min) + half of the shared 10:30–11:00 (15 min) = 45 min; b likewise
    expect(result.perIncident).toEqual([
      { id: 'a', downtimeSeconds: 45 * MIN },
      { id: 'b', downtimeSeconds: 45 * MIN },
    ]);
  });

  it('counts a nested incident inside the enclosing one', () => {
    const result = measure([
      incident('2026-03-10T10:00:00Z', '2026-03-10T12:00:00Z', { id: 'outer' }),
      incident('2026-03-10T10:30:00Z', '2026-03-10T11:00:00Z', { id: 'inner' }),
    ]);
    // union = the outer 2 h
    expect(result.downtimeSeconds).toBe(2 * HOUR);
    expect(result.failures).toBe(1);
    // outer: 30 min alone + 15 min shared + 60 min alone = 105 min; inner: 15 min shared
    expect(result.perIncident).toEqual([
      { id: 'outer', downtimeSeconds: 105 * MIN },
      { id: 'inner', downtimeSeconds: 15 * MIN },
    ]);
  });

  it('treats touching incidents as one failure and separate ones as two', () => {
    const touching = measure([
      incident('2026-03-10T10:00:00Z', '2026-03-10T11:00:00Z'),
      incident('2026-03-10T11:00:00Z', '2026-03-10T12:00:00Z'),
    ]);
    // never restored in between: one failure of 2 h
    expect(touching.failures).toBe(1);
    expect(touching.downtimeSeconds).toBe(2 * HOUR);

    const apart = measure([
      incident('2026-03-10T10:00:00Z', '2026-03-10T10:10:00Z'),
      incident('2026-03-10T14:00:00Z', '2026-03-10T14:20:00Z'),
    ]);
    // 10 + 20 min, two failures
    expect(apart.failures).toBe(2);
    expect(apart.downtimeSeconds).toBe(30 * MIN);
  });

  it('weighs partial outages and lets a full one win where they overlap', () => {
    const result = measure([
      incident('2026-03-10T09:00:00Z', '2026-03-10T11:00:00Z', {
        id: 'partial',
        impact: 'partial',
      }),
      incident('2026-03-10T10:00:00Z', '2026-03-10T10:30:00Z', { id: 'full' }),
    ]);
    // 09:00–10:00 partial: 60 min × 0.5 = 30 min
    // 10:00–10:30 full wins: 30 min × 1 = 30 min
    // 10:30–11:00 partial: 30 min × 0.5 = 15 min → total 75 min
    expect(result.downtimeSeconds).toBe(75 * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0].weight).toBe(1);
    expect(result.outages[0].segments.map(s => s.weight)).toEqual([
      0.5, 1, 0.5,
    ]);
    // the full incident takes the stretch it dominates; the partial one the rest: 30 + 15 = 45 min
    expect(result.perIncident).toEqual([
      { id: 'partial', downtimeSeconds: 45 * MIN },
      { id: 'full', downtimeSeconds: 30 * MIN },
    ]);

    // with partialOutageWeight 0.25: 60 × 0.25 + 30 + 30 × 0.25 = 15 + 30 + 7.5 = 52.5 min
    expect(
      measure(
        [
          incident('2026-03-10T09:00:00Z', '2026-03-10T11:00:00Z', {
            impact: 'partial',
          }),
          incident('2026-03-10T10:00:00Z', '2026-03-10T10:30:00Z'),
        ],
        { weight: 0.25 },
      ).downtimeSeconds,
    ).toBe(52.5 * MIN);
  });

  it('counts a partial-only outage as a failure with weighted downtime', () => {
    const result = measure([
      incident('2026-03-10T09:00:00Z', '2026-03-10T11:00:00Z', {
        impact: 'partial',
      }),
    ]);
    // 2 h × 0.5 = 1 h; one failure
    expect(result.downtimeSeconds).toBe(1 * HOUR);
    expect(result.failures).toBe(1);
    expect(result.outages[0].weight).toBe(0.5);
  });

  it('ignores degraded, no-impact and planned incidents', () => {
    const result = measure([
      incident('2026-03-10T09:00:00Z', '2026-03-10T11:00:00Z', {
        id: 'slow',
        impact: 'degraded',
      }),
      incident('2026-03-10T09:00:00Z', '2026-03-10T11:00:00Z', {
        id: 'cosmetic',
        impact: 'none',
      }),
      incident('2026-03-10T02:00:00Z', '2026-03-10T04:00:00Z', {
        id: 'upgrade',
        planned: true,
      }),
    ]);
    expect(result.downtimeSeconds).toBe(0);
    expect(result.failures).toBe(0);
    expect(result.outages).toEqual([]);
    expect(result.perIncident.map(p => p.downtimeSeconds)).toEqual([0, 0, 0]);
  });

  it('counts an open incident until the period end it is read for', () => {
    const open = incident('2026-03-10T10:00:00Z', null, { id: 'open' });
    // read at 12:00: 10:00–12:00 = 2 h
    expect(
      measure([open], { periodEnd: at('2026-03-10T12:00:00Z') })
        .downtimeSeconds,
    ).toBe(2 * HOUR);
    // read at the end of the day: 10:00–24:00 = 14 h
    expect(measure([open]).downtimeSeconds).toBe(14 * HOUR);
    // an incident resolved after the measurement end is also cut there
    expect(
      measure([incident('2026-03-10T10:00:00Z', '2026-03-10T20:00:00Z')], {
        periodEnd: at('2026-03-10T12:00:00Z'),
      }).downtimeSeconds,
    ).toBe(2 * HOUR);
  });

  it('splits an incident spanning a period boundary between the periods', () => {
    const now = at('2026-06-01T00:00:00Z');
    const feb = resolvePeriod('2026-02', { defaultPeriod: 'month', now });
    const mar = resolvePeriod('2026-03', { defaultPeriod: 'month', now });
    const spanning = [
      incident('2026-02-28T23:00:00Z', '2026-03-01T01:30:00Z', { id: 'x' }),
    ];
    const inFeb = measureDowntime({
      incidents: spanning,
      windows: agreedServiceWindows(undefined, feb.start, feb.elapsedEnd),
      periodEnd: feb.elapsedEnd,
    });
    const inMar = measureDowntime({
      incidents: spanning,
      windows: agreedServiceWindows(undefined, mar.start, mar.elapsedEnd),
      periodEnd: mar.elapsedEnd,
    });
    // 23:00–24:00 in February (1 h), 00:00–01:30 in March (1.5 h)
    expect(inFeb.downtimeSeconds).toBe(1 * HOUR);
    expect(inMar.downtimeSeconds).toBe(1.5 * HOUR);
    // it is a failure in each period it touches; the outage keeps its real start
    expect(inFeb.failures).toBe(1);
    expect(inMar.failures).toBe(1);
    expect(inMar.outages[0].start).toBe(at('2026-02-28T23:00:00Z'));
  });

  it('excludes the part of an outage inside a maintenance window', () => {
    const hours: ServiceHoursInput = {
      schedule: '24x7',
      maintenance: [{ days: ['tue'], from: '02:00', to: '04:00' }],
    };
    const windows = agreedServiceWindows(hours, dayStart, dayEnd);
    const result = measure(
      [incident('2026-03-10T01:00:00Z', '2026-03-10T03:00:00Z')],
      { windows },
    );
    // 01:00–03:00, of which 02:00–03:00 is maintenance: 1 h
    expect(result.downtimeSeconds).toBe(1 * HOUR);
    expect(result.failures).toBe(1);

    // an outage wholly inside maintenance is no failure at all
    const inside = measure(
      [incident('2026-03-10T02:30:00Z', '2026-03-10T03:30:00Z')],
      { windows },
    );
    expect(inside.downtimeSeconds).toBe(0);
    expect(inside.failures).toBe(0);
  });

  it('counts an outage through a gap in agreed time as one failure', () => {
    const hours: ServiceHoursInput = {
      weekly: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '08:00',
          to: '18:00',
        },
      ],
    };
    const windows = agreedServiceWindows(
      hours,
      at('2026-03-09T00:00:00Z'),
      at('2026-03-14T00:00:00Z'),
    );
    const overnight = measure(
      [
        incident('2026-03-10T17:00:00Z', '2026-03-11T09:00:00Z', {
          id: 'night',
        }),
      ],
      { windows, periodEnd: at('2026-03-14T00:00:00Z') },
    );
    // Tue 17:00–18:00 (1 h) + Wed 08:00–09:00 (1 h) = 2 h; one failure (never restored in between)
    expect(overnight.downtimeSeconds).toBe(2 * HOUR);
    expect(overnight.failures).toBe(1);
    expect(overnight.perIncident).toEqual([
      { id: 'night', downtimeSeconds: 2 * HOUR },
    ]);

    // out of hours only: no downtime, no failure
    const evening = measure(
      [incident('2026-03-10T20:00:00Z', '2026-03-10T22:00:00Z')],
      { windows, periodEnd: at('2026-03-14T00:00:00Z') },
    );
    expect(evening.downtimeSeconds).toBe(0);
    expect(evening.failures).toBe(0);
  });

  it('reads instants with offsets and skips impossible intervals', () => {
    const result = measure([
      // 11:00+01:00 = 10:00Z to 10:15Z
      incident('2026-03-10T11:00:00+01:00', '2026-03-10T10:15:00Z'),
      // resolved before it started: nothing
      incident('2026-03-10T15:00:00Z', '2026-03-10T14:00:00Z'),
    ]);
    expect(result.downtimeSeconds).toBe(15 * MIN);
    expect(result.failures).toBe(1);
  });

  it('rejects an unreadable instant and a weight outside 0–1', () => {
    expect(() => measure([incident('yesterday', null, { id: 'bad' })])).toThrow(
      'incident bad startedAt: yesterday is not a valid instant',
    );
    expect(() => measure([], { weight: 1.5 })).toThrow(
      /partialOutageWeight must be between 0 and 1/,
    );
  });

  it('has nothing to measure without incidents', () => {
    expect(measure([])).toEqual({
      downtimeSeconds: 0,
      failures: 0,
      outages: [],
      perIncident: [],
    });
  });
});

describe('measureDowntime, union and attribution worked by hand', () => {
  const tue = (hhmm: string) => `2026-03-10T${hhmm}:00Z`;
  const segmentsOf = (result: ReturnType<typeof measure>) =>
    result.outages.flatMap(outage =>
      outage.segments.map(s => [
        new Date(s.start).toISOString().slice(11, 16),
        new Date(s.end).toISOString().slice(11, 16),
        s.weight,
      ]),
    );

  it('attributes nested incidents of mixed weights to the heaviest active at each stretch', () => {
    // given out of order: the outage lists them as they started
    const result = measure([
      incident(tue('11:00'), tue('11:20'), { id: 'full-inner' }),
      incident(tue('10:30'), tue('11:30'), {
        id: 'partial-inner',
        impact: 'partial',
      }),
      incident(tue('10:00'), tue('12:00'), { id: 'full-outer' }),
      incident(tue('09:00'), tue('13:00'), {
        id: 'partial-outer',
        impact: 'partial',
      }),
    ]);
    // 09:00–10:00 partial-outer alone at 0.5:           60 × 0.5 = 30 → partial-outer
    // 10:00–10:30 full-outer the only full:                     30 → full-outer
    // 10:30–11:00 full-outer over partial-inner:                30 → full-outer
    // 11:00–11:20 two fulls share:                    20 / 2 = 10 each
    // 11:20–11:30 full-outer:                                   10 → full-outer
    // 11:30–12:00 full-outer:                                   30 → full-outer
    // 12:00–13:00 partial-outer alone:                60 × 0.5 = 30 → partial-outer
    // total 180 min; partial-inner never at the heaviest weight gets nothing
    expect(result.downtimeSeconds).toBe(180 * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0]).toMatchObject({
      start: at(tue('09:00')),
      end: at(tue('13:00')),
      weight: 1,
      incidentIds: [
        'partial-outer',
        'full-outer',
        'partial-inner',
        'full-inner',
      ],
      downtimeSeconds: 180 * MIN,
    });
    expect(segmentsOf(result)).toEqual([
      ['09:00', '10:00', 0.5],
      ['10:00', '10:30', 1],
      ['10:30', '11:00', 1],
      ['11:00', '11:20', 1],
      ['11:20', '11:30', 1],
      ['11:30', '12:00', 1],
      ['12:00', '13:00', 0.5],
    ]);
    expect(result.perIncident).toEqual([
      { id: 'full-inner', downtimeSeconds: 10 * MIN },
      { id: 'partial-inner', downtimeSeconds: 0 },
      // 30 + 30 + 10 + 10 + 30
      { id: 'full-outer', downtimeSeconds: 110 * MIN },
      // 30 + 30
      { id: 'partial-outer', downtimeSeconds: 60 * MIN },
    ]);
  });

  it('gives a partial inside a full nothing, unless partialOutageWeight makes them equal', () => {
    const incidents = [
      incident(tue('10:00'), tue('11:00'), { id: 'full' }),
      incident(tue('10:15'), tue('10:45'), {
        id: 'partial',
        impact: 'partial',
      }),
    ];
    const weighted = measure(incidents);
    // the full hour; the partial is hidden by the full
    expect(weighted.downtimeSeconds).toBe(60 * MIN);
    expect(weighted.outages[0].incidentIds).toEqual(['full', 'partial']);
    expect(weighted.perIncident).toEqual([
      { id: 'full', downtimeSeconds: 60 * MIN },
      { id: 'partial', downtimeSeconds: 0 },
    ]);

    // partialOutageWeight 1: both weigh 1 and split 10:15–10:45: full 15 + 15 + 15, partial 15
    const equal = measure(incidents, { weight: 1 });
    expect(equal.downtimeSeconds).toBe(60 * MIN);
    expect(equal.outages[0].segments.map(s => s.weight)).toEqual([1, 1, 1]);
    expect(equal.perIncident).toEqual([
      { id: 'full', downtimeSeconds: 45 * MIN },
      { id: 'partial', downtimeSeconds: 15 * MIN },
    ]);
  });

  it('leaves partial incidents out altogether with partialOutageWeight 0', () => {
    const result = measure(
      [
        incident(tue('09:00'), tue('11:00'), {
          id: 'partial',
          impact: 'partial',
        }),
        incident(tue('10:00'), tue('10:30'), { id: 'full' }),
        incident(tue('14:00'), tue('15:00'), {
          id: 'later',
          impact: 'partial',
        }),
      ],
      { weight: 0 },
    );
    // only the full half hour, which is the only outage
    expect(result.downtimeSeconds).toBe(30 * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0]).toMatchObject({
      start: at(tue('10:00')),
      end: at(tue('10:30')),
      incidentIds: ['full'],
    });
    expect(result.perIncident.map(p => p.downtimeSeconds)).toEqual([
      0,
      30 * MIN,
      0,
    ]);
  });

  it('attributes a chain of touching incidents as one failure, each its own stretch', () => {
    const result = measure([
      incident(tue('10:00'), tue('11:00'), { id: 'a' }),
      incident(tue('11:00'), tue('12:00'), { id: 'b', impact: 'partial' }),
      incident(tue('12:00'), tue('12:30'), { id: 'c' }),
    ]);
    // 60 + 60 × 0.5 + 30 = 120 min, never restored in between
    expect(result.downtimeSeconds).toBe(120 * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0].incidentIds).toEqual(['a', 'b', 'c']);
    expect(segmentsOf(result)).toEqual([
      ['10:00', '11:00', 1],
      ['11:00', '12:00', 0.5],
      ['12:00', '12:30', 1],
    ]);
    expect(result.perIncident.map(p => p.downtimeSeconds)).toEqual([
      60 * MIN,
      30 * MIN,
      30 * MIN,
    ]);
  });

  it('runs an open incident to the period end, over a partial it started inside', () => {
    const result = measure(
      [
        incident(tue('09:00'), tue('10:30'), {
          id: 'partial',
          impact: 'partial',
        }),
        incident(tue('10:00'), null, { id: 'open' }),
      ],
      { periodEnd: at(tue('12:00')) },
    );
    // 09:00–10:00 partial 60 × 0.5 = 30; 10:00–12:00 open (full) 120 → 150 min
    expect(result.downtimeSeconds).toBe(150 * MIN);
    expect(result.outages[0].end).toBe(at(tue('12:00')));
    expect(result.perIncident).toEqual([
      { id: 'partial', downtimeSeconds: 30 * MIN },
      { id: 'open', downtimeSeconds: 120 * MIN },
    ]);
  });

  it('cuts incidents at the period end and ignores empty ones', () => {
    const result = measure(
      [
        incident(tue('10:00'), tue('12:00'), { id: 'a' }),
        incident(tue('10:30'), tue('13:00'), { id: 'b' }),
        // starts as measurement ends, and after it
        incident(tue('11:00'), tue('11:30'), { id: 'at-end' }),
        incident(tue('11:30'), null, { id: 'after' }),
        // zero length: no share of 10:30–11:00
        incident(tue('10:40'), tue('10:40'), { id: 'empty' }),
      ],
      { periodEnd: at(tue('11:00')) },
    );
    // 10:00–10:30 a 30; 10:30–11:00 a and b 15 each → 60 min
    expect(result.downtimeSeconds).toBe(60 * MIN);
    expect(result.outages[0]).toMatchObject({
      start: at(tue('10:00')),
      end: at(tue('11:00')),
      incidentIds: ['a', 'b'],
    });
    expect(result.perIncident.map(p => p.downtimeSeconds)).toEqual([
      45 * MIN,
      15 * MIN,
      0,
      0,
      0,
    ]);
  });

  it('counts an incident id given twice once where its impacts overlap', () => {
    const result = measure([
      incident(tue('10:00'), tue('11:00'), { id: 'a' }),
      incident(tue('10:30'), tue('11:30'), { id: 'a' }),
      incident(tue('10:30'), tue('11:00'), { id: 'b' }),
    ]);
    // 10:00–10:30 a 30; 10:30–11:00 a and b 15 each; 11:00–11:30 a 30 → a 75, b 15
    expect(result.downtimeSeconds).toBe(90 * MIN);
    expect(result.outages[0].incidentIds).toEqual(['a', 'b']);
    // every entry of the id reports the id's downtime
    expect(result.perIncident.map(p => p.downtimeSeconds)).toEqual([
      75 * MIN,
      75 * MIN,
      15 * MIN,
    ]);
  });

  it('measures only agreed time of an outage running through a maintenance window and a night', () => {
    const hours: ServiceHoursInput = {
      weekly: [
        {
          days: ['mon', 'tue', 'wed', 'thu', 'fri'],
          from: '08:00',
          to: '18:00',
        },
      ],
      maintenance: [{ days: ['tue'], from: '12:00', to: '13:00' }],
    };
    const weekStart = at('2026-03-09T00:00:00Z');
    const weekEnd = at('2026-03-14T00:00:00Z');
    const windows = agreedServiceWindows(hours, weekStart, weekEnd);
    const result = measure(
      [
        incident('2026-03-10T11:00:00Z', '2026-03-10T14:00:00Z', { id: 'x' }),
        incident('2026-03-10T12:30:00Z', '2026-03-11T09:00:00Z', {
          id: 'y',
          impact: 'partial',
        }),
        incident('2026-03-11T08:30:00Z', '2026-03-11T09:30:00Z', { id: 'z' }),
        // Thursday evening, out of hours
        incident('2026-03-12T19:00:00Z', '2026-03-12T20:00:00Z', {
          id: 'evening',
        }),
      ],
      { windows, periodEnd: weekEnd },
    );
    // Tue 11:00–12:30 x alone: agreed 11–12                         60 → x
    // Tue 12:30–14:00 x over y: agreed 13–14 (12:30–13 maintenance) 60 → x
    // Tue 14:00–Wed 08:30 y alone: agreed Tue 14–18 and Wed 08–08:30,
    //                              (240 + 30) × 0.5                135 → y
    // Wed 08:30–09:00 z over y                                      30 → z
    // Wed 09:00–09:30 z                                             30 → z
    // 315 min, one failure: never restored between Tuesday 11:00 and Wednesday 09:30
    expect(result.downtimeSeconds).toBe(315 * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0]).toMatchObject({
      start: at('2026-03-10T11:00:00Z'),
      end: at('2026-03-11T09:30:00Z'),
      weight: 1,
      incidentIds: ['x', 'y', 'z'],
      downtimeSeconds: 315 * MIN,
    });
    expect(result.perIncident).toEqual([
      { id: 'x', downtimeSeconds: 120 * MIN },
      { id: 'y', downtimeSeconds: 135 * MIN },
      { id: 'z', downtimeSeconds: 60 * MIN },
      { id: 'evening', downtimeSeconds: 0 },
    ]);
  });
});

describe('measureDowntime on adversarial incident sets', () => {
  const N = 2000;
  const minute = (m: number) => dayStart + m * 60_000;
  const measureEnd = dayStart + 10 * 24 * HOUR * 1000;
  const measureAll = (incidents: IncidentInput[]) =>
    measureDowntime({
      incidents,
      windows: agreedServiceWindows(undefined, dayStart, measureEnd),
      periodEnd: measureEnd,
    });
  /** H(n) = 1 + 1/2 + … + 1/n, H(0) = 0. */
  const harmonic = (() => {
    const values = [0];
    for (let n = 1; n <= N; n++) values.push(values[n - 1] + 1 / n);
    return (n: number) => values[n];
  })();
  const largestDeviation = (actual: number[], expected: number[]) =>
    Math.max(...actual.map((value, i) => Math.abs(value - expected[i])));

  it(`attributes ${N} nested incidents, full and partial in turn`, () => {
    // incident i covers minutes [i, 2N − i): each contains the next; even ones full, odd ones partial
    const incidents = Array.from(
      { length: N },
      (_, i): IncidentInput => ({
        id: `nested-${i}`,
        impact: i % 2 === 0 ? 'full' : 'partial',
        startedAt: minute(i),
        resolvedAt: minute(2 * N - i),
      }),
    );
    const result = measureAll(incidents);
    // the union [0, 2N) at weight 1 throughout: incident 0 is full and active all along
    expect(result.downtimeSeconds).toBe(2 * N * MIN);
    expect(result.failures).toBe(1);
    // a segment between each two of the 2N boundaries: the innermost incident's two minutes are one
    expect(result.outages[0].segments).toHaveLength(2 * N - 1);
    expect(result.outages[0].incidentIds).toEqual(incidents.map(i => i.id));
    // Minute k (and its mirror 2N − 1 − k) has the full incidents 0, 2, …, ≤ k active: ⌊k/2⌋ + 1 of them.
    // Full incident 2m is active in minutes 2m … N − 1 and their mirrors, so it is attributed
    // 2 × Σ_{k=2m}^{N−1} 1/(⌊k/2⌋ + 1) = 2 × 2 × (H(N/2) − H(m)) minutes; partial ones nothing.
    const expected = incidents.map((_, i) =>
      i % 2 === 0 ? 4 * (harmonic(N / 2) - harmonic(i / 2)) * MIN : 0,
    );
    const actual = result.perIncident.map(p => p.downtimeSeconds);
    expect(largestDeviation(actual, expected)).toBeLessThan(1e-6);
    expect(actual.filter((_, i) => i % 2 === 1).every(s => s === 0)).toBe(true);
  });

  it(`attributes a chain of ${N} overlapping incidents`, () => {
    // incident i covers minutes [i, i + L): each overlaps the next L − 1
    const L = 10;
    const incidents = Array.from(
      { length: N },
      (_, i): IncidentInput => ({
        id: `chain-${i}`,
        impact: 'full',
        startedAt: minute(i),
        resolvedAt: minute(i + L),
      }),
    );
    const result = measureAll(incidents);
    // one failure over the union [0, N + L − 1)
    expect(result.downtimeSeconds).toBe((N + L - 1) * MIN);
    expect(result.failures).toBe(1);
    expect(result.outages[0].segments).toHaveLength(N + L - 1);
    // Minute k has min(k + 1, L) incidents active near the start, L in the middle, mirrored at the end.
    // In the middle an incident shares each of its L minutes L ways: 1 minute. Incident i < L − 1 has
    // 1/(k + 1) of minutes k = i … L − 2, H(L − 1) − H(i), then 1/L of i + 1 minutes; incident
    // N − 1 − i the same.
    const edge = (i: number) => harmonic(L - 1) - harmonic(i) + (i + 1) / L;
    const expected = incidents.map((_, i) => {
      if (i < L - 1) return edge(i) * MIN;
      if (N - 1 - i < L - 1) return edge(N - 1 - i) * MIN;
      return MIN;
    });
    const actual = result.perIncident.map(p => p.downtimeSeconds);
    expect(largestDeviation(actual, expected)).toBeLessThan(1e-6);
    // every minute of the union is attributed to someone
    expect(actual.reduce((sum, s) => sum + s, 0)).toBeCloseTo(
      (N + L - 1) * MIN,
      6,
    );
  });
});
