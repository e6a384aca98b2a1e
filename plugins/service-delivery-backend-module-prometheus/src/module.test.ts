import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
// the module is tested inside the real plugin: its extension point, runner and store
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import serviceDeliveryPlugin from '@service-delivery/plugin-service-delivery-backend';
import { Knex } from 'knex';
import { PrometheusServer } from './__testUtils__/PrometheusServer';
import serviceDeliveryModulePrometheus from './index';

// Prometheus starts twice and one run waits out its retries against a stopped server.
jest.setTimeout(120_000);

const taskId = 'service-delivery:provider:prometheus';
const bucketSeconds = 10;
const bucketMs = bucketSeconds * 1000;
const backfillSeconds = 600;

const goodQuery =
  'sum(increase(checkout_requests_total{code!~"5.."}[$bucket]))';
const totalQuery = 'sum(increase(checkout_requests_total[$bucket]))';
const uptimeQuery = 'avg_over_time(checkout_up[$bucket])';
const diskQuery = 'sum(checkout_disk_used_bytes) / 2^30';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    serviceDelivery: {
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          objectives: [
            {
              name: 'success-rate',
              kind: 'ratio',
              target: 99,
              prometheus: { good: goodQuery, total: totalQuery },
            },
            {
              name: 'uptime',
              kind: 'ratio',
              target: 99.5,
              prometheus: { ratio: uptimeQuery },
            },
            { name: 'availability', kind: 'availability', target: 99.9 },
          ],
        },
      ],
      capacity: {
        resources: [
          {
            name: 'disk',
            unit: 'GiB',
            capacity: 500,
            prometheus: { used: diskQuery },
          },
        ],
      },
    },
  },
};

// a typo in its PromQL must not keep the other entities' data from flowing
const ledger: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    serviceDelivery: {
      agreements: [
        {
          name: 'ledger-ola',
          type: 'OLA',
          objectives: [
            {
              name: 'success-rate',
              kind: 'ratio',
              target: 99,
              prometheus: {
                good: 'sum(increase(ledger_requests_total{code="200"}[$bucket])',
                total: 'sum(increase(ledger_requests_total[$bucket]))',
              },
            },
          ],
        },
      ],
    },
  },
};

/**
 * 40 minutes of checkout metrics every 5 seconds, from 30 minutes ago: request counters by status
 * code, an up gauge with short dips and a growing disk. The samples reaching into the future let
 * buckets keep completing while the test runs.
 */
function checkoutMetrics(now: number): string {
  const first = Math.floor(now / bucketMs) * bucketSeconds - 1800;
  const ok: string[] = [];
  const failed: string[] = [];
  const up: string[] = [];
  const disk: string[] = [];
  let okCount = 0;
  let failedCount = 0;
  for (let k = 0; k <= 480; k++) {
    const t = first + k * 5;
    okCount += 40 + ((k * 7) % 13);
    failedCount += k % 9 === 0 ? 3 : Number(k % 4 === 0);
    ok.push(`checkout_requests_total{code="200"} ${okCount} ${t}`);
    failed.push(`checkout_requests_total{code="500"} ${failedCount} ${t}`);
    up.push(`checkout_up ${k % 17 < 2 ? 0 : 1} ${t}`);
    disk.push(`checkout_disk_used_bytes ${(100 + k * 0.25) * 2 ** 30} ${t}`);
  }
  return [
    '# TYPE checkout_requests counter',
    ...ok,
    ...failed,
    '# TYPE checkout_up gauge',
    ...up,
    '# TYPE checkout_disk_used_bytes gauge',
    ...disk,
    '# EOF',
    '',
  ].join('\n');
}

type LogLine = { level: string; message: string };

function recordingLogger(lines: LogLine[]): LoggerService {
  const log = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  const logger: LoggerService = {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: () => logger,
  };
  return logger;
}

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function startBackend(options: {
  prometheus?: object;
  lines: LogLine[];
}): Promise<{ knex: Knex; run(): Promise<void>; scheduled(): string[] }> {
  const knex = await databases.init('SQLITE_3');
  const scheduler = mockServices.scheduler.mock();
  await startTestBackend({
    features: [
      serviceDeliveryPlugin,
      serviceDeliveryModulePrometheus,
      scheduler.factory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { serviceDelivery: { prometheus: options.prometheus } },
      }),
      catalogServiceMock.factory({ entities: [checkout, ledger] }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => recordingLogger(options.lines) as any,
      }),
    ],
  });
  const tasks = () => scheduler.scheduleTask.mock.calls.map(([task]) => task);
  return {
    knex,
    scheduled: () => tasks().map(task => task.id),
    async run() {
      const task = tasks().find(t => t.id === taskId);
      await task!.fn(new AbortController().signal);
    },
  };
}

