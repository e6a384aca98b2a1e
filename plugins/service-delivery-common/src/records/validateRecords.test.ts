import { RecordKind } from '../types';
import { canonicalEntityRef } from './entityRef';
import {
  isRecordKind,
  maxRecordsPerBatch,
  validateRecords,
} from './validateRecords';

const incident = (fields: Record<string, unknown> = {}) => ({
  id: 'INC-1',
  entityRef: 'component:default/payments',
  source: 'pagerduty',
  title: 'Card payments failing',
  priority: 'P1',
  impact: 'full',
  startedAt: '2026-03-01T10:00:00Z',
  acknowledgedAt: '2026-03-01T10:05:00Z',
  resolvedAt: '2026-03-01T11:00:00Z',
  ...fields,
});

const sli = (fields: Record<string, unknown> = {}) => ({
  entityRef: 'payments',
  source: 'prometheus',
  objective: 'success-rate',
  bucketStart: '2026-03-01T10:00:00Z',
  bucketSeconds: 300,
  good: 995,
  total: 1000,
  ...fields,
});

const cost = (fields: Record<string, unknown> = {}) => ({
  id: '2026-03/compute',
  entityRef: 'component:payments',
  source: 'cloud-billing',
  periodStart: '2026-03',
  category: 'compute',
  amount: 1234.5,
  currency: 'EUR',
  ...fields,
});

const capacity = (fields: Record<string, unknown> = {}) => ({
  entityRef: 'resource:payments-db-eu',
  source: 'prometheus',
  resource: 'storage',
  at: '2026-03-01T00:00:00Z',
  used: 1200,
  ...fields,
});

const drTest = (fields: Record<string, unknown> = {}) => ({
  id: 'dr-2026-q1',
  entityRef: 'component:default/payments',
  source: 'manual',
  performedAt: '2026-02-15T09:00:00+01:00',
  result: 'passed',
  achievedRto: '45m',
  achievedRpo: 300,
  notes: 'failover to eu-central-1',
  ...fields,
});

