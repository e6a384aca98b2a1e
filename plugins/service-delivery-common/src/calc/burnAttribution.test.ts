import {
  BurnAttributionEdges,
  BurnAttributionInput,
  attributedShareText,
  burnAttribution,
  burnAttributionSentence,
  burnAttributionView,
  combineSteps,
} from './burnAttribution';
import { IncidentInput, ServiceHoursInput, SliBucketInput } from './types';

const SVC = 'component:default/retail';
const ref = (name: string) => `component:default/${name}`;
const at = (iso: string) => Date.parse(iso);
const MARCH = {
  start: at('2026-03-01T00:00:00Z'),
  end: at('2026-04-01T00:00:00Z'),
};

let next = 0;
function outage(
  from: string,
  to: string,
  impact: IncidentInput['impact'] = 'full',
): IncidentInput {
  next += 1;
  return {
    id: `i${next}`,
    impact,
    startedAt: `2026-03-${from}Z`,
    resolvedAt: `2026-03-${to}Z`,
  };
}

function attribute(options: {
  edges: Record<string, Partial<BurnAttributionEdges>>;
  incidents: Record<string, IncidentInput[]>;
  kind?: 'availability' | 'ratio';
  serviceHours?: ServiceHoursInput;
  buckets?: SliBucketInput[];
  period?: BurnAttributionInput['period'];
}) {
  return burnAttribution({
    objective: { name: 'objective', kind: options.kind ?? 'availability' },
    period: options.period ?? MARCH,
    root: SVC,
    edgesOf: r =>
      options.edges[r] && {
        dependsOn: options.edges[r].dependsOn ?? [],
        redundancy: options.edges[r].redundancy ?? [],
      },
    incidentsOf: r => options.incidents[r] ?? [],
    serviceHours: options.serviceHours,
    buckets: options.buckets,
    partialOutageWeight: 0.5,
  });
}

const seconds = (s: number) => ({ low: s, high: s });