type SliRow = { bucket_start: number; good: number; total: number };

async function storedSli(
  knex: Knex,
  entityRef: string,
  objective: string,
): Promise<SliRow[]> {
  const rows = await knex('sd_sli')
    .where({ entity_ref: entityRef, objective, source: 'prometheus' })
    .orderBy('bucket_start');
  return rows.map(row => ({
    bucket_start: Number(row.bucket_start),
    good: Number(row.good),
    total: Number(row.total),
  }));
}

function expectContiguous(starts: number[], first: number, last: number) {
  const expected: number[] = [];
  for (let start = first; start <= last; start += bucketMs) {
    expected.push(start);
  }
  expect(starts).toEqual(expected);
}

const floorToBucket = (ms: number) => Math.floor(ms / bucketMs) * bucketMs;

/** A run backfills from `backfill` before the moment it starts, somewhere in [before, after]. */
function expectBackfillStart(start: number, before: number, after: number) {
  expect(start).toBeGreaterThanOrEqual(
    floorToBucket(before - backfillSeconds * 1000),
  );
  expect(start).toBeLessThanOrEqual(
    floorToBucket(after - backfillSeconds * 1000),
  );
}
const at = (query: string) => query.replace('$bucket', `${bucketSeconds}s`);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Every stored bucket against what Prometheus answers for the range ending where it ends. */
async function expectSameAsPromQl(prometheus: PrometheusServer, knex: Knex) {
  const ref = 'component:default/checkout';
  for (const row of await storedSli(knex, ref, 'success-rate')) {
    const end = row.bucket_start + bucketMs;
    expect({ end, good: row.good, total: row.total }).toEqual({
      end,
      good: Math.round(sum(await prometheus.query(at(goodQuery), end))),
      total: Math.round(sum(await prometheus.query(at(totalQuery), end))),
    });
  }
  for (const row of await storedSli(knex, ref, 'uptime')) {
    const end = row.bucket_start + bucketMs;
    const [ratio] = await prometheus.query(at(uptimeQuery), end);
    expect({ end, good: row.good, total: row.total }).toEqual({
      end,
      good: Math.round(ratio * bucketSeconds),
      total: bucketSeconds,
    });
  }
  const samples = await knex('sd_capacity')
    .where({ entity_ref: ref, resource: 'disk' })
    .orderBy('at');
  expect(samples.length).toBeGreaterThan(0);
  for (const sample of samples) {
    const [used] = await prometheus.query(diskQuery, Number(sample.at));
    expect(Number(sample.used)).toBeCloseTo(used, 9);
  }
}

describe('the Prometheus module', () => {
  it('stays off without a baseUrl', async () => {
    const backend = await startBackend({ lines: [] });
    expect(backend.scheduled()).not.toContain(taskId);
  });
});