describe('validateRecords', () => {
  it('normalises valid incidents', () => {
    const result = validateRecords('incidents', [
      incident(),
      incident({
        id: 'INC-2',
        entityRef: 'Payments',
        startedAt: '2026-03-01T12:00:00+02:00',
        acknowledgedAt: undefined,
        resolvedAt: null,
        planned: true,
        cause: 'deployment',
      }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.records).toEqual([
      {
        id: 'INC-1',
        entityRef: 'component:default/payments',
        source: 'pagerduty',
        title: 'Card payments failing',
        priority: 'P1',
        impact: 'full',
        startedAt: '2026-03-01T10:00:00.000Z',
        acknowledgedAt: '2026-03-01T10:05:00.000Z',
        resolvedAt: '2026-03-01T11:00:00.000Z',
        planned: false,
      },
      {
        id: 'INC-2',
        entityRef: 'component:default/payments',
        source: 'pagerduty',
        title: 'Card payments failing',
        priority: 'P1',
        impact: 'full',
        startedAt: '2026-03-01T10:00:00.000Z',
        acknowledgedAt: null,
        resolvedAt: null,
        planned: true,
        cause: 'deployment',
      },
    ]);
  });

  it('writes every instant as toISOString does, however it came', () => {
    const startedAt = (value: string) =>
      validateRecords('incidents', [
        incident({ startedAt: value, acknowledgedAt: null, resolvedAt: null }),
      ]).records[0]?.startedAt;
    expect(startedAt('2026-03-01T10:00:00.000Z')).toBe(
      '2026-03-01T10:00:00.000Z',
    );
    expect(startedAt('2026-03-01T10:00:00Z')).toBe('2026-03-01T10:00:00.000Z');
    expect(startedAt('2026-03-01T10:00:00.5Z')).toBe(
      '2026-03-01T10:00:00.500Z',
    );
    // the shape of toISOString, but midnight written as the end of the day before
    expect(startedAt('2026-02-28T24:00:00.000Z')).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    expect(startedAt('2026-03-01T10:00:00.000+01:00')).toBe(
      '2026-03-01T09:00:00.000Z',
    );
    expect(startedAt('0099-12-31T23:59:59.999Z')).toBe(
      '0099-12-31T23:59:59.999Z',
    );
  });

  it('normalises valid records of the other kinds', () => {
    expect(validateRecords('sli', [sli()])).toEqual({
      records: [
        {
          entityRef: 'component:default/payments',
          source: 'prometheus',
          objective: 'success-rate',
          bucketStart: '2026-03-01T10:00:00.000Z',
          bucketSeconds: 300,
          good: 995,
          total: 1000,
        },
      ],
      problems: [],
    });
    expect(
      validateRecords('costs', [
        cost(),
        cost({ id: 'x', periodStart: '2026-04-01', amount: -20 }),
      ]),
    ).toEqual({
      records: [
        {
          id: '2026-03/compute',
          entityRef: 'component:default/payments',
          source: 'cloud-billing',
          periodStart: '2026-03',
          category: 'compute',
          amount: 1234.5,
          currency: 'EUR',
        },
        expect.objectContaining({
          id: 'x',
          periodStart: '2026-04',
          amount: -20,
        }),
      ],
      problems: [],
    });
    expect(validateRecords('capacity', [capacity({ capacity: 2048 })])).toEqual(
      {
        records: [
          {
            entityRef: 'resource:default/payments-db-eu',
            source: 'prometheus',
            resource: 'storage',
            at: '2026-03-01T00:00:00.000Z',
            used: 1200,
            capacity: 2048,
          },
        ],
        problems: [],
      },
    );
    expect(
      validateRecords('dr-tests', [
        drTest(),
        drTest({ id: 'b', achievedRto: 'PT1.4S' }),
      ]),
    ).toEqual({
      records: [
        {
          id: 'dr-2026-q1',
          entityRef: 'component:default/payments',
          source: 'manual',
          performedAt: '2026-02-15T08:00:00.000Z',
          result: 'passed',
          achievedRto: 2700,
          achievedRpo: 300,
          notes: 'failover to eu-central-1',
        },
        expect.objectContaining({ id: 'b', achievedRto: 1 }),
      ],
      problems: [],
    });
  });

  it('accepts an empty batch', () => {
    expect(validateRecords('incidents', [])).toEqual({
      records: [],
      problems: [],
    });
  });

  it.each<[string, unknown]>([
    ['an object', { records: [] }],
    ['a string', '[]'],
    ['null', null],
    ['nothing', undefined],
  ])('rejects a batch that is %s', (_description, payload) => {
    expect(validateRecords('incidents', payload)).toEqual({
      records: [],
      problems: [
        {
          index: -1,
          path: '',
          message: 'the batch must be a JSON array of records',
        },
      ],
    });
  });

  it('rejects a batch larger than the limit', () => {
    const payload = Array.from({ length: maxRecordsPerBatch + 1 }, (_, i) =>
      incident({ id: `INC-${i}` }),
    );
    expect(validateRecords('incidents', payload)).toEqual({
      records: [],
      problems: [
        {
          index: -1,
          path: '',
          message: expect.stringContaining(
            'a batch holds at most 5000 records (got 5001)',
          ),
        },
      ],
    });
  });

  it('accepts a full batch', () => {
    const payload = Array.from({ length: maxRecordsPerBatch }, (_, i) =>
      sli({
        bucketStart: new Date(Date.UTC(2026, 2, 1) + i * 300_000).toISOString(),
      }),
    );
    const result = validateRecords('sli', payload);
    expect(result.problems).toEqual([]);
    expect(result.records).toHaveLength(maxRecordsPerBatch);
  });

  it('rejects an unknown kind', () => {
    expect(validateRecords('outages' as RecordKind, [])).toEqual({
      records: [],
      problems: [
        {
          index: -1,
          path: '',
          message: expect.stringContaining("'outages' is not a kind of record"),
        },
      ],
    });
  });

  it.each<[string, RecordKind, unknown, string, string]>([
    [
      'a record that is not an object',
      'incidents',
      'INC-1',
      '',
      "must be an object (got 'INC-1')",
    ],
    [
      'a record without an id',
      'incidents',
      incident({ id: undefined }),
      'id',
      'is required',
    ],
    [
      'an empty id',
      'incidents',
      incident({ id: '' }),
      'id',
      'must not be empty',
    ],
    [
      'an id of 201 characters',
      'incidents',
      incident({ id: 'x'.repeat(201) }),
      'id',
      'must be at most 200 characters long (got 201)',
    ],
    [
      'an id with a NUL character',
      'costs',
      cost({ id: 'a\u0000b' }),
      'id',
      'must be text without control characters',
    ],
    [
      'a title with a lone surrogate',
      'incidents',
      incident({ title: 'broken \ud800' }),
      'title',
      'broken Unicode',
    ],
    [
      'an unknown impact',
      'incidents',
      incident({ impact: 'total' }),
      'impact',
      "must be one of full, partial, degraded, none (got 'total')",
    ],
    [
      'a start without an offset',
      'incidents',
      incident({ startedAt: '2026-03-01T10:00:00' }),
      'startedAt',
      'with an offset',
    ],
    [
      'a start that is a number',
      'incidents',
      incident({ startedAt: 1767261600000 }),
      'startedAt',
      'must be an ISO 8601 date and time with an offset, such as 2026-03-01T12:00:00Z (got 1767261600000)',
    ],
    [
      'a start on 30 February',
      'incidents',
      incident({ startedAt: '2026-02-30T10:00:00Z' }),
      'startedAt',
      "(got '2026-02-30T10:00:00Z')",
    ],
    [
      'a resolution before the start',
      'incidents',
      incident({ resolvedAt: '2026-03-01T09:00:00Z' }),
      'resolvedAt',
      'must not be before startedAt (2026-03-01T10:00:00Z)',
    ],
    [
      'an acknowledgement before the start',
      'incidents',
      incident({ acknowledgedAt: '2026-03-01T09:59:59Z' }),
      'acknowledgedAt',
      'must not be before startedAt',
    ],
    [
      'a resolution that is not an instant',
      'incidents',
      incident({ resolvedAt: 'yesterday' }),
      'resolvedAt',
      "must be an ISO 8601 date and time with an offset, such as 2026-03-01T12:00:00Z (got 'yesterday')",
    ],
    [
      'a resolution that is a number',
      'incidents',
      incident({ resolvedAt: 5 }),
      'resolvedAt',
      'such as 2026-03-01T12:00:00Z, or null (got 5)',
    ],
    [
      'planned as a string',
      'incidents',
      incident({ planned: 'yes' }),
      'planned',
      "must be true or false (got 'yes')",
    ],
    [
      'a misspelt field',
      'incidents',
      incident({ resolvedAT: '2026-03-01T11:00:00Z' }),
      'resolvedAT',
      "unknown field 'resolvedAT' (did you mean 'resolvedAt'?)",
    ],
    [
      'a priority of 17 characters',
      'incidents',
      incident({ priority: 'P'.repeat(17) }),
      'priority',
      'at most 16 characters',
    ],
    [
      'an entity reference with a space',
      'incidents',
      incident({ entityRef: 'component:pay ments' }),
      'entityRef',
      'must be an entity reference',
    ],
    [
      'an entity reference with two kinds',
      'incidents',
      incident({ entityRef: 'a:b:c' }),
      'entityRef',
      'must be an entity reference',
    ],
    [
      'a source with a slash',
      'incidents',
      incident({ source: 'pager/duty' }),
      'source',
      'must be a source name',
    ],
    [
      'a source of 65 characters',
      'incidents',
      incident({ source: 's'.repeat(65) }),
      'source',
      'must be a source name of 1 to 64',
    ],
    [
      'more good events than total',
      'sli',
      sli({ good: 1001 }),
      'good',
      'must not exceed total (got 1001, total 1000)',
    ],
    [
      'a fractional count',
      'sli',
      sli({ good: 9.5 }),
      'good',
      'must be a whole number (got 9.5)',
    ],
    [
      'a negative total',
      'sli',
      sli({ total: -1 }),
      'total',
      'must not be negative (got -1)',
    ],
    [
      'a count beyond exact integers',
      'sli',
      sli({ total: 2 ** 60 }),
      'total',
      'must be at most 9007199254740991',
    ],
    [
      'a NaN count',
      'sli',
      sli({ good: NaN }),
      'good',
      'must be a whole number (got NaN)',
    ],
    [
      'a bucket of no length',
      'sli',
      sli({ bucketSeconds: 0 }),
      'bucketSeconds',
      'must be greater than 0 (got 0)',
    ],
    [
      'a bucket as a duration',
      'sli',
      sli({ bucketSeconds: '5m' }),
      'bucketSeconds',
      "must be a whole number (got '5m')",
    ],
    [
      'an objective name with spaces',
      'sli',
      sli({ objective: 'success rate' }),
      'objective',
      'must be a name',
    ],
    [
      'an amount of infinity',
      'costs',
      cost({ amount: Infinity }),
      'amount',
      'must be a number (got Infinity)',
    ],
    [
      'an amount of 1e300',
      'costs',
      cost({ amount: 1e300 }),
      'amount',
      'must be at most 1000000000000000',
    ],
    [
      'an amount as text',
      'costs',
      cost({ amount: '12.50' }),
      'amount',
      "must be a number (got '12.50')",
    ],
    [
      'a currency symbol',
      'costs',
      cost({ currency: '€' }),
      'currency',
      "must be a three-letter currency code such as EUR (got '€')",
    ],
    [
      'a period in the middle of a month',
      'costs',
      cost({ periodStart: '2026-03-15' }),
      'periodStart',
      'must be a month written YYYY-MM or YYYY-MM-01',
    ],
    [
      'a period of month 13',
      'costs',
      cost({ periodStart: '2026-13' }),
      'periodStart',
      'must be a month',
    ],
    [
      'a cost without a category',
      'costs',
      cost({ category: undefined }),
      'category',
      'is required',
    ],
    [
      'negative usage',
      'capacity',
      capacity({ used: -1 }),
      'used',
      'must not be negative (got -1)',
    ],
    [
      'a capacity of 0',
      'capacity',
      capacity({ capacity: 0 }),
      'capacity',
      'must be greater than 0 (got 0)',
    ],
    [
      'a sample without a time',
      'capacity',
      capacity({ at: undefined }),
      'at',
      'is required',
    ],
    [
      'an unknown result',
      'dr-tests',
      drTest({ result: 'ok' }),
      'result',
      "must be one of passed, partial, failed (got 'ok')",
    ],
    [
      'an achieved RPO of 2^64 seconds',
      'dr-tests',
      drTest({ achievedRpo: 2 ** 64 }),
      'achievedRpo',
      'must be at most',
    ],
    [
      'an achieved RTO of a century',
      'dr-tests',
      drTest({ achievedRto: '100y' }),
      'achievedRto',
      "must be a duration such as 15m, 4h, 1d or PT15M (got '100y')",
    ],
    [
      'an achieved RTO in words',
      'dr-tests',
      drTest({ achievedRto: 'an hour' }),
      'achievedRto',
      "must be a duration such as 15m, 4h, 1d or PT15M (got 'an hour')",
    ],
    [
      'a negative achieved RPO',
      'dr-tests',
      drTest({ achievedRpo: -300 }),
      'achievedRpo',
      'must not be negative (got -300)',
    ],
  ])('reports %s', (_description, kind, record, path, message) => {
    expect(validateRecords(kind, [record])).toEqual({
      records: [],
      problems: [{ index: 0, path, message: expect.stringContaining(message) }],
    });
  });

  it('names the index of each bad record and keeps the good ones', () => {
    const result = validateRecords('incidents', [
      incident({ id: 'a' }),
      incident({ id: 'b', impact: 'total', startedAt: 'now' }),
      incident({ id: 'c' }),
      42,
    ]);
    expect(result.problems).toEqual([
      { index: 1, path: 'impact', message: expect.any(String) },
      { index: 1, path: 'startedAt', message: expect.any(String) },
      { index: 3, path: '', message: 'must be an object (got 42)' },
    ]);
    expect(result.records.map(record => record.id)).toEqual(['a', 'c']);
  });

  it('names at most a thousand problems of a batch, and how many more there are', () => {
    // 5,000 records with two problems each
    const batch = Array.from({ length: 5000 }, (_, i) =>
      incident({ id: `x${i}`, impact: 'total', startedAt: 'now' }),
    );
    const { problems, records } = validateRecords('incidents', batch);
    expect(records).toEqual([]);
    expect(problems).toHaveLength(1001);
    expect(problems[999].index).toBe(499);
    expect(problems[1000]).toEqual({
      index: -1,
      path: '',
      message:
        '9000 more problem(s) are not listed: 1000 are, of 5000 refused record(s)',
    });
  });

  it('names a hundred unknown fields of one record, not every one', () => {
    const fields: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) fields[`field${i}`] = i;
    const { problems } = validateRecords('incidents', [incident(fields)]);
    expect(problems).toHaveLength(101);
    expect(problems[0]).toMatchObject({ index: 0, path: 'field0' });
    expect(problems[100]).toEqual({
      index: 0,
      path: '',
      message: 'has 19900 more problems than the 100 read; fix these first',
    });
  });

  it('reports a record sent twice in one batch', () => {
    expect(
      validateRecords('incidents', [incident(), incident({ title: 'again' })])
        .problems,
    ).toEqual([
      {
        index: 1,
        path: 'id',
        message: expect.stringContaining(
          'repeats record 0 (same source and id)',
        ),
      },
    ]);
    // the same id from another source is another record
    expect(
      validateRecords('incidents', [
        incident(),
        incident({ source: 'opsgenie' }),
      ]).problems,
    ).toEqual([]);
    // the same bucket written two ways is the same bucket
    expect(
      validateRecords('sli', [
        sli(),
        sli({
          entityRef: 'Component:Payments',
          bucketStart: '2026-03-01T11:00:00+01:00',
        }),
      ]).problems,
    ).toEqual([
      {
        index: 1,
        path: 'bucketStart',
        message: expect.stringContaining(
          'repeats record 0 (same entityRef, objective, bucketStart and source)',
        ),
      },
    ]);
    expect(
      validateRecords('capacity', [capacity(), capacity()]).problems,
    ).toEqual([
      {
        index: 1,
        path: 'at',
        message: expect.stringContaining('repeats record 0'),
      },
    ]);
  });

  it('never throws, whatever the payload', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const strange: unknown[] = [
      null,
      [],
      [[]],
      cyclic,
      { ...incident(), entityRef: { kind: 'component' } },
      { ...incident(), startedAt: new Date() },
      Object.create(null),
      incident({ title: '💳 payments down — 支払い' }),
      incident({ id: '\udfff' }),
      incident({ startedAt: '+275760-09-13T00:00:00Z' }),
      incident({ startedAt: '9999-12-31T23:59:59.999999999-14:00' }),
    ];
    for (const kind of [
      'incidents',
      'sli',
      'costs',
      'capacity',
      'dr-tests',
    ] as const) {
      expect(() => validateRecords(kind, strange)).not.toThrow();
    }
    const result = validateRecords('incidents', strange);
    expect(result.records.map(record => record.title)).toEqual([
      '💳 payments down — 支払い',
    ]);
  });
});