describe('burnAttribution over agreed service time', () => {
  it('counts what fell while none of five dependencies was out, partial outages at their weight', () => {
    // the service is down 10:00–14:00 (4 h). Out: a 09:00–10:30, b 10:15–11:00 (partial, 0.5),
    // c 12:00–12:30, d 12:15–13:00 (partial), e 15:00–16:00 (after the downtime).
    // While some line is out, at its largest weight: 10:00–11:00 fully (a, then a with b, then
    // b alone at 0.5 from 10:30: 30 min at 1 + 30 min at 0.5), 12:00–12:30 fully (c), 12:30–13:00
    // at 0.5 (d). Unexplained: 4 h − (30 + 15 + 30 + 15) min = 150 min = 9,000 s.
    const result = attribute({
      edges: {
        [SVC]: { dependsOn: ['a', 'b', 'c', 'd', 'e'].map(ref) },
      },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T14:00:00')],
        [ref('a')]: [outage('02T09:00:00', '02T10:30:00')],
        [ref('b')]: [outage('02T10:15:00', '02T11:00:00', 'partial')],
        [ref('c')]: [outage('02T12:00:00', '02T12:30:00')],
        [ref('d')]: [outage('02T12:15:00', '02T13:00:00', 'partial')],
        [ref('e')]: [outage('02T15:00:00', '02T16:00:00')],
      },
    });
    expect(result.consumed).toBe(4 * 3600);
    expect(result.unexplained.amount).toEqual(seconds(9000));
    expect(result.dependencies.map(d => [d.entityRef, d.amount.low])).toEqual([
      [ref('a'), 1800],
      [ref('c'), 1800],
      [ref('b'), 1350],
      [ref('d'), 1350],
    ]);
  });

  it('credits each dependency with the downtime its outage overlapped, and the rest to none', () => {
    // the service is down 10:00–11:00; the database 10:30–12:00; the bus 09:00–10:15
    const result = attribute({
      edges: { [SVC]: { dependsOn: [ref('db'), ref('bus')] } },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('db')]: [outage('02T10:30:00', '02T12:00:00')],
        [ref('bus')]: [outage('02T09:00:00', '02T10:15:00')],
      },
    });
    expect(result.unit).toBe('seconds');
    expect(result.consumed).toBe(3600);
    expect(result.exact).toBe(true);
    expect(result.dependencies).toEqual([
      { entityRef: ref('db'), amount: seconds(1800), share: seconds(0.5) },
      { entityRef: ref('bus'), amount: seconds(900), share: seconds(0.25) },
    ]);
    expect(result.unexplained).toEqual({
      amount: seconds(900),
      share: seconds(0.25),
    });
    expect(burnAttributionView(result)).toEqual({
      unit: 'seconds',
      dependencies: [
        { entityRef: ref('db'), share: 0.5, seconds: 1800 },
        { entityRef: ref('bus'), share: 0.25, seconds: 900 },
      ],
      unexplained: { share: 0.25, seconds: 900 },
      exact: true,
    });
  });

  it('counts a second overlapped by two dependencies for each of them', () => {
    const result = attribute({
      edges: { [SVC]: { dependsOn: [ref('db'), ref('bus')] } },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('db')]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('bus')]: [outage('02T10:30:00', '02T11:30:00')],
      },
    });
    expect(result.dependencies.map(d => d.share?.low)).toEqual([1, 0.5]);
    expect(result.unexplained.amount).toEqual(seconds(0));
  });

  it('weighs partial impact as the downtime union does, nested outages at the heaviest weight', () => {
    // the database is partly out 10:00–12:00 and fully out 10:30–11:00 inside it:
    // 1800 × 0.5 + 1800 × 1 + 3600 × 0.5 = 4500 of the service's 7200 seconds
    const result = attribute({
      edges: { [SVC]: { dependsOn: [ref('db')] } },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T12:00:00')],
        [ref('db')]: [
          outage('02T10:00:00', '02T12:00:00', 'partial'),
          outage('02T10:30:00', '02T11:00:00'),
        ],
      },
    });
    expect(result.dependencies[0].amount).toEqual(seconds(4500));
    expect(result.dependencies[0].share).toEqual(seconds(0.625));
    expect(result.unexplained.amount).toEqual(seconds(2700));
  });

  it('takes the share of a service partly out from its own weighted downtime', () => {
    const result = attribute({
      edges: { [SVC]: { dependsOn: [ref('db')] } },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T11:00:00', 'partial')],
        [ref('db')]: [outage('02T09:00:00', '02T10:30:00')],
      },
    });
    expect(result.consumed).toBe(1800);
    expect(result.dependencies[0].amount).toEqual(seconds(900));
    expect(result.dependencies[0].share).toEqual(seconds(0.5));
  });

  it('attributes nothing to a redundant pair while only one member is out', () => {
    const result = attribute({
      edges: {
        [SVC]: {
          dependsOn: [ref('db-a'), ref('db-b')],
          redundancy: [[ref('db-a'), ref('db-b')]],
        },
      },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('db-a')]: [outage('02T09:00:00', '02T12:00:00')],
      },
    });
    expect(result.dependencies).toEqual([]);
    expect(result.unexplained.share).toEqual(seconds(1));
  });

  it('attributes to the group, as one line, while every member is out', () => {
    // a is out 10:00–11:00, b 10:30–12:00: the pair is out 10:30–11:00
    const result = attribute({
      edges: {
        [SVC]: {
          dependsOn: [ref('db-a'), ref('db-b')],
          redundancy: [[ref('db-a'), ref('db-b')]],
        },
      },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('db-a')]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('db-b')]: [outage('02T10:30:00', '02T12:00:00')],
      },
    });
    expect(result.dependencies).toEqual([
      {
        group: [ref('db-a'), ref('db-b')],
        amount: seconds(1800),
        share: seconds(0.5),
      },
    ]);
    expect(
      burnAttributionSentence({
        line: result.dependencies[0],
        share: result.dependencies[0].share!,
        budget: "this month's",
      }),
    ).toBe(
      "50% of this month's budget burned during any of db-a, db-b outages",
    );
  });

  it('walks dependsOn transitively, and a group member is out while what it needs is', () => {
    // retail → api → db; retail also needs one of (cache-a, cache-b), and cache-a needs disk
    const result = attribute({
      edges: {
        [SVC]: {
          dependsOn: [ref('api')],
          redundancy: [[ref('cache-a'), ref('cache-b')]],
        },
        [ref('api')]: { dependsOn: [ref('db')] },
        [ref('cache-a')]: { dependsOn: [ref('disk')] },
      },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T12:00:00')],
        [ref('db')]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('disk')]: [outage('02T11:00:00', '02T12:00:00')],
        [ref('cache-b')]: [outage('02T11:30:00', '02T13:00:00')],
      },
    });
    expect(result.dependencies).toEqual([
      { entityRef: ref('db'), amount: seconds(3600), share: seconds(0.5) },
      {
        group: [ref('cache-a'), ref('cache-b')],
        amount: seconds(1800),
        share: seconds(0.25),
      },
    ]);
    // disk has no line of its own: cache-b stood in for cache-a until 11:30
    expect(result.unexplained.amount).toEqual(seconds(1800));
  });

  it('survives a dependency cycle', () => {
    const result = attribute({
      edges: {
        [SVC]: { dependsOn: [ref('a')] },
        [ref('a')]: { dependsOn: [ref('b')] },
        [ref('b')]: { dependsOn: [ref('a'), SVC] },
      },
      incidents: {
        [SVC]: [outage('02T10:00:00', '02T11:00:00')],
        [ref('b')]: [outage('02T10:00:00', '02T10:30:00')],
      },
    });
    expect(result.dependencies.map(d => d.entityRef)).toEqual([ref('b')]);
  });

  it('counts only agreed service time, laid out in the service zone across the clock change', () => {
    // Sundays in London; 29 March 2026 lasts 23 hours (00:00 GMT to 24:00 BST = 23:00 UTC).
    // The service is down 20:00–02:00 UTC: 3 agreed hours; the bus is out 22:00–01:00 UTC: 1 of them.
    const result = attribute({
      edges: { [SVC]: { dependsOn: [ref('bus')] } },
      incidents: {
        [SVC]: [outage('29T20:00:00', '30T02:00:00')],
        [ref('bus')]: [outage('29T22:00:00', '30T01:00:00')],
      },
      serviceHours: {
        timezone: 'Europe/London',
        weekly: [{ days: ['sun'], from: '00:00', to: '24:00' }],
      },
    });
    expect(result.consumed).toBe(3 * 3600);
    expect(result.dependencies[0].amount).toEqual(seconds(3600));
    expect(result.dependencies[0].share!.low).toBeCloseTo(1 / 3, 12);
  });

  it('lets nothing outside service hours count', () => {
    // weekdays 09:00–17:00 UTC; Friday 6 March 16:00 to Saturday 10:00 down, the db from 16:30
    const result = attribute({
      edges: { [SVC]: { dependsOn: [ref('db')] } },
      incidents: {
        [SVC]: [outage('06T16:00:00', '07T10:00:00')],
        [ref('db')]: [outage('06T16:30:00', '07T10:00:00')],
      },
      serviceHours: {
        weekly: [
          {
            days: ['mon', 'tue', 'wed', 'thu', 'fri'],
            from: '09:00',
            to: '17:00',
          },
        ],
      },
    });
    expect(result.consumed).toBe(3600);
    expect(result.dependencies[0].amount).toEqual(seconds(1800));
    expect(result.unexplained.amount).toEqual(seconds(1800));
  });

  it('gives no shares when no budget was consumed', () => {
    const result = attribute({
      edges: { [SVC]: { dependsOn: [ref('db')] } },
      incidents: { [ref('db')]: [outage('02T10:00:00', '02T11:00:00')] },
    });
    expect(result.consumed).toBe(0);
    expect(result.dependencies).toEqual([]);
    expect(result.unexplained.share).toBeNull();
  });
});

