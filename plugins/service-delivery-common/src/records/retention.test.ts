import {
  entityRecordsFate,
  retentionMillis,
  recordInstantWindow,
  latestRecordInstant,
} from './retention';
import { validateRecords } from './validateRecords';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const DAY = 86_400_000;
const retentionMs = retentionMillis('25mo');
const options = { now: NOW, retentionMs };

const base = {
  entityRef: 'component:default/payments',
  source: 'prometheus',
};

describe('the instant window of records', () => {
  it('runs from now minus the retention to now plus one bucket or one day', () => {
    const window = recordInstantWindow({ now: NOW, retentionMs });
    expect(window.earliest).toBe(NOW - 750 * DAY);
    expect(latestRecordInstant(window, 300)).toBe(NOW + 300_000);
    expect(latestRecordInstant(window)).toBe(NOW + DAY);
  });

  it('refuses an SLI bucket dated 9999-12-31 whatever its source', () => {
    const result = validateRecords(
      'sli',
      [
        {
          ...base,
          objective: 'availability',
          bucketStart: '9999-12-31T00:00:00Z',
          bucketSeconds: 300,
          good: 1,
          total: 1,
        },
      ],
      options,
    );
    expect(result.records).toEqual([]);
    expect(result.problems).toEqual([
      {
        index: 0,
        path: 'bucketStart',
        message:
          'lies in the future: it must be at or before 2026-12-02T12:05:00.000Z (got 9999-12-31T00:00:00.000Z)',
      },
    ]);
  });

  it('accepts a bucket up to one bucket ahead and refuses one a second later', () => {
    const bucket = (bucketStart: string) => ({
      ...base,
      objective: 'availability',
      bucketStart,
      bucketSeconds: 300,
      good: 1,
      total: 1,
    });
    const result = validateRecords(
      'sli',
      [bucket('2026-12-02T12:05:00Z'), bucket('2026-12-02T12:05:01Z')],
      options,
    );
    expect(result.records).toHaveLength(1);
    expect(result.problems.map(p => [p.index, p.path])).toEqual([
      [1, 'bucketStart'],
    ]);
  });

  it('refuses instants older than the retention, naming the field', () => {
    const result = validateRecords(
      'incidents',
      [
        {
          ...base,
          source: 'pagerduty',
          id: 'INC-OLD',
          title: 'old',
          impact: 'full',
          startedAt: '2024-11-01T00:00:00Z',
          resolvedAt: '2024-11-01T01:00:00Z',
        },
        {
          ...base,
          source: 'pagerduty',
          id: 'INC-NEW',
          title: 'recent',
          impact: 'full',
          startedAt: '2026-12-01T00:00:00Z',
          resolvedAt: '2026-12-04T00:00:00Z',
        },
      ],
      options,
    );
    expect(result.records).toEqual([]);
    expect(result.problems).toEqual([
      {
        index: 0,
        path: 'startedAt',
        message: expect.stringContaining(
          'is older than the retention: it must be at or after 2024-11-12T12:00:00.000Z',
        ),
      },
      {
        index: 0,
        path: 'resolvedAt',
        message: expect.stringContaining('is older than the retention'),
      },
      {
        index: 1,
        path: 'resolvedAt',
        message: expect.stringContaining('lies in the future'),
      },
    ]);
  });

  it('judges cost lines by month', () => {
    const cost = (periodStart: string) => ({
      ...base,
      source: 'billing',
      id: periodStart,
      periodStart,
      category: 'compute',
      amount: 1,
      currency: 'EUR',
    });
    const result = validateRecords(
      'costs',
      [cost('2024-10'), cost('2024-11'), cost('2026-12'), cost('2027-01')],
      options,
    );
    expect(result.records.map(r => r.periodStart)).toEqual([
      '2024-11',
      '2026-12',
    ]);
    expect(result.problems).toEqual([
      {
        index: 0,
        path: 'periodStart',
        message:
          'is older than the retention: the earliest month kept is 2024-11 (got 2024-10)',
      },
      {
        index: 3,
        path: 'periodStart',
        message:
          'lies in the future: the latest month accepted now is 2026-12 (got 2027-01)',
      },
    ]);
  });

  it('checks capacity samples and DR tests too', () => {
    const capacity = validateRecords(
      'capacity',
      [{ ...base, resource: 'cpu', at: '2027-01-01T00:00:00Z', used: 1 }],
      options,
    );
    expect(capacity.problems.map(p => p.path)).toEqual(['at']);
    const drTests = validateRecords(
      'dr-tests',
      [
        {
          ...base,
          id: 'dr',
          performedAt: '2020-01-01T00:00:00Z',
          result: 'passed',
        },
      ],
      options,
    );
    expect(drTests.problems.map(p => p.path)).toEqual(['performedAt']);
  });

  it('checks nothing about instants without now', () => {
    expect(
      validateRecords('capacity', [
        { ...base, resource: 'cpu', at: '2099-01-01T00:00:00Z', used: 1 },
      ]).problems,
    ).toEqual([]);
  });

  it('keeps SLI buckets of two sources for the same bucket apart', () => {
    const bucket = (source: string) => ({
      ...base,
      source,
      objective: 'availability',
      bucketStart: '2026-12-02T11:00:00Z',
      bucketSeconds: 300,
      good: 1,
      total: 1,
    });
    const result = validateRecords(
      'sli',
      [bucket('prometheus'), bucket('push'), bucket('push')],
      options,
    );
    expect(result.records).toHaveLength(2);
    expect(result.problems).toEqual([
      {
        index: 2,
        path: 'bucketStart',
        message: expect.stringContaining('repeats record 1'),
      },
    ]);
  });
});

describe('retentionMillis', () => {
  it('reads durations and refuses what is not a positive one', () => {
    expect(retentionMillis('30d')).toBe(30 * DAY);
    expect(() => retentionMillis('soon')).toThrow();
    expect(() => retentionMillis(0)).toThrow('positive');
  });
});

describe('entityRecordsFate', () => {
  const grace = 30 * DAY;
  it('keeps the records of the entity that wrote them', () => {
    expect(
      entityRecordsFate({
        recordedUid: 'a',
        catalogUid: 'a',
        now: NOW,
        graceMs: grace,
      }),
    ).toBe('keep');
    expect(
      entityRecordsFate({ catalogUid: 'a', now: NOW, graceMs: grace }),
    ).toBe('keep');
  });

  it('resets the records when another entity took the name', () => {
    expect(
      entityRecordsFate({
        recordedUid: 'a',
        catalogUid: 'b',
        goneSince: NOW - 2 * DAY,
        now: NOW,
        graceMs: grace,
      }),
    ).toBe('reset');
  });

  it('keeps a gone entity for the grace period, then prunes it', () => {
    const fate = (goneSince?: number) =>
      entityRecordsFate({
        recordedUid: 'a',
        goneSince,
        now: NOW,
        graceMs: grace,
      });
    expect(fate(undefined)).toBe('gone');
    expect(fate(NOW - grace)).toBe('gone');
    expect(fate(NOW - grace - 1)).toBe('prune');
  });
});