describe('validateRecords of corrections', () => {
  const correction = (fields: Record<string, unknown> = {}) => ({
    id: 'COR-1',
    entityRef: 'Payments',
    source: 'service-desk',
    agreement: 'retail-sla',
    incident: { source: 'pagerduty', id: 'INC-1' },
    reason: 'customer-caused',
    note: 'The customer misconfigured their firewall',
    ...fields,
  });

  it('normalises a correction of an incident and one of an interval', () => {
    const result = validateRecords('corrections', [
      correction(),
      correction({
        id: 'COR-2',
        agreement: undefined,
        incident: undefined,
        from: '2026-03-01T11:00:00+01:00',
        to: '2026-03-01T12:00:00Z',
        reason: 'force-majeure',
      }),
    ]);
    expect(result.problems).toEqual([]);
    expect(result.records).toEqual([
      {
        id: 'COR-1',
        entityRef: 'component:default/payments',
        source: 'service-desk',
        agreement: 'retail-sla',
        incident: { source: 'pagerduty', id: 'INC-1' },
        reason: 'customer-caused',
        note: 'The customer misconfigured their firewall',
      },
      {
        id: 'COR-2',
        entityRef: 'component:default/payments',
        source: 'service-desk',
        from: '2026-03-01T10:00:00.000Z',
        to: '2026-03-01T12:00:00.000Z',
        reason: 'force-majeure',
        note: 'The customer misconfigured their firewall',
      },
    ]);
  });

  it('names the field of each problem', () => {
    const { records, problems } = validateRecords('corrections', [
      correction({ from: '2026-03-01T10:00:00Z', to: '2026-03-01T11:00:00Z' }),
      correction({ incident: undefined }),
      correction({ incident: undefined, from: '2026-03-01T10:00:00Z' }),
      correction({
        incident: undefined,
        from: '2026-03-01T10:00:00Z',
        to: '2026-03-01T10:00:00Z',
      }),
      correction({ reason: 'bad-luck' }),
      correction({ incident: { source: 'pagerduty' } }),
      correction({ note: undefined }),
    ]);
    expect(records).toEqual([]);
    const byIndex = (index: number) =>
      problems.filter(p => p.index === index).map(p => p.path);
    expect(byIndex(0)).toEqual(['from']);
    expect(problems[0].message).toContain('not both');
    expect(byIndex(1)).toEqual(['incident']);
    expect(byIndex(2)).toEqual(['to']);
    expect(byIndex(3)).toEqual(['to']);
    expect(problems.find(p => p.index === 3)!.message).toContain(
      'must be after from',
    );
    expect(byIndex(4)).toEqual(['reason']);
    expect(problems.find(p => p.index === 4)!.message).toContain(
      'customer-caused',
    );
    expect(byIndex(5)).toEqual(['incident.id']);
    expect(byIndex(6)).toEqual(['note']);
  });

  it('refuses an interval starting before the retention, and takes one ending ahead', () => {
    const now = Date.parse('2026-03-10T00:00:00Z');
    const options = { now, retentionMs: 30 * 86400_000 };
    const old = validateRecords(
      'corrections',
      [
        correction({
          incident: undefined,
          from: '2026-01-01T00:00:00Z',
          to: '2026-01-02T00:00:00Z',
        }),
      ],
      options,
    );
    expect(old.problems.map(p => p.path)).toEqual(['from']);
    const ahead = validateRecords(
      'corrections',
      [
        correction({
          incident: undefined,
          from: '2026-03-09T00:00:00Z',
          to: '2026-04-01T00:00:00Z',
          reason: 'planned-outside-window',
        }),
      ],
      options,
    );
    expect(ahead.problems).toEqual([]);
  });
});

