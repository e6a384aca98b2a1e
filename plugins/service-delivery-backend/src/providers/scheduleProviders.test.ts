import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  maxRecordsPerBatch,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';
import {
  MeasuredDataIngestResult,
  MeasuredDataProvider,
  MeasuredDataProviderContext,
  serviceDeliveryProvidersExtensionPoint,
} from '@service-delivery/plugin-service-delivery-node';
import { Knex } from 'knex';
import { serviceDeliveryPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { providerTaskId } from './scheduleProviders';

jest.setTimeout(60_000);

const databases = createTestDatabases();

type LogLine = { level: string; message: string; provider?: unknown };

function recordingLogger(
  lines: LogLine[],
  meta: Record<string, unknown> = {},
): LoggerService {
  const log = (level: string) => (message: string) => {
    lines.push({ level, message, provider: meta.provider });
  };
  return {
    error: log('error'),
    warn: log('warn'),
    info: log('info'),
    debug: log('debug'),
    child: more => recordingLogger(lines, { ...meta, ...more }),
  };
}

// Buckets of a minute from ten days ago: a provider's instants must lie inside the retention and
// not in the future, whenever the test runs.
const DAY = 86_400_000;
const FIRST_BUCKET = Math.floor(Date.now() / DAY) * DAY - 10 * DAY;

const bucket = (minute: number, good: number, total = 100): SliRecord => ({
  entityRef: 'component:default/payments-api',
  source: 'test-feed',
  objective: 'success-rate',
  bucketStart: new Date(FIRST_BUCKET + minute * 60_000).toISOString(),
  bucketSeconds: 60,
  good,
  total,
});

const paymentsApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default', uid: 'uid-1' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:payments' },
};

/** A provider that hands over whatever the test queued, and remembers what it was told. */
class QueuedProvider implements MeasuredDataProvider {
  readonly batches: SliRecord[][] = [];
  readonly results: MeasuredDataIngestResult[] = [];
  latest: SliRecord | undefined;
  runs = 0;

  constructor(private readonly name = 'test-feed') {}

  getProviderName() {
    return this.name;
  }

  schedule = {
    frequency: { minutes: 10 },
    timeout: { minutes: 1 },
    scope: 'local' as const,
  };

  async run({ store }: MeasuredDataProviderContext) {
    this.runs += 1;
    for (const batch of this.batches.splice(0)) {
      this.results.push(await store.ingest('sli', batch));
    }
    this.latest = await store.latestSliBucket({
      entityRef: 'component:default/payments-api',
      objective: 'success-rate',
    });
  }
}

