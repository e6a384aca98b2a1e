import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  FindingSummary,
  OverviewRow,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { OverviewCache } from './OverviewCache';
import { ComputedRow } from './overviewRows';
import { TooManyRequestsError } from './periodComputationBudget';

const alice = mockCredentials.user('user:default/alice');
const bob = mockCredentials.user('user:default/bob');

/** A cache over a stored overview that never changes, counting each period's computations. */
function setUp(
  options: {
    perMinute?: number;
    rowsPerPeriod?: number;
    rowsKept?: number;
  } = {},
) {
  let now = Date.parse('2026-11-15T12:00:00Z');
  const computed: string[] = [];
  const pending = new Map<string, () => void>();
  const cache = new OverviewCache({
    overviewStore: {
      version: async () => ({ rows: 1, computedAt: 1 }),
      readSummaries: async () => [],
      readSummariesWrittenSince: async () => [],
      readRows: async () => new Map(),
      storedRefs: async () => new Set(),
    },
    computePeriod: async period => {
      computed.push(period);
      await new Promise<void>(resolve => pending.set(period, resolve));
      return Array.from({ length: options.rowsPerPeriod ?? 1 }, () => ({
        row: { entityRef: `row of ${period}` } as OverviewRow,
        findings: [],
      })) as ComputedRow[];
    },
    now: () => now,
    periodsPerCallerPerMinute: options.perMinute ?? 3,
    periodRowsKept: options.rowsKept,
  });
  /** asks for the period and lets its computation finish */
  const ask = async (period: string, caller = alice) => {
    const answer = cache.forPeriod(period, caller);
    // a refusal is awaited by the caller of ask
    answer.catch(() => {});
    await new Promise(resolve => setImmediate(resolve));
    pending.get(period)?.();
    return answer;
  };
  return {
    cache,
    computed,
    ask,
    later: (ms: number) => {
      now += ms;
    },
  };
}

