import http from 'node:http';
import { AddressInfo } from 'node:net';
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
import serviceDeliveryModulePrometheus from './index';

// These tests are about what the provider does with what it is told and answered, not about PromQL
// (module.test.ts checks that against a real Prometheus): a stand-in answers every range query
// with 100 events per bucket, 90 of them good, a ratio of 1 and 100 GiB in use.

jest.setTimeout(60_000);

const taskId = 'service-delivery:provider:prometheus';
const ref = 'component:default/checkout';

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
              prometheus: {
                good: 'sum(increase(checkout_requests_total{code!~"5.."}[$bucket]))',
                total: 'sum(increase(checkout_requests_total[$bucket]))',
              },
            },
            {
              name: 'uptime',
              kind: 'ratio',
              target: 99.5,
              prometheus: {
                ratio: 'avg_over_time(up{job="checkout"}[$bucket])',
              },
            },
            {
              name: 'anything',
              kind: 'ratio',
              target: 99,
              prometheus: { ratio: 'avg_over_time({job="checkout"}[$bucket])' },
            },
          ],
        },
      ],
      capacity: {
        resources: [
          {
            name: 'disk',
            unit: 'GiB',
            capacity: 500,
            prometheus: { used: 'sum(checkout_disk_used_bytes) / 2^30' },
          },
        ],
      },
    },
  },
};

async function stubPrometheus() {
  const queries: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const form = new URLSearchParams(body);
      const query = form.get('query')!;
      queries.push(query);
      const [start, end, step] = ['start', 'end', 'step'].map(key =>
        Number(form.get(key)),
      );
      let value = '100';
      if (query.includes('code!~')) value = '90';
      else if (query.startsWith('avg_over_time')) value = '1';
      else if (query.includes('disk')) value = '100';
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end; t += step) values.push([t, value]);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          status: 'success',
          data: { resultType: 'matrix', result: [{ metric: {}, values }] },
        }),
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    queries,
    close: () => new Promise(resolve => server.close(resolve)),
  };
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

async function startBackend(prometheus: object, lines: LogLine[]) {
  const knex = await databases.init('SQLITE_3');
  const scheduler = mockServices.scheduler.mock();
  await startTestBackend({
    features: [
      serviceDeliveryPlugin,
      serviceDeliveryModulePrometheus,
      scheduler.factory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: { serviceDelivery: { prometheus } },
      }),
      catalogServiceMock.factory({ entities: [checkout] }),
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => recordingLogger(lines) as any,
      }),
    ],
  });
  return {
    knex,
    async run() {
      const [task] = scheduler.scheduleTask.mock.calls
        .map(([t]) => t)
        .filter(t => t.id === taskId);
      await task.fn(new AbortController().signal);
    },
  };
}

async function bucketStarts(knex: Knex, objective: string): Promise<number[]> {
  const rows = await knex('sd_sli')
    .where({ entity_ref: ref, objective, source: 'prometheus' })
    .orderBy('bucket_start');
  return rows.map(row => Number(row.bucket_start));
}

const warnings = (lines: LogLine[]) =>
  lines.filter(line => line.level === 'warn').map(line => line.message);