describe.each(databases.eachSupportedId())(
  'measured-data providers on %p',
  databaseId => {
    let knex: Knex;
    let lines: LogLine[];

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      lines = [];
    });

    async function start(...providers: MeasuredDataProvider[]) {
      const scheduler = mockServices.scheduler.mock();
      await startTestBackend({
        features: [
          serviceDeliveryPlugin,
          createBackendModule({
            pluginId: 'service-delivery',
            moduleId: 'test-providers',
            register(reg) {
              reg.registerInit({
                deps: { providers: serviceDeliveryProvidersExtensionPoint },
                async init(deps) {
                  deps.providers.addProvider(providers);
                },
              });
            },
          }),
          scheduler.factory,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({ data: {} }),
          catalogServiceMock.factory({ entities: [paymentsApi] }),
          createServiceFactory({
            service: coreServices.rootLogger,
            deps: {},
            factory: () => recordingLogger(lines) as any,
          }),
        ],
      });
      return {
        tasks: () => scheduler.scheduleTask.mock.calls.map(([task]) => task),
        async run(id: string) {
          const task = this.tasks().find(t => t.id === id);
          await task!.fn(new AbortController().signal);
        },
      };
    }

    it('runs each provider as a global scheduler task under a stable id', async () => {
      const scheduler = await start(
        new QueuedProvider('test-feed'),
        new QueuedProvider('other.feed'),
      );
      expect(
        scheduler
          .tasks()
          .filter(task => task.id.startsWith('service-delivery:provider:'))
          .map(task => [task.id, task.scope, task.frequency])
          .sort(),
      ).toEqual([
        ['service-delivery:provider:other.feed', 'global', { minutes: 10 }],
        ['service-delivery:provider:test-feed', 'global', { minutes: 10 }],
      ]);
      expect(providerTaskId('test-feed')).toBe(
        'service-delivery:provider:test-feed',
      );
    });

    it('stores valid batches and tells the provider where it left off', async () => {
      const provider = new QueuedProvider();
      const scheduler = await start(provider);
      provider.batches.push([bucket(0, 99), bucket(1, 97)]);
      await scheduler.run(providerTaskId('test-feed'));

      expect(provider.results).toEqual([
        { stored: true, accepted: 2, updated: 0, unchanged: 0 },
      ]);
      expect(provider.latest).toEqual(bucket(1, 97));

      // the same batch again, and a corrected bucket: idempotent upserts
      provider.batches.push([bucket(0, 99), bucket(1, 98)]);
      await scheduler.run(providerTaskId('test-feed'));
      expect(provider.results[1]).toEqual({
        stored: true,
        accepted: 0,
        updated: 1,
        unchanged: 1,
      });
      expect(
        (await knex('sd_sli').select('good').orderBy('bucket_start')).map(row =>
          Number(row.good),
        ),
      ).toEqual([99, 98]);
    });

    it('drops a batch with an invalid record whole and logs why', async () => {
      const provider = new QueuedProvider();
      const scheduler = await start(provider);
      provider.batches.push([bucket(0, 99), bucket(1, 101), bucket(2, 98)]);
      await scheduler.run(providerTaskId('test-feed'));

      expect(provider.results).toEqual([
        {
          stored: false,
          problems: [
            {
              index: 1,
              path: 'good',
              message: 'must not exceed total (got 101, total 100)',
            },
          ],
        },
      ]);
      expect(provider.latest).toBeUndefined();
      expect(await knex('sd_sli').select()).toEqual([]);
      expect(lines).toContainEqual({
        level: 'warn',
        provider: 'test-feed',
        message: expect.stringContaining(
          'Dropped a batch of 3 sli record(s) from provider test-feed, nothing of it was stored: [1].good: must not exceed total',
        ),
      });
    });

    it('refuses instants outside the retention or in the future, and entities the catalog does not know', async () => {
      const provider = new QueuedProvider();
      const scheduler = await start(provider);
      provider.batches.push([
        bucket(0, 99),
        { ...bucket(1, 99), bucketStart: '9999-12-31T00:00:00.000Z' },
      ]);
      provider.batches.push([
        { ...bucket(2, 99), entityRef: 'component:default/unknown' },
      ]);
      await scheduler.run(providerTaskId('test-feed'));
      expect(provider.results).toEqual([
        {
          stored: false,
          problems: [
            {
              index: 1,
              path: 'bucketStart',
              message: expect.stringContaining('lies in the future'),
            },
          ],
        },
        {
          stored: false,
          problems: [
            {
              index: 0,
              path: 'entityRef',
              message: expect.stringContaining(
                'component:default/unknown, which the catalog does not know',
              ),
            },
          ],
        },
      ]);
      expect(provider.latest).toBeUndefined();
      expect(await knex('sd_sli').select()).toEqual([]);
    });

    it("writes as the plugin, keeping the entity's uid", async () => {
      const provider = new QueuedProvider();
      const scheduler = await start(provider);
      provider.batches.push([bucket(0, 99)]);
      await scheduler.run(providerTaskId('test-feed'));
      expect(await knex('sd_sli').select('written_by')).toEqual([
        { written_by: 'plugin:service-delivery' },
      ]);
      expect(await knex('sd_audit').select('actor', 'action')).toEqual([
        { actor: 'plugin:service-delivery', action: 'created' },
      ]);
      expect(await knex('sd_entities').select('entity_ref', 'uid')).toEqual([
        { entity_ref: 'component:default/payments-api', uid: 'uid-1' },
      ]);
    });

    it('stores a batch longer than the API allows in one go, or none of it', async () => {
      const provider = new QueuedProvider();
      const scheduler = await start(provider);
      const long = Array.from({ length: maxRecordsPerBatch + 700 }, (_, i) =>
        bucket(i, 90),
      );
      provider.batches.push(
        long.map((b, i) => (i === 5600 ? { ...b, good: -1 } : b)),
      );
      await scheduler.run(providerTaskId('test-feed'));
      expect(provider.results[0]).toEqual({
        stored: false,
        problems: [{ index: 5600, path: 'good', message: expect.any(String) }],
      });
      expect(await knex('sd_sli').select()).toEqual([]);

      provider.batches.push(long);
      await scheduler.run(providerTaskId('test-feed'));
      expect(provider.results[1]).toEqual({
        stored: true,
        accepted: long.length,
        updated: 0,
        unchanged: 0,
      });
      expect(provider.latest).toEqual(long[long.length - 1]);
    });

    it('refuses two providers of one name', async () => {
      await expect(
        start(new QueuedProvider('feed'), new QueuedProvider('feed')),
      ).rejects.toThrow(
        "A measured-data provider named 'feed' was added twice",
      );
    });

    it('refuses a provider name that cannot be a task id', async () => {
      await expect(start(new QueuedProvider('my feed'))).rejects.toThrow(
        "Measured-data provider name 'my feed' must be 1 to 64 letters",
      );
    });
  },
);
