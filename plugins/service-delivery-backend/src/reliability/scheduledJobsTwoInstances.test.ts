import { metricsServiceFactory } from '@backstage/backend-defaults/alpha';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  coreServices,
  createBackendModule,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  MeasuredDataProvider,
  serviceDeliveryProvidersExtensionPoint,
} from '@service-delivery/plugin-service-delivery-node';
import { JsonObject } from '@backstage/types';
import { Knex } from 'knex';
import request from 'supertest';
import { REFRESH_TASK_ID } from '../overview/OverviewRefresher';
import { serviceDeliveryPlugin } from '../plugin';
import { providerTaskId } from '../providers/scheduleProviders';
import { RETENTION_TASK_ID } from '../retention/pruneMeasuredData';
import { createTestDatabases } from '../__testUtils__/testDatabases';

/*
 * Two real backends (Backstage's own database and scheduler services) on one PostgreSQL database:
 * every scheduled job of the plugin — the overview refresh and each measured-data provider — runs
 * once per interval between them, because Backstage's task lock (the shared
 * `backstage_backend_tasks__tasks` row and its `current_run_ticket`) lets one claim each run; and
 * when one instance goes away, the other carries on at the same cadence.
 *
 * Both backends live in this one Node process, but share nothing but the database: each has its own
 * connection pool, scheduler, task poller, catalog and logger.
 */

jest.setTimeout(90_000);

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

/** The jobs' interval: short, through the plugin's config and the provider's own schedule. */
const INTERVAL_SECONDS = 2;
const INTERVAL_MS = INTERVAL_SECONDS * 1000;
/** Observed with both instances up, then with one of them stopped. */
const BOTH_UP_INTERVALS = 6;
const ONE_UP_INTERVALS = 4;
/** A provider run takes this long, as real work would. */
const PROVIDER_RUN_MS = 100;

const PROVIDER_NAME = 'test-clock';
const OVERVIEW_REFRESHED = 'Service delivery overview refreshed';
const RETENTION_RAN = 'Service delivery retention:';

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

type Job = 'overview' | 'provider' | 'retention';
type Instance = 'A' | 'B';
type Run = { job: Job; instance: Instance; at: number };

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    serviceDelivery: {
      tier: 'tier-1',
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.95 },
          ],
        },
      ],
    },
  },
};

/** Records every completed overview refresh and retention run (their log lines) as runs of this instance. */
function runRecordingLogger(instance: Instance, runs: Run[]): LoggerService {
  const logger: LoggerService = {
    error() {},
    warn() {},
    debug() {},
    info(message: string) {
      if (message.startsWith(OVERVIEW_REFRESHED)) {
        runs.push({ job: 'overview', instance, at: Date.now() });
      }
      if (message.startsWith(RETENTION_RAN)) {
        runs.push({ job: 'retention', instance, at: Date.now() });
      }
    },
    child: () => logger,
  };
  return logger;
}

/** A provider that only records when, and on which instance, it ran. */
function recordingProvider(
  instance: Instance,
  runs: Run[],
): MeasuredDataProvider {
  return {
    getProviderName: () => PROVIDER_NAME,
    schedule: {
      frequency: { seconds: INTERVAL_SECONDS },
      timeout: { seconds: 30 },
    },
    async run() {
      runs.push({ job: 'provider', instance, at: Date.now() });
      await sleep(PROVIDER_RUN_MS);
    },
  };
}

async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** The connection TestDatabases made, minus the database, plus the name of the one it created. */
function sharedDatabase(knex: Knex): { name: string; server: JsonObject } {
  const { database, ...server } = knex.client.config.connection as JsonObject;
  return {
    name: String(database),
    server: Object.fromEntries(
      Object.entries(server).filter(([, v]) => v !== undefined && v !== null),
    ),
  };
}