describe('isRecordKind', () => {
  it('knows the kinds of the ingest routes', () => {
    expect(isRecordKind('corrections')).toBe(true);
    expect(isRecordKind('dr-tests')).toBe(true);
    expect(isRecordKind('drTests')).toBe(false);
    expect(isRecordKind(undefined)).toBe(false);
  });
});

describe('canonicalEntityRef', () => {
  it.each([
    ['payments', 'component:default/payments'],
    ['Component:Payments', 'component:default/payments'],
    ['resource:banking/Payments-DB', 'resource:banking/payments-db'],
    ['group:default/retail-banking', 'group:default/retail-banking'],
  ])('writes %s as %s', (ref, canonical) => {
    expect(canonicalEntityRef(ref)).toBe(canonical);
  });

  it('takes other defaults and compound references', () => {
    expect(
      canonicalEntityRef('payments', {
        defaultKind: 'system',
        defaultNamespace: 'banking',
      }),
    ).toBe('system:banking/payments');
    expect(
      canonicalEntityRef({
        kind: 'Component',
        namespace: 'default',
        name: 'Payments',
      }),
    ).toBe('component:default/payments');
  });

  it('answers each set of defaults apart, whichever was asked first', () => {
    expect(canonicalEntityRef('ledger')).toBe('component:default/ledger');
    expect(canonicalEntityRef('ledger', { defaultKind: 'resource' })).toBe(
      'resource:default/ledger',
    );
    expect(canonicalEntityRef('ledger', { defaultNamespace: 'banking' })).toBe(
      'component:banking/ledger',
    );
    expect(
      canonicalEntityRef('ledger', {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toBe('component:default/ledger');
    expect(canonicalEntityRef('ledger')).toBe('component:default/ledger');
  });
});
