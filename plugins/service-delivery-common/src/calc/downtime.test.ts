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