async function startInstance(instance: Instance, knex: Knex, runs: Run[]) {
  const { name, server } = sharedDatabase(knex);
  return startTestBackend({
    features: [
      serviceDeliveryPlugin,
      createBackendModule({
        pluginId: 'service-delivery',
        moduleId: 'test-clock-provider',
        register(reg) {
          reg.registerInit({
            deps: { providers: serviceDeliveryProvidersExtensionPoint },
            async init({ providers }) {
              providers.addProvider(recordingProvider(instance, runs));
            },
          });
        },
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: {
              client: 'pg',
              connection: server,
              // both instances' plugin database is the one TestDatabases created
              plugin: {
                'service-delivery': { connection: { database: name } },
              },
            },
          },
          serviceDelivery: {
            tiers: { 'tier-1': { availability: 99.95, rto: '1h' } },
            overview: {
              refresh: {
                frequency: { seconds: INTERVAL_SECONDS },
                timeout: { seconds: 30 },
              },
            },
            retention: {
              schedule: {
                frequency: { seconds: INTERVAL_SECONDS },
                timeout: { seconds: 30 },
              },
            },
          },
        },
      }),
      // the real services whose locking is under test
      databaseServiceFactory,
      schedulerServiceFactory,
      metricsServiceFactory,
      createServiceFactory({
        service: coreServices.rootLogger,
        deps: {},
        factory: () => runRecordingLogger(instance, runs) as any,
      }),
      catalogServiceMock.factory({ entities: [payments] }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
}

/** The instance's scheduler says it has every job, as global tasks, with a live worker. */
async function scheduledJobsOf(server: Parameters<typeof request>[0]) {
  const res = await request(server)
    .get('/api/service-delivery/.backstage/scheduler/v1/tasks')
    .set('authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return (
    res.body.tasks as Array<{
      taskId: string;
      scope: string;
      workerState: { status: string } | null;
    }>
  )
    .map(t => ({
      taskId: t.taskId,
      scope: t.scope,
      worker: t.workerState?.status,
    }))
    .sort((a, b) => a.taskId.localeCompare(b.taskId));
}

const JOBS: Array<{ job: Job; taskId: string }> = [
  { job: 'overview', taskId: REFRESH_TASK_ID },
  { job: 'provider', taskId: providerTaskId(PROVIDER_NAME) },
  { job: 'retention', taskId: RETENTION_TASK_ID },
];

const aliveJobs = JOBS.map(({ taskId }) => ({
  taskId,
  scope: 'global',
  worker: expect.stringMatching(/^(idle|running)$/),
})).sort((a, b) => a.taskId.localeCompare(b.taskId));

function runsIn(runs: Run[], job: Job, from: number, to: number): Run[] {
  return runs.filter(r => r.job === job && r.at >= from && r.at < to);
}

/**
 * One run per interval, give or take the one at each end of the window; twice that fails it.
 * A worker looks for due work once per interval, so a run can start up to an interval late, and
 * the next one is then due at once: on a busy machine runs can be as far as two intervals apart.
 */
function expectOncePerInterval(count: number, intervals: number) {
  expect(count).toBeGreaterThanOrEqual(Math.floor(intervals / 2));
  expect(count).toBeLessThanOrEqual(intervals + 1);
}

(postgres.length > 0
  ? describe.each(postgres)
  : describe.skip.each([['none' as TestDatabaseId]]))(
  'scheduled jobs of two instances on %p',
  databaseId => {
    it('run once per interval between both, and carry on when one instance stops', async () => {
      const knex = await databases.init(databaseId);
      const runs: Run[] = [];
      const backends = {
        A: await startInstance('A', knex, runs),
        B: await startInstance('B', knex, runs),
      };
      try {
        // both registered the same tasks in the one shared table, and each has live workers
        expect(await scheduledJobsOf(backends.A.server)).toEqual(aliveJobs);
        expect(await scheduledJobsOf(backends.B.server)).toEqual(aliveJobs);
        const tasks = await knex('backstage_backend_tasks__tasks')
          .select('id')
          .orderBy('id');
        expect(tasks.map(t => t.id)).toEqual(
          JOBS.map(j => j.taskId).sort((a, b) => a.localeCompare(b)),
        );
        // the first runs happen at once (no initial delay)
        await waitFor('the first run of every job', () =>
          JOBS.every(({ job }) => runs.some(r => r.job === job)),
        );

        // both instances up: once per interval between them, not once per instance
        const bothFrom = Date.now();
        await sleep(BOTH_UP_INTERVALS * INTERVAL_MS);
        const bothTo = Date.now();
        for (const { job } of JOBS) {
          const seen = runsIn(runs, job, bothFrom, bothTo);
          expectOncePerInterval(seen.length, BOTH_UP_INTERVALS);
        }
        expect(await scheduledJobsOf(backends.A.server)).toEqual(aliveJobs);
        expect(await scheduledJobsOf(backends.B.server)).toEqual(aliveJobs);

        // stop the instance that did most of the work, between runs (a run cut off mid-way would
        // hold its ticket until the janitor, which does not run in tests, frees it)
        const busier: Instance =
          runs.filter(r => r.instance === 'A').length >=
          runs.filter(r => r.instance === 'B').length
            ? 'A'
            : 'B';
        const survivor: Instance = busier === 'A' ? 'B' : 'A';
        // Stop it between runs: wait until neither job is running and, in the same statement,
        // hold their next runs back, so that the stopping instance cannot claim one while it
        // stops (a run cut off mid-way would hold its ticket until the janitor, which does not
        // run in tests, frees it). With a 2 s poll a job can be overdue and unclaimed, so "the
        // next run is a while off" cannot be waited for.
        await waitFor('a moment between runs', async () => {
          const held = await knex('backstage_backend_tasks__tasks')
            .whereIn(
              'id',
              JOBS.map(j => j.taskId),
            )
            .whereNotExists(
              knex('backstage_backend_tasks__tasks')
                .whereIn(
                  'id',
                  JOBS.map(j => j.taskId),
                )
                .whereNotNull('current_run_ticket'),
            )
            .update({
              next_run_start_at: knex.raw(`now() + interval '1 hour'`),
            });
          return held === JOBS.length;
        });
        const stopFrom = Date.now();
        await backends[busier].stop();
        // and let them go again through the survivor's scheduler API, as an operator would
        for (const { taskId } of JOBS) {
          const res = await request(backends[survivor].server)
            .post(
              `/api/service-delivery/.backstage/scheduler/v1/tasks/${encodeURIComponent(
                taskId,
              )}/trigger`,
            )
            .set('authorization', mockCredentials.user.header());
          expect(res.status).toBe(200);
        }

        // the other one carries on at the same cadence, alone
        const aloneFrom = Date.now();
        await sleep(ONE_UP_INTERVALS * INTERVAL_MS);
        const aloneTo = Date.now();
        for (const { job } of JOBS) {
          const seen = runsIn(runs, job, aloneFrom, aloneTo);
          expectOncePerInterval(seen.length, ONE_UP_INTERVALS);
          expect(seen.every(r => r.instance === survivor)).toBe(true);
        }
        expect(
          runs.filter(r => r.instance === busier && r.at >= stopFrom),
        ).toEqual([]);
        expect(await scheduledJobsOf(backends[survivor].server)).toEqual(
          aliveJobs,
        );
      } finally {
        await Promise.all([backends.A.stop(), backends.B.stop()]);
        // Backstage's database manager leaves its PostgreSQL pools open when a backend stops
        // (backend-defaults 0.18.0), which would keep TestDatabases from dropping the database.
        await knex.raw(
          `select pg_terminate_backend(pid) from pg_stat_activity
           where datname = current_database() and pid <> pg_backend_pid()`,
        );
      }
    });
  },
);
