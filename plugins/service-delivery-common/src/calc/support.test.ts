import { supportCompliance } from './support';
import { IncidentInput, SupportTargetInput } from './types';

const at = (iso: string) => Date.parse(iso);

// P1: respond within 15 min (900 s), resolve within 4 h (14 400 s); P2: 1 h and 1 d
const targets: SupportTargetInput[] = [
  { priority: 'P1', response: 900, resolution: 14_400 },
  { priority: 'P2', response: 3600, resolution: 86_400 },
];

const incident = (
  id: string,
  priority: string,
  startedAt: string,
  acknowledgedAt: string | null,
  resolvedAt: string | null,
  extra: Partial<IncidentInput> = {},
): IncidentInput => ({
  id,
  priority,
  impact: 'full',
  startedAt,
  acknowledgedAt,
  resolvedAt,
  ...extra,
});

const incidents: IncidentInput[] = [
  // a: ack after 10 min (≤ 15), resolved after 3 h (≤ 4 h) → both in time
  incident(
    'a',
    'P1',
    '2026-03-02T10:00:00Z',
    '2026-03-02T10:10:00Z',
    '2026-03-02T13:00:00Z',
  ),
  // b: ack after exactly 15 min → in time; resolved after 4 h 0 min 1 s → missed
  incident(
    'b',
    'P1',
    '2026-03-03T10:00:00Z',
    '2026-03-03T10:15:00Z',
    '2026-03-03T14:00:01Z',
  ),
  // c: never acknowledged but resolved after 12 min → the resolution is the response: both in time
  incident('c', 'P1', '2026-03-04T10:00:00Z', null, '2026-03-04T10:12:00Z'),
  // d: opened 10 min before the end of measurement, unacknowledged → both still pending
  incident('d', 'P1', '2026-03-20T11:50:00Z', null, null),
  // e: open for 1 h, unacknowledged → response missed (> 15 min), resolution pending (< 4 h)
  incident('e', 'P1', '2026-03-20T11:00:00Z', null, null),
  // f: ack after 20 min → missed; open for 15 days → resolution missed
  incident('f', 'P1', '2026-03-05T10:00:00Z', '2026-03-05T10:20:00Z', null),
  // g: planned work is not an incident to respond to
  incident('g', 'P1', '2026-03-06T02:00:00Z', null, null, { planned: true }),
  // h: started before the period
  incident(
    'h',
    'P1',
    '2026-02-28T23:00:00Z',
    '2026-03-01T01:00:00Z',
    '2026-03-01T05:00:00Z',
  ),
  // i: P2, ack after exactly 1 h, resolved after exactly 1 d → both in time
  incident(
    'i',
    'P2',
    '2026-03-06T10:00:00Z',
    '2026-03-06T11:00:00Z',
    '2026-03-07T10:00:00Z',
  ),
  // j: a priority without targets is not counted
  incident('j', 'P3', '2026-03-06T10:00:00Z', null, null),
];

describe('supportCompliance', () => {
  const result = supportCompliance(incidents, targets, {
    periodStart: at('2026-03-01T00:00:00Z'),
    periodEnd: at('2026-03-20T12:00:00Z'),
  });

  it('answers one row per declared priority, in declared order', () => {
    expect(result.map(r => r.priority)).toEqual(['P1', 'P2']);
  });

  it('counts P1 in time, missed and pending', () => {
    expect(result[0]).toEqual({
      priority: 'P1',
      responseTarget: 900,
      resolutionTarget: 14_400,
      // a, b, c, d, e, f
      incidents: 6,
      // a, b, c
      respondedInTime: 3,
      // e (unacknowledged for 1 h), f (20 min)
      responseMissed: 2,
      // d
      responsePending: 1,
      // 3 / (3 + 2) = 60 %
      responseCompliance: 60,
      // a, c
      resolvedInTime: 2,
      // b (4 h 0 min 1 s), f (still open after 15 days)
      resolutionMissed: 2,
      // d, e
      resolutionPending: 2,
      // 2 / (2 + 2) = 50 %
      resolutionCompliance: 50,
    });
  });

  it('counts exactly-on-target P2 as in time', () => {
    expect(result[1]).toMatchObject({
      incidents: 1,
      respondedInTime: 1,
      resolvedInTime: 1,
      responseCompliance: 100,
      resolutionCompliance: 100,
    });
  });

  it('judges open incidents at a later asOf when given', () => {
    // a week later, d and e have missed both targets
    const later = supportCompliance(incidents, targets, {
      periodStart: at('2026-03-01T00:00:00Z'),
      periodEnd: at('2026-03-20T12:00:00Z'),
      asOf: at('2026-03-27T12:00:00Z'),
    });
    expect(later[0]).toMatchObject({
      respondedInTime: 3,
      responseMissed: 3,
      responsePending: 0,
      resolvedInTime: 2,
      resolutionMissed: 4,
      resolutionPending: 0,
    });
  });

  it('leaves a target that is not declared empty', () => {
    const [row] = supportCompliance(
      incidents,
      [{ priority: 'P2', response: 3600 }],
      {
        periodStart: at('2026-03-01T00:00:00Z'),
        periodEnd: at('2026-04-01T00:00:00Z'),
      },
    );
    expect(row).toMatchObject({
      responseTarget: 3600,
      resolutionTarget: null,
      incidents: 1,
      respondedInTime: 1,
      resolvedInTime: null,
      resolutionCompliance: null,
    });
  });

  it('has nothing decided without incidents', () => {
    const [row] = supportCompliance([], targets, {
      periodStart: at('2026-03-01T00:00:00Z'),
      periodEnd: at('2026-04-01T00:00:00Z'),
    });
    expect(row).toMatchObject({
      incidents: 0,
      respondedInTime: 0,
      resolvedInTime: 0,
      responseCompliance: null,
      resolutionCompliance: null,
    });
  });
});