describe('OverviewCache.forPeriod', () => {
  it('lets one caller start only so many new period computations a minute, then answers 429 with when to retry', async () => {
    const { ask, computed, later } = setUp({ perMinute: 3 });
    await ask('2026-01');
    later(10_000);
    await ask('2026-02');
    await ask('2026-03');
    later(5_000);
    const refused = await ask('2026-04').catch(e => e);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect(refused.statusCode).toBe(429);
    // the first of the three started 15 s ago: its minute ends in 45 s
    expect(refused.retryAfterSeconds).toBe(45);
    expect(refused.message).toMatch(/3 periods .* per minute/);
    expect(computed).toEqual(['2026-01', '2026-02', '2026-03']);

    later(45_000);
    await expect(ask('2026-04')).resolves.toMatchObject({
      rows: [{ entityRef: 'row of 2026-04' }],
    });
    expect(computed).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('serves periods already computed to every caller without counting them', async () => {
    const { ask, computed } = setUp({ perMinute: 2 });
    await ask('2026-01', alice);
    await ask('2026-02', alice);
    await expect(ask('2026-03', alice)).rejects.toThrow(TooManyRequestsError);
    for (let i = 0; i < 10; i++) {
      await ask('2026-01', alice);
      await ask('2026-02', bob);
    }
    // another caller has a budget of their own
    await ask('2026-03', bob);
    await ask('2026-04', bob);
    await expect(ask('2026-05', bob)).rejects.toThrow(TooManyRequestsError);
    expect(computed).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('lets concurrent callers of one period share one computation', async () => {
    const { cache, computed, ask } = setUp({ perMinute: 1 });
    const first = cache.forPeriod('2026-06', alice);
    const second = cache.forPeriod('2026-06', bob);
    const third = ask('2026-06', alice);
    const answers = await Promise.all([first, second, third]);
    expect(computed).toEqual(['2026-06']);
    expect(answers[1]).toBe(answers[0]);
    expect(answers[2]).toBe(answers[0]);
  });

  it("answers a period's whole rows as computed, beside their summaries", async () => {
    const { cache, ask } = setUp({ perMinute: 10 });
    const data = await ask('2026-02');
    expect(await data.details(['row of 2026-02', 'row of 2026-01'])).toEqual(
      new Map([
        [
          'row of 2026-02',
          { row: { entityRef: 'row of 2026-02' }, findings: [] },
        ],
      ]),
    );
    expect(await cache.forPeriod('2026-02', alice)).toBe(data);
  });

  it('keeps the most recently asked periods when more are asked than it keeps', async () => {
    const { ask, computed, later } = setUp({ perMinute: 100 });
    const months = [
      ...Array.from(
        { length: 12 },
        (_, i) => `2025-${String(i + 1).padStart(2, '0')}`,
      ),
      '2026-01',
    ];
    await ask(months[0]);
    for (const month of months.slice(1, 12)) await ask(month);
    later(1_000);
    // the oldest is used again, so the second oldest leaves when a 13th arrives
    await ask(months[0]);
    await ask(months[12]);
    computed.length = 0;
    await ask(months[0]);
    await ask(months[1]);
    expect(computed).toEqual([months[1]]);
  });

  it('keeps no more rows of other periods than allowed, letting the least recently used go first', async () => {
    const { ask, computed } = setUp({
      perMinute: 100,
      rowsPerPeriod: 3,
      rowsKept: 7,
    });
    await ask('2026-01');
    await ask('2026-02');
    await ask('2026-01');
    // 9 rows would be kept with a third: the least recently used, 2026-02, goes
    await ask('2026-03');
    computed.length = 0;
    await ask('2026-01');
    await ask('2026-03');
    expect(computed).toEqual([]);
    await ask('2026-02');
    expect(computed).toEqual(['2026-02']);
  });

  it('keeps the period asked for last even when it alone holds more rows than allowed', async () => {
    const { ask, computed } = setUp({
      perMinute: 100,
      rowsPerPeriod: 3,
      rowsKept: 2,
    });
    await ask('2026-01');
    await ask('2026-01');
    expect(computed).toEqual(['2026-01']);
    await ask('2026-02');
    await ask('2026-02');
    expect(computed).toEqual(['2026-01', '2026-02']);
    await ask('2026-01');
    expect(computed).toEqual(['2026-01', '2026-02', '2026-01']);
  });
});

jest.setTimeout(60_000);

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'OverviewCache.current on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseOverviewStore;
    let reads: string[];
    let now: number;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseOverviewStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    });

    beforeEach(async () => {
      await knex('sd_overview_rows').delete();
      reads = [];
      now = Date.parse('2026-11-15T12:00:00Z');
    });

    const ref = (i: number) => `component:default/svc-${i}`;
    /** A stored row with one finding whose severity and message carry `text`. */
    const stored = (i: number, text: string) => ({
      entityRef: ref(i),
      row: JSON.stringify({ entityRef: ref(i), name: `svc-${i}`, text }),
      findings: JSON.stringify([
        {
          id: `${ref(i)}:${text}`,
          entityRef: ref(i),
          severity: i % 2 ? 'high' : 'low',
          message: text,
        },
      ]),
    });
    const write = (rows: number[], text: string, computedAt: number) =>
      store.write({ rows: rows.map(i => stored(i, text)), computedAt });

    /** A cache over the store that notes which reads it makes; a new copy is looked for on every call. */
    function cacheOverStore() {
      const cache = new OverviewCache({
        overviewStore: {
          version: () => store.version(),
          readSummaries: () => {
            reads.push('all');
            return store.readSummaries();
          },
          readSummariesWrittenSince: since => {
            reads.push(`since ${since}`);
            return store.readSummariesWrittenSince(since);
          },
          readRows: refs => store.readRows(refs),
          storedRefs: () => {
            reads.push('refs');
            return store.storedRefs();
          },
        },
        computePeriod: async () => [],
        now: () => now,
      });
      return {
        current: async () => {
          now += 5_000;
          return cache.current();
        },
      };
    }

    /** What a new instance reads: the whole table. */
    async function readAfresh() {
      const data = await cacheOverStore().current();
      reads.pop();
      return data;
    }

    const texts = (rows: Array<{ name: string }>) =>
      rows.map(r => `${r.name}=${(r as unknown as { text: string }).text}`);
    // a finding's summary has no message: the test's findings carry the text in their id too
    const messages = (findings: FindingSummary[]) =>
      findings.map(f => `${f.severity} ${f.id}`);

    it('reads only the rows written since its copy, and ends with what a fresh read finds', async () => {
      await write([1, 2, 3, 4, 5], 'a', 100);
      const { current } = cacheOverStore();
      await current();
      expect(reads).toEqual(['all']);

      await write([4, 2], 'b', 200);
      const data = await current();
      expect(reads).toEqual(['all', 'since 100']);
      expect(texts(data.rows)).toEqual([
        'svc-1=a',
        'svc-2=b',
        'svc-3=a',
        'svc-4=b',
        'svc-5=a',
      ]);
      const fresh = await readAfresh();
      expect(texts(data.rows)).toEqual(texts(fresh.rows));
      expect(messages(data.findings)).toEqual(messages(fresh.findings));
      expect(messages(data.findings)[0]).toBe(`high ${ref(1)}:a`);
      expect(data.computedAt).toBe(200);

      // nothing written: the copy is kept as it is
      expect(await current()).toBe(data);
      expect(reads).toEqual(['all', 'since 100']);
    });

    it('holds the rows without what only a page shows, and reads the whole rows of a page', async () => {
      await write([1, 2], 'a', 100);
      await store.write({
        rows: [
          {
            entityRef: ref(3),
            row: JSON.stringify({
              entityRef: ref(3),
              name: 'svc-3',
              text: 'a',
              links: { overview: '/catalog/default/component/svc-3' },
              serviceLevel: {
                status: 'met',
                budgetRemainingShare: 0.5,
                agreements: [{ name: 'retail', objectives: [] }],
              },
              availability: { status: 'met', limitingDependencies: [ref(1)] },
              continuity: {
                status: 'warn',
                checks: [{ id: 'x', message: 'no plan' }],
              },
            }),
            findings: JSON.stringify([
              {
                id: 'dr-test',
                entityRef: ref(3),
                severity: 'medium',
                discipline: 'continuity',
                message: 'The DR test is overdue',
                link: '/catalog/default/component/svc-3/continuity',
              },
            ]),
          },
        ],
        computedAt: 100,
      });
      const data = await cacheOverStore().current();
      const summary = data.rows.find(r => r.entityRef === ref(3))!;
      expect(summary).toMatchObject({
        serviceLevel: { status: 'met', budgetRemainingShare: 0.5 },
        availability: { status: 'met' },
        continuity: { status: 'warn' },
      });
      expect(summary).not.toHaveProperty('links');
      expect(summary.serviceLevel).not.toHaveProperty('agreements');
      expect(summary.availability).not.toHaveProperty('limitingDependencies');
      expect(summary.continuity).not.toHaveProperty('checks');
      expect(data.findings.find(f => f.entityRef === ref(3))).toEqual({
        id: 'dr-test',
        entityRef: ref(3),
        severity: 'medium',
        discipline: 'continuity',
      });

      await write([2], 'b', 200);
      const details = await data.details([ref(3), ref(2), ref(9)]);
      expect([...details.keys()].sort()).toEqual([ref(2), ref(3)]);
      expect(details.get(ref(3))).toEqual({
        row: expect.objectContaining({
          links: { overview: '/catalog/default/component/svc-3' },
          serviceLevel: expect.objectContaining({
            agreements: [{ name: 'retail', objectives: [] }],
          }),
        }),
        findings: [
          expect.objectContaining({ message: 'The DR test is overdue' }),
        ],
      });
      // read as stored now, not as the copy had it
      expect(texts([details.get(ref(2))!.row])).toEqual(['svc-2=b']);
    });

    it('drops the rows removed since its copy, and takes in rows added beside them', async () => {
      await write([1, 2, 3], 'a', 100);
      const { current } = cacheOverStore();
      await current();
      await store.write({ rows: [], computedAt: 150, remove: [ref(2)] });
      let data = await current();
      expect(texts(data.rows)).toEqual(['svc-1=a', 'svc-3=a']);
      expect(messages(data.findings)).toEqual([
        `high ${ref(1)}:a`,
        `high ${ref(3)}:a`,
      ]);
      expect(reads).toEqual(['all', 'since 100', 'refs']);

      // as many rows as before, but not the same ones
      await store.write({
        rows: [stored(4, 'c')],
        computedAt: 300,
        remove: [ref(1)],
      });
      data = await current();
      expect(texts(data.rows)).toEqual(['svc-3=a', 'svc-4=c']);
      expect(texts(data.rows)).toEqual(texts((await readAfresh()).rows));
      expect(reads.slice(3)).toEqual(['since 100', 'refs']);
    });

    it('takes in a row written in the same millisecond as its copy, once anything else changes', async () => {
      await write([1, 2], 'a', 100);
      const { current } = cacheOverStore();
      await current();
      // written after the copy was read, in the same millisecond: the stored version is unchanged
      await write([1], 'b', 100);
      expect(texts((await current()).rows)).toEqual(['svc-1=a', 'svc-2=a']);
      await write([2], 'c', 101);
      expect(texts((await current()).rows)).toEqual(['svc-1=b', 'svc-2=c']);
    });

    it('reads everything again when a row is stored that is neither in its copy nor written since (a clock behind)', async () => {
      await write([1, 2], 'a', 100);
      const { current } = cacheOverStore();
      await current();
      await write([3], 'late', 50);
      await write([1], 'b', 200);
      const data = await current();
      expect(texts(data.rows)).toEqual(['svc-1=b', 'svc-2=a', 'svc-3=late']);
      expect(reads).toEqual(['all', 'since 100', 'refs', 'all']);
    });
  },
);
