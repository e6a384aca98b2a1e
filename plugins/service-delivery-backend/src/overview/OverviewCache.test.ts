import { mockCredentials } from '@backstage/backend-test-utils';
import { OverviewRow } from '@service-delivery/plugin-service-delivery-common';
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
      readAll: async () => [],
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