describe('the Prometheus provider against a real Prometheus', () => {
  let prometheus: PrometheusServer;
  let lines: LogLine[];
  const settings = () => ({
    baseUrl: prometheus.url,
    bucket: `${bucketSeconds}s`,
    backfill: `${backfillSeconds}s`,
    delay: '0s',
  });

  beforeAll(async () => {
    prometheus = await PrometheusServer.create(checkoutMetrics(Date.now()));
    await prometheus.start();
  });

  afterAll(async () => {
    await prometheus?.dispose();
  });

  beforeEach(() => {
    lines = [];
  });

  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('backfills every bucket with what PromQL answers, then keeps up', async () => {
    const backend = await startBackend({ prometheus: settings(), lines });
    expect(backend.scheduled()).toContain(taskId);

    const before = Date.now();
    await backend.run();
    const after = Date.now();

    const ref = 'component:default/checkout';
    const rows = await storedSli(backend.knex, ref, 'success-rate');
    const first = rows[0].bucket_start;
    expectBackfillStart(first, before, after);
    const last = rows[rows.length - 1].bucket_start;
    expect(last).toBeGreaterThanOrEqual(floorToBucket(before) - bucketMs);
    expect(last).toBeLessThanOrEqual(floorToBucket(after) - bucketMs);
    expectContiguous(
      rows.map(row => row.bucket_start),
      first,
      last,
    );
    // the comparison means something: real counts, with failures in some buckets
    expect(rows.every(row => row.total >= 80)).toBe(true);
    expect(rows.some(row => row.good < row.total)).toBe(true);
    expect(
      (await storedSli(backend.knex, ref, 'uptime')).some(
        row => row.good < row.total,
      ),
    ).toBe(true);
    await expectSameAsPromQl(prometheus, backend.knex);

    expect(
      await storedSli(backend.knex, 'component:default/ledger', 'success-rate'),
    ).toEqual([]);
    const rejected = (line: LogLine) =>
      line.level === 'warn' &&
      line.message.includes(
        'component:default/ledger objective success-rate: Prometheus rejected its PromQL',
      );
    expect(lines.filter(rejected)).toHaveLength(1);

    // a bucket later, the next run adds what completed since, and repeats no warning
    await new Promise(resolve => setTimeout(resolve, bucketMs));
    await backend.run();
    const next = await storedSli(backend.knex, ref, 'success-rate');
    expect(next.length).toBeGreaterThan(rows.length);
    expect(next.slice(0, rows.length)).toEqual(rows);
    expectContiguous(
      next.map(row => row.bucket_start),
      first,
      next[next.length - 1].bucket_start,
    );
    await expectSameAsPromQl(prometheus, backend.knex);
    expect(lines.filter(rejected)).toHaveLength(1);
    expect(lines.filter(line => line.level === 'error')).toEqual([]);
  });

  it('survives Prometheus stopping mid-run and leaves no gap once it is back', async () => {
    const backend = await startBackend({ prometheus: settings(), lines });
    const ref = 'component:default/checkout';

    // Prometheus goes down between the queries of the first run: success-rate (good and total)
    // is in, the uptime ratio, the disk and everything after are not
    const realFetch = globalThis.fetch;
    let rangeQueries = 0;
    let stoppedAt = 0;
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      if (String(input).endsWith('/api/v1/query_range')) {
        rangeQueries += 1;
        if (rangeQueries === 3) {
          await prometheus.stop();
          stoppedAt = Date.now();
        }
      }
      return realFetch(input, init);
    });

    await backend.run();
    expect(stoppedAt).toBeGreaterThan(0);
    const beforeOutage = await storedSli(backend.knex, ref, 'success-rate');
    expect(beforeOutage.length).toBeGreaterThan(0);
    expect(await storedSli(backend.knex, ref, 'uptime')).toEqual([]);

    // still down: this run waits out its retries too, and buckets keep completing
    await backend.run();
    const unreachable = lines.filter(
      line =>
        line.level === 'warn' &&
        line.message.includes('Prometheus is unreachable'),
    );
    expect(unreachable).toHaveLength(1);
    expect(unreachable[0].message).toContain('ECONNREFUSED');
    expect(await storedSli(backend.knex, ref, 'success-rate')).toEqual(
      beforeOutage,
    );

    // at least one bucket ends while Prometheus is down: waited for, not assumed of the retries
    const firstEndWhileDown = floorToBucket(stoppedAt) + bucketMs;
    while (Date.now() < firstEndWhileDown) {
      await new Promise(resolve =>
        setTimeout(resolve, firstEndWhileDown - Date.now()),
      );
    }
    await prometheus.start();
    const restartedAt = Date.now();
    await backend.run();
    const recoveredAt = Date.now();
    expect(
      lines.filter(line => line.message.includes('Prometheus answers again')),
    ).toHaveLength(1);

    // success-rate keeps what the first run stored; uptime starts at the backfill window of this run
    const successRate = await storedSli(backend.knex, ref, 'success-rate');
    const uptime = await storedSli(backend.knex, ref, 'uptime');
    expect(successRate[0].bucket_start).toBe(beforeOutage[0].bucket_start);
    expectBackfillStart(uptime[0].bucket_start, restartedAt, recoveredAt);
    for (const rows of [successRate, uptime]) {
      const last = rows[rows.length - 1].bucket_start;
      // every bucket from the first up to one that ended after the restart
      expect(last + bucketMs).toBeGreaterThanOrEqual(
        floorToBucket(restartedAt),
      );
      expectContiguous(
        rows.map(row => row.bucket_start),
        rows[0].bucket_start,
        last,
      );
    }
    // buckets that ended while Prometheus was down were filled in
    const filled = successRate.filter(
      row =>
        row.bucket_start + bucketMs > stoppedAt &&
        row.bucket_start + bucketMs <= restartedAt,
    );
    expect(filled.length).toBeGreaterThan(0);
    await expectSameAsPromQl(prometheus, backend.knex);
    expect(
      lines.filter(line => line.message.includes('Prometheus is unreachable')),
    ).toHaveLength(1);
  });
});