describe('the Prometheus provider', () => {
  let prometheus: Awaited<ReturnType<typeof stubPrometheus>>;
  let lines: LogLine[];
  const settings = () => ({
    baseUrl: prometheus.url,
    bucket: '1s',
    backfill: '60s',
    delay: '0s',
  });

  beforeEach(async () => {
    prometheus = await stubPrometheus();
    lines = [];
  });

  afterEach(() => prometheus.close());

  it('goes on pulling when a record of its source is dated in the future', async () => {
    const backend = await startBackend(settings(), lines);
    await backend.run();
    const first = await bucketStarts(backend.knex, 'success-rate');
    expect(first.length).toBeGreaterThan(50);

    // a record someone sent under source prometheus, dated 9999-12-31
    const copy = await backend
      .knex('sd_sli')
      .where({ entity_ref: ref, objective: 'success-rate' })
      .first();
    delete copy.id;
    const future = Date.parse('9999-12-31T00:00:00Z');
    await backend.knex('sd_sli').insert({ ...copy, bucket_start: future });

    await new Promise(resolve => setTimeout(resolve, 2100));
    await backend.run();
    const next = (await bucketStarts(backend.knex, 'success-rate')).filter(
      start => start !== future,
    );
    // the buckets that ended since, and nothing pulled twice
    expect(next.length).toBeGreaterThanOrEqual(first.length + 2);
    expect(next.slice(0, first.length)).toEqual(first);
    expect(next.slice(1).map((start, i) => start - next[i])).toEqual(
      next.slice(1).map(() => 1000),
    );
    expect(
      warnings(lines).filter(message =>
        message.startsWith(
          `${ref} objective success-rate: a record of source prometheus ends in the future (9999-12-31T00:00:01.000Z)`,
        ),
      ),
    ).toHaveLength(1);

    // once pulled, the following run asks only for what ended meanwhile
    prometheus.queries.length = 0;
    await backend.run();
    expect(prometheus.queries.length).toBeLessThanOrEqual(5);
  });

  it('runs no entity PromQL when app-config says so, naming each objective and resource', async () => {
    const backend = await startBackend(
      { ...settings(), allowEntityQueries: false },
      lines,
    );
    await backend.run();
    expect(prometheus.queries).toEqual([]);
    expect(await backend.knex('sd_sli').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(warnings(lines)).toEqual([
      `${ref} objective success-rate: declares PromQL, but serviceDelivery.prometheus.allowEntityQueries is false; not pulled`,
      `${ref} objective uptime: declares PromQL, but serviceDelivery.prometheus.allowEntityQueries is false; not pulled`,
      `${ref} objective anything: declares PromQL, but serviceDelivery.prometheus.allowEntityQueries is false; not pulled`,
      `${ref} resource disk: declares PromQL, but serviceDelivery.prometheus.allowEntityQueries is false; not pulled`,
    ]);
    // said once, not every run
    await backend.run();
    expect(warnings(lines)).toHaveLength(4);
  });

  it('runs only queries whose metrics all start with an allowed prefix', async () => {
    const backend = await startBackend(
      { ...settings(), allowedMetricPrefixes: ['checkout_'] },
      lines,
    );
    await backend.run();
    expect(
      (await bucketStarts(backend.knex, 'success-rate')).length,
    ).toBeGreaterThan(50);
    expect(await bucketStarts(backend.knex, 'uptime')).toEqual([]);
    expect(await bucketStarts(backend.knex, 'anything')).toEqual([]);
    expect(
      Number((await backend.knex('sd_capacity').count({ n: '*' }))[0].n),
    ).toBeGreaterThan(50);
    // refused queries never reach Prometheus
    expect(prometheus.queries.some(q => q.includes('up{'))).toBe(false);
    expect(prometheus.queries.some(q => q.startsWith('avg_over_time({'))).toBe(
      false,
    );
    expect(warnings(lines)).toEqual([
      `${ref} objective uptime: its PromQL is not pulled: it selects up, outside serviceDelivery.prometheus.allowedMetricPrefixes (checkout_)`,
      `${ref} objective anything: its PromQL is not pulled: its metric names cannot all be told (a selector without a metric name), so serviceDelivery.prometheus.allowedMetricPrefixes refuses it`,
    ]);
  });

  it('abandons an answer larger than the limit, names its objective and goes on with the others', async () => {
    const backend = await startBackend(
      { ...settings(), backfill: '1h', maxResponseBytes: 4096 },
      lines,
    );
    await backend.run();
    expect(await backend.knex('sd_sli').count({ n: '*' })).toEqual([{ n: 0 }]);
    expect(warnings(lines)).toEqual([
      `${ref} objective success-rate: its PromQL selects too much: ${prometheus.url}/api/v1/query_range answered more than the 4096 bytes an answer may have (serviceDelivery.prometheus.maxResponseBytes)`,
      `${ref} objective uptime: its PromQL selects too much: ${prometheus.url}/api/v1/query_range answered more than the 4096 bytes an answer may have (serviceDelivery.prometheus.maxResponseBytes)`,
      `${ref} objective anything: its PromQL selects too much: ${prometheus.url}/api/v1/query_range answered more than the 4096 bytes an answer may have (serviceDelivery.prometheus.maxResponseBytes)`,
      `${ref} resource disk: its PromQL selects too much: ${prometheus.url}/api/v1/query_range answered more than the 4096 bytes an answer may have (serviceDelivery.prometheus.maxResponseBytes)`,
    ]);
  });
});