describe('burnAttribution over SLI buckets', () => {
  const bucket = (start: string, bad: number, objective = 'objective') => ({
    objective,
    bucketStart: `2026-03-${start}Z`,
    bucketSeconds: 300,
    good: 1000 - bad,
    total: 1000,
  });
  const buckets = [
    bucket('01T00:00:00', 10),
    bucket('01T00:05:00', 20),
    bucket('01T00:10:00', 30),
    bucket('01T00:15:00', 40),
    // before the period, and another objective's: neither counts
    bucket('01T00:20:00', 500, 'other'),
    {
      objective: 'objective',
      bucketStart: '2026-02-28T23:55:00Z',
      bucketSeconds: 300,
      good: 0,
      total: 1000,
    },
  ];

  it('is exact when outages start and end on bucket edges', () => {
    // the bus is out from before the period until 00:10: the first two buckets lie wholly in it
    const result = attribute({
      kind: 'ratio',
      edges: { [SVC]: { dependsOn: [ref('bus')] } },
      incidents: {
        [ref('bus')]: [
          {
            id: 'b',
            impact: 'full',
            startedAt: '2026-02-28T23:00:00Z',
            resolvedAt: '2026-03-01T00:10:00Z',
          },
        ],
      },
      buckets,
    });
    expect(result.unit).toBe('events');
    expect(result.consumed).toBe(100);
    expect(result.exact).toBe(true);
    expect(result.dependencies).toEqual([
      { entityRef: ref('bus'), amount: seconds(30), share: seconds(0.3) },
    ]);
    expect(result.unexplained.amount).toEqual(seconds(70));
  });

  it('gives bounds when an outage covers part of a bucket', () => {
    // out 00:02–00:10: the 00:05 bucket wholly (20), the 00:00 bucket partly (10 more at most)
    const result = attribute({
      kind: 'ratio',
      edges: { [SVC]: { dependsOn: [ref('bus')] } },
      incidents: { [ref('bus')]: [outage('01T00:02:00', '01T00:10:00')] },
      buckets,
    });
    expect(result.exact).toBe(false);
    expect(result.dependencies[0].amount).toEqual({ low: 20, high: 30 });
    expect(result.dependencies[0].share).toEqual({ low: 0.2, high: 0.3 });
    expect(result.unexplained.amount).toEqual({ low: 70, high: 80 });
    expect(attributedShareText(result.dependencies[0].share!)).toBe(
      'between 20% and 30%',
    );
    expect(burnAttributionView(result)).toEqual({
      unit: 'events',
      dependencies: [
        {
          entityRef: ref('bus'),
          share: { low: 0.2, high: 0.3 },
          events: { low: 20, high: 30 },
        },
      ],
      unexplained: {
        share: { low: 0.7, high: 0.8 },
        events: { low: 70, high: 80 },
      },
      exact: false,
    });
  });

  it('weighs a bucket inside a partial outage by the partial weight', () => {
    const result = attribute({
      kind: 'ratio',
      edges: { [SVC]: { dependsOn: [ref('bus')] } },
      incidents: {
        [ref('bus')]: [outage('01T00:15:00', '01T00:20:00', 'partial')],
      },
      buckets,
    });
    expect(result.dependencies[0].amount).toEqual(seconds(20));
  });
});

describe('combineSteps', () => {
  it('combines point by point, merging equal neighbours and leaving out zero', () => {
    expect(
      combineSteps(
        [{ start: 0, end: 10, weight: 1 }],
        [
          { start: 5, end: 8, weight: 0.5 },
          { start: 8, end: 20, weight: 0.5 },
        ],
        Math.min,
      ),
    ).toEqual([{ start: 5, end: 10, weight: 0.5 }]);
  });
});
