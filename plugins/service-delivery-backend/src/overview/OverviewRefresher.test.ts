import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { OverviewResponse } from '@service-delivery/plugin-service-delivery-common';
import request from 'supertest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  NOW,
  createOverviewHarness,
  entities,
  entitiesWithSystemBudget,
  loadMeasuredData,
  settings,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogSnapshot } from './catalogSnapshot';
import { OverviewCache } from './OverviewCache';
import {
  OverviewRefresher,
  REFRESH_TASK_ID,
  refreshDelay,
} from './OverviewRefresher';

jest.setTimeout(60_000);

/** A full garbage collection, to tell what the code under test still holds. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const databases = createTestDatabases();

const outage = (id: string, entityRef: string, start: string, end: string) => ({
  id,
  source: 'pagerduty',
  entityRef,
  title: `Outage ${id}`,
  priority: 'P2',
  impact: 'full' as const,
  startedAt: start,
  acknowledgedAt: start,
  resolvedAt: end,
});

describe.each(databases.eachSupportedId())(
  'the precomputed overview on %p',
  databaseId => {
    it('refreshes the entities an ingest touched, and what depends on them, without waiting for the schedule', async () => {
      let now = NOW;
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      const before = await harness.overviewStore.readAll();
      now += 1000;

      // 2 h more on the database: 9,000 of 12,960 s spent, burning 1.39× → at risk
      await harness.store.ingest('incidents', [
        outage(
          'D',
          'resource:default/payments-db',
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      await harness.refresher.flush();

      const after = await harness.overviewStore.readAll();
      const changed = after
        .filter(
          row =>
            row.computedAt !==
            before.find(b => b.entityRef === row.entityRef)!.computedAt,
        )
        .map(row => row.entityRef);
      // the database and payments-api, whose composite ceiling moved with it
      expect(changed.sort()).toEqual([
        'component:default/payments-api',
        'resource:default/payments-db',
      ]);
      const db = after.find(
        r => r.entityRef === 'resource:default/payments-db',
      )!;
      expect(db.row.status).toBe('at-risk');
      const api = after.find(
        r => r.entityRef === 'component:default/payments-api',
      )!;
      // a second later: 9,000 s of 1,296,001
      expect(api.row.availability!.achievable).toBeCloseTo(
        ((1_296_001 - 9000) / 1_296_001) * 100,
        9,
      );

      // an ingest that changes nothing refreshes nothing
      const listener = jest.fn();
      harness.refresher.onRefreshed(listener);
      await harness.store.ingest('incidents', [
        outage(
          'D',
          'resource:default/payments-db',
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      await harness.refresher.flush();
      expect(listener).not.toHaveBeenCalled();
    });

    it("refreshes a System when one of its parts' cost arrives, its budget finding counting their cost", async () => {
      let now = NOW;
      // payments-processing holds its parts' budgets in 2,000 a month
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
        catalogEntities: entitiesWithSystemBudget(2000),
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      const systemFindings = async () =>
        (
          await request(harness.app).get(
            '/v1/findings?discipline=cost&q=payments-processing',
          )
        ).body.findings.filter(
          (f: { entityRef: string }) =>
            f.entityRef === 'system:default/payments-processing',
        );
      // payments-api's 1,150 in November: under the System's 2,000
      expect(await systemFindings()).toEqual([]);
      now += 1000;

      await harness.store.ingest('costs', [
        {
          id: 'fraud-nov',
          source: 'finance',
          entityRef: 'component:default/fraud-scoring',
          periodStart: '2026-11',
          category: 'compute',
          amount: 1000,
          currency: 'EUR',
        },
      ]);
      await harness.refresher.flush();
      // 1,150 + 1,000 = 2,150: 150 (8 %) over; its parts are payments-api, payments-db and
      // fraud-scoring
      expect(await systemFindings()).toEqual([
        expect.objectContaining({
          subject: 'budget-month',
          message:
            "payments-processing is €150 (8%) over its budget of €2,000 in 2026-11, its 3 parts' cost included.",
          costOf: [
            'component:default/fraud-scoring',
            'component:default/payments-api',
            'resource:default/payments-db',
          ],
        }),
      ]);
    });

    it('recomputes a dependant only when its composite ceiling moved', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => NOW,
        // refreshed by hand below, not after the ingests
        debounceMs: 3_600_000,
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();

      // an outage of the database in an earlier month: its own row changes (its history), the
      // ceiling payments-api composes this month does not
      await harness.store.ingest('incidents', [
        outage(
          'old',
          'resource:default/payments-db',
          '2026-09-03T08:00:00.000Z',
          '2026-09-03T09:00:00.000Z',
        ),
      ]);
      expect(
        await harness.refresher.refreshEntities([
          'resource:default/payments-db',
        ]),
      ).toMatchObject({ rows: 1 });

      // one this month moves the ceiling of payments-api, which depends on it
      await harness.store.ingest('incidents', [
        outage(
          'now',
          'resource:default/payments-db',
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      expect(
        await harness.refresher.refreshEntities([
          'resource:default/payments-db',
        ]),
      ).toMatchObject({ rows: 2 });
      harness.refresher.stop();
    });

    it('computes again only what a moved dependant composes from its dependencies, and all of a touched entity', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => NOW,
        debounceMs: 3_600_000,
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      const rowOf = async (ref: string) =>
        (await harness.overviewStore.readAll()).find(r => r.entityRef === ref)!
          .row;
      const before = await rowOf('component:default/payments-api');
      expect(before.cost!.actual).toBe(1150);

      // a cost line the refresher is not told of (written past the listening store) …
      await harness.measured.ingest('costs', [
        {
          id: 'nov-network',
          source: 'finance',
          entityRef: 'component:default/payments-api',
          periodStart: '2026-11',
          category: 'network',
          amount: 50,
          currency: 'EUR',
        },
      ]);
      // … and an outage of the database this month, which moves payments-api's ceiling
      await harness.measured.ingest('incidents', [
        outage(
          'now',
          'resource:default/payments-db',
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      await harness.refresher.refreshEntities(['resource:default/payments-db']);
      const moved = await rowOf('component:default/payments-api');
      expect(moved.availability!.achievable).toBeLessThan(
        before.availability!.achievable!,
      );
      // its own headlines are the stored ones: its costs were not read again
      expect(moved.cost).toEqual(before.cost);

      await harness.refresher.refreshEntities([
        'component:default/payments-api',
      ]);
      expect((await rowOf('component:default/payments-api')).cost!.actual).toBe(
        1200,
      );
      harness.refresher.stop();
    });

    it('debounces ingests into one refresh', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        debounceMs: 60_000,
      });
      await harness.refresher.refreshAll();
      const refresh = jest.spyOn(harness.refresher, 'refreshEntities');
      for (const id of ['x1', 'x2', 'x3']) {
        await harness.store.ingest('incidents', [
          outage(
            id,
            'component:default/reporting',
            '2026-11-10T08:00:00.000Z',
            '2026-11-10T08:10:00.000Z',
          ),
        ]);
      }
      expect(refresh).not.toHaveBeenCalled();
      await harness.refresher.flush();
      expect(refresh).toHaveBeenCalledTimes(1);
      expect([...refresh.mock.calls[0][0]]).toEqual([
        'component:default/reporting',
      ]);
    });

    it('leaves to a scheduled full refresh that ran since the ingests the rows it computed, and computes what was touched after it began', async () => {
      let now = NOW;
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        debounceMs: 60_000,
        now: () => now,
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      const refresh = jest.spyOn(harness.refresher, 'refreshEntities');
      const database = 'resource:default/payments-db';
      await harness.store.ingest('incidents', [
        outage(
          'D',
          database,
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      // the wall clock moves on before the scheduled refresh begins
      await new Promise(resolve => setTimeout(resolve, 5));
      await harness.refresher.refreshAll();
      const afterFull = await harness.overviewStore.readAll();
      await harness.refresher.flush();

      // the pass after the ingest finds the database and its dependants current: nothing computed
      expect(refresh).toHaveBeenCalledTimes(1);
      await expect(refresh.mock.results[0].value).resolves.toEqual({
        rows: 0,
        notified: 0,
      });
      expect(await harness.overviewStore.readAll()).toEqual(afterFull);
      const db = afterFull.find(r => r.entityRef === database)!;
      expect(db.row.status).toBe('at-risk');

      // touched again once that refresh is over: computed again, with its dependant
      now += 1000;
      await harness.store.ingest('incidents', [
        outage(
          'E',
          database,
          '2026-11-13T08:00:00.000Z',
          '2026-11-13T09:00:00.000Z',
        ),
      ]);
      await harness.refresher.flush();
      expect(refresh).toHaveBeenCalledTimes(2);
      const { rows } = await refresh.mock.results[1].value;
      expect(rows).toBe(2);
      const computedAgain = (await harness.overviewStore.readAll())
        .filter(
          row =>
            row.computedAt !==
            afterFull.find(b => b.entityRef === row.entityRef)!.computedAt,
        )
        .map(row => row.entityRef)
        .sort();
      expect(computedAgain).toEqual([
        'component:default/payments-api',
        database,
      ]);
    });

    it('takes ingests that arrive during a pass into one next pass, not a pass each', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        debounceMs: 60_000,
      });
      await harness.refresher.refreshAll();
      const refresh = jest.spyOn(harness.refresher, 'refreshEntities');
      let release!: () => void;
      const held = new Promise<void>(resolve => {
        release = resolve;
      });
      const { overviewStore } = harness;
      const readSerialised = overviewStore.readSerialised.bind(overviewStore);
      jest
        .spyOn(overviewStore, 'readSerialised')
        .mockImplementationOnce(async refs => {
          await held;
          return readSerialised(refs);
        });
      harness.refresher.entitiesChanged(['component:default/reporting'], 'sli');
      const first = harness.refresher.flush();
      // three ingests while the first pass waits for the database, each asking for a flush
      harness.refresher.entitiesChanged(['component:default/ledger'], 'sli');
      const second = harness.refresher.flush();
      harness.refresher.entitiesChanged(
        ['resource:default/payments-db'],
        'incidents',
      );
      harness.refresher.entitiesChanged(['component:default/ledger'], 'costs');
      const third = harness.refresher.flush();
      release();
      await Promise.all([first, second, third]);
      // the ingests keep coming (within the debounce): the next pass waits for the timer or a flush
      expect(refresh).toHaveBeenCalledTimes(1);
      await harness.refresher.flush();
      expect(refresh.mock.calls.map(([refs]) => [...refs])).toEqual([
        ['component:default/reporting'],
        // touched again: after the entity touched in between
        ['resource:default/payments-db', 'component:default/ledger'],
      ]);
      expect([
        ...(refresh.mock.calls[1][1]!.dependants as Set<string>),
      ]).toEqual(['resource:default/payments-db']);
    });

    it('while ingests keep coming, refreshes the oldest touched one slice a pass, and their dependants once the slices reach the newest', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        // every ingest below counts as part of a stream that has not paused
        debounceMs: 3_600_000,
        streamingSlice: 1,
      });
      await harness.refresher.refreshAll();
      const refresh = jest.spyOn(harness.refresher, 'refreshEntities');
      harness.refresher.entitiesChanged(
        ['resource:default/payments-db'],
        'incidents',
      );
      harness.refresher.entitiesChanged(['component:default/ledger'], 'sli');
      harness.refresher.entitiesChanged(['component:default/reporting'], 'sli');
      // a pass while ingests keep coming takes one slice; the next waits for the refresher's rest
      await harness.refresher.flush();
      expect(refresh).toHaveBeenCalledTimes(1);
      await harness.refresher.flush();
      await harness.refresher.flush();
      expect(
        refresh.mock.calls.map(([refs, options]) => ({
          refs: [...refs],
          dependants: [...(options!.dependants as Set<string>)],
          missing: options!.missing,
        })),
      ).toEqual([
        {
          refs: ['resource:default/payments-db'],
          dependants: [],
          missing: false,
        },
        { refs: ['component:default/ledger'], dependants: [], missing: false },
        {
          refs: ['component:default/reporting'],
          dependants: ['resource:default/payments-db'],
          missing: false,
        },
      ]);
    });

    it('computes rows in the pauses between ingest requests', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        debounceMs: 3_600_000,
      });
      await harness.refresher.refreshAll();
      const begin = jest.spyOn(harness.ingestTraffic, 'begin');
      await request(harness.app)
        .post('/v1/ingest/incidents')
        .send([
          outage(
            'r1',
            'component:default/reporting',
            '2026-11-10T08:00:00.000Z',
            '2026-11-10T08:10:00.000Z',
          ),
        ])
        .expect(200);
      expect(begin).toHaveBeenCalledTimes(1);
      // the request ended: a refresh goes ahead
      await harness.refresher.refreshEntities(['component:default/reporting']);

      // while one is in flight, the refresh waits for it before its reads and each row
      const { ingestTraffic } = harness;
      const pauseFor = ingestTraffic.pause.bind(ingestTraffic);
      let paused!: () => void;
      const firstPause = new Promise<void>(resolve => {
        paused = resolve;
      });
      const pause = jest
        .spyOn(ingestTraffic, 'pause')
        .mockImplementation(async ms => {
          paused();
          return pauseFor(ms);
        });
      const ended = ingestTraffic.begin();
      let done = false;
      const refresh = harness.refresher
        .refreshEntities(['component:default/reporting'])
        .then(() => {
          done = true;
        });
      await firstPause;
      expect(pause).toHaveBeenCalledWith(50);
      expect(done).toBe(false);
      ended();
      await refresh;
      // one batch of one row
      expect(pause).toHaveBeenCalledTimes(2);
      expect(done).toBe(true);
    });

    it("brings the database's statistics up to date before a refresh reads the measured data, and refreshes anyway when it cannot", async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => NOW,
      });
      await loadMeasuredData(harness.measured);
      const reads = jest.spyOn(harness.measured, 'listIncidents');
      const refreshStatistics = jest.fn(async () => ['sd_incidents']);
      const logger = mockServices.logger.mock();
      const refresher = new OverviewRefresher({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        store: harness.measured,
        overviewStore: harness.overviewStore,
        settings,
        logger,
        now: () => NOW,
        refreshStatistics,
      });

      await refresher.refreshAll();
      expect(refreshStatistics).toHaveBeenCalledTimes(1);
      expect(reads).toHaveBeenCalled();
      expect(refreshStatistics.mock.invocationCallOrder[0]).toBeLessThan(
        reads.mock.invocationCallOrder[0],
      );

      await refresher.refreshEntities(['component:default/ledger']);
      expect(refreshStatistics).toHaveBeenCalledTimes(2);

      refreshStatistics.mockRejectedValueOnce(new Error('permission denied'));
      const { rows } = await refresher.refreshAll();
      expect(rows).toBeGreaterThan(0);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('permission denied'),
      );
    });

    it('refreshes after ingests with the catalog it read within the minute, unless an entity is not in it or a scheduled refresh read it with no ingest in the minute before', async () => {
      const now = NOW;
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
      });
      const catalog = catalogServiceMock({ entities });
      const reads = jest.spyOn(catalog, 'queryEntities');
      const refresher = new OverviewRefresher({
        catalog,
        auth: mockServices.auth(),
        store: harness.measured,
        overviewStore: harness.overviewStore,
        settings,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      const wall = jest.spyOn(Date, 'now');
      try {
        let wallNow = Date.UTC(2026, 11, 3, 9);
        wall.mockImplementation(() => wallNow);
        // ingests are coming: the scheduled refresh keeps its read for them
        refresher.entitiesChanged(['component:default/ledger'], 'sli');
        await refresher.flush();
        reads.mockClear();
        await refresher.refreshAll();
        const fullRead = reads.mock.calls.length;
        expect(fullRead).toBeGreaterThan(0);

        refresher.entitiesChanged(
          ['resource:default/payments-db'],
          'incidents',
        );
        await refresher.flush();
        wallNow += 59_000;
        refresher.entitiesChanged(['component:default/ledger'], 'sli');
        await refresher.flush();
        expect(reads.mock.calls.length).toBe(fullRead);

        // an entity the last read does not hold: read again
        refresher.entitiesChanged(['component:default/newcomer'], 'sli');
        await refresher.flush();
        expect(reads.mock.calls.length).toBe(2 * fullRead);

        // a minute after that read: read again
        wallNow += 60_000;
        refresher.entitiesChanged(['component:default/ledger'], 'sli');
        await refresher.flush();
        expect(reads.mock.calls.length).toBe(3 * fullRead);
        // and a direct refresh always reads
        await refresher.refreshEntities(['component:default/ledger']);
        expect(reads.mock.calls.length).toBe(4 * fullRead);

        // a scheduled refresh a minute after the last ingest lets go of its read: the next ingest
        // reads again
        wallNow += 60_000;
        await refresher.refreshAll();
        expect(reads.mock.calls.length).toBe(5 * fullRead);
        refresher.entitiesChanged(['component:default/ledger'], 'sli');
        await refresher.flush();
        expect(reads.mock.calls.length).toBe(6 * fullRead);
      } finally {
        wall.mockRestore();
        refresher.stop();
      }
    });

    it('lets the catalog read of a scheduled refresh with no ingest in the minute before be collected at once', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      // only a weak reference to each read, so that the test holds none
      const readsMade: Array<WeakRef<object>> = [];
      const read = CatalogSnapshot.read;
      const spy = jest
        .spyOn(CatalogSnapshot, 'read')
        .mockImplementation(async (...args) => {
          const snapshot = await read.apply(CatalogSnapshot, args);
          readsMade.push(new WeakRef(snapshot));
          return snapshot;
        });
      try {
        await harness.refresher.refreshAll();
      } finally {
        spy.mockRestore();
        harness.refresher.stop();
      }
      expect(readsMade).toHaveLength(1);
      await new Promise(resolve => setImmediate(resolve));
      collectGarbage();
      expect(readsMade[0].deref()).toBeUndefined();
    });

    it('refreshes dependants only for incidents, which is all they compose from', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        debounceMs: 60_000,
      });
      await harness.refresher.refreshAll();
      const refresh = jest.spyOn(harness.refresher, 'refreshEntities');
      await harness.store.ingest('capacity', [
        {
          entityRef: 'resource:default/payments-db',
          source: 'prometheus',
          resource: 'storage',
          at: '2026-11-15T12:00:00.000Z',
          used: 800,
        },
      ]);
      await harness.refresher.flush();
      // one pass over the touched entity, with no entity whose dependants to look at
      expect(refresh).toHaveBeenCalledTimes(1);
      expect(refresh.mock.calls[0][0]).toEqual([
        'resource:default/payments-db',
      ]);
      expect([
        ...(refresh.mock.calls[0][1]!.dependants as Set<string>),
      ]).toEqual([]);
    });

    it('refreshes by itself once ingests settle', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      await harness.refresher.refreshAll();
      const refreshed = new Promise<void>(resolve =>
        harness.refresher.onRefreshed(resolve),
      );
      await harness.store.ingest('incidents', [
        outage(
          'y1',
          'component:default/reporting',
          '2026-11-10T08:00:00.000Z',
          '2026-11-10T08:10:00.000Z',
        ),
      ]);
      await refreshed;
      const reporting = (await harness.overviewStore.readAll()).find(
        r => r.entityRef === 'component:default/reporting',
      )!;
      expect(reporting.row.availability!.downtime).toBe(600);
    });

    it('adds entities that appear in the catalog and removes those that stop declaring service delivery', async () => {
      let now = NOW;
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
      });
      await harness.refresher.refreshAll();
      const names = async () =>
        (
          (await request(harness.app).get('/v1/overview?sort=name'))
            .body as OverviewResponse
        ).rows.map(r => r.name);
      expect(await names()).toEqual([
        'fraud-scoring',
        'ledger',
        'payments-api',
        'payments-db',
        'reporting',
      ]);

      const newcomer: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'newcomer', namespace: 'default' },
        spec: {
          type: 'service',
          lifecycle: 'experimental',
          owner: 'group:data',
          serviceDelivery: { tier: 'tier-2' },
        },
      };
      // another backend instance on the same database, reading a later catalog
      const other = new OverviewRefresher({
        catalog: catalogServiceMock({
          entities: [
            ...entities.filter(e => e.metadata.name !== 'ledger'),
            newcomer,
          ],
        }),
        auth: mockServices.auth(),
        store: harness.measured,
        overviewStore: harness.overviewStore,
        settings,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      now += 60_000;
      // an ingest for any entity also picks up the newcomer, which has no row yet
      await other.refreshEntities(['component:default/nobody']);
      let refs = (await harness.overviewStore.readAll()).map(r => r.entityRef);
      expect(refs).toContain('component:default/newcomer');
      expect(refs).toContain('component:default/ledger');

      now += 60_000;
      await other.refreshAll();
      refs = (await harness.overviewStore.readAll()).map(r => r.entityRef);
      expect(refs).not.toContain('component:default/ledger');
      expect(refs).toHaveLength(5);

      // the first instance's copy notices what the other one wrote
      expect(await names()).toEqual([
        'fraud-scoring',
        'newcomer',
        'payments-api',
        'payments-db',
        'reporting',
      ]);
    });

    it('keeps, at a scheduled refresh, the rows an ingest computed moments before, as they would be computed', async () => {
      let now = NOW;
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
        reuseRowsForMs: 5 * 60_000,
        debounceMs: 3_600_000,
      });
      await loadMeasuredData(harness.measured);
      expect(await harness.refresher.refreshAll()).toMatchObject({
        rows: 5,
        services: 5,
      });

      // 6 minutes later an outage of the database: its row and its dependant's are computed
      now += 6 * 60_000;
      await harness.store.ingest('incidents', [
        outage(
          'D',
          'resource:default/payments-db',
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      await harness.refresher.flush();
      // a minute later the scheduled refresh computes the rows older than 5 minutes: the three
      // untouched ones, and the dependant, of which only the ceiling was computed with the ingest
      now += 60_000;
      expect(await harness.refresher.refreshAll()).toMatchObject({
        rows: 4,
        services: 5,
      });
      const kept = await harness.overviewStore.readAll();
      expect(
        kept
          .filter(r => r.computedAt === NOW + 6 * 60_000)
          .map(r => r.entityRef),
      ).toEqual(['resource:default/payments-db']);

      // what a refresh computing every row gives at that moment, on another instance
      const everything = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
      });
      await loadMeasuredData(everything.measured);
      await everything.store.ingest('incidents', [
        outage(
          'D',
          'resource:default/payments-db',
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      await everything.refresher.refreshAll();
      const computed = await everything.overviewStore.readAll();
      const figures = (rows: typeof kept) =>
        Object.fromEntries(
          rows.map(r => [
            r.entityRef,
            {
              status: r.row.status,
              hasCeiling: typeof r.row.availability?.achievable === 'number',
              findings: r.findings.length,
            },
          ]),
        );
      expect(figures(kept)).toEqual(figures(computed));
      // a minute apart the ceilings differ in the fifth decimal at most
      const ceiling = (rows: typeof kept, ref: string) =>
        rows.find(r => r.entityRef === ref)?.row.availability?.achievable ?? 0;
      const differences = computed.map(r =>
        Math.abs(ceiling(kept, r.entityRef) - ceiling(computed, r.entityRef)),
      );
      expect(Math.max(...differences)).toBeLessThan(1e-4);
    });

    it('rewrites only the rows whose figures changed', async () => {
      let now = NOW;
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        now: () => now,
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      now += 1000;
      await harness.refresher.refreshAll();
      const rows = await harness.overviewStore.readAll();
      // a second later burn rates and budgets moved; the ledger (no figures) did not
      expect(
        rows.find(r => r.entityRef === 'component:default/ledger')!.computedAt,
      ).toBe(NOW);
      expect(
        rows.find(r => r.entityRef === 'component:default/payments-api')!
          .computedAt,
      ).toBe(NOW + 1000);
    });

    it('writes a pass two rows at a time when told to, reading only the stored rows of each chunk', async () => {
      const chunked = await createOverviewHarness({
        knex: await databases.init(databaseId),
        writeChunk: 2,
      });
      const whole = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      const database = 'resource:default/payments-db';
      const ingestOutage = async (harness: typeof whole) => {
        await loadMeasuredData(harness.measured);
        await harness.refresher.refreshAll();
        await harness.store.ingest('incidents', [
          outage(
            'D',
            database,
            '2026-11-12T08:00:00.000Z',
            '2026-11-12T10:00:00.000Z',
          ),
        ]);
        await harness.refresher.flush();
      };
      const write = jest.spyOn(chunked.overviewStore, 'write');
      const read = jest.spyOn(chunked.overviewStore, 'readSerialised');
      await ingestOutage(chunked);
      await ingestOutage(whole);

      const rows = await chunked.overviewStore.readAll();
      expect(rows.length).toBeGreaterThan(4);
      expect(write.mock.calls.length).toBeGreaterThanOrEqual(rows.length / 2);
      for (const [options] of write.mock.calls) {
        expect(options.rows.length).toBeLessThanOrEqual(2);
      }
      // the full refresh and the dependants of the database: never more than a chunk's stored rows
      expect(read).toHaveBeenCalled();
      for (const [refs] of read.mock.calls) {
        expect(refs?.length).toBeLessThanOrEqual(2);
      }
      // the same rows as a refresher that writes a thousand at a time
      const figures = (stored: typeof rows) =>
        stored
          .map(({ entityRef, row, findings }) => ({ entityRef, row, findings }))
          .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      expect(figures(rows)).toEqual(
        figures(await whole.overviewStore.readAll()),
      );
      expect(rows.find(r => r.entityRef === database)!.row.status).toBe(
        'at-risk',
      );
    });

    it('notifies the owning group once per change of state', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      await loadMeasuredData(harness.measured);
      const { notifications } = harness;

      await harness.refresher.refreshAll();
      expect(notifications.send).toHaveBeenCalledTimes(4);
      const sent = notifications.send.mock.calls.map(([options]) => options);
      expect(sent.map(s => s.payload.title).sort()).toEqual([
        'fraud-scoring: fraud-sla/availability at risk',
        'payments-api: DR test overdue',
        'payments-api: retail-sla/availability breached',
        'payments-db: storage reaches its critical level soon',
      ]);
      expect(sent.find(s => s.payload.title.includes('breached'))).toEqual({
        recipients: { type: 'entity', entityRef: 'group:default/payments' },
        payload: {
          title: 'payments-api: retail-sla/availability breached',
          description:
            'payments-api has breached the availability objective of its SLA retail-sla with retail-banking in 2026-11: 99.722% against a target of 99.9%, the error budget is spent.',
          link: '/catalog/default/component/payments-api/sla',
          severity: 'critical',
          topic: 'service-delivery',
          scope:
            'service-level:component:default/payments-api:objective:retail-sla/availability',
        },
      });

      // refreshing again without new data sends nothing new
      await harness.refresher.refreshAll();
      await harness.refresher.refreshEntities([
        'component:default/payments-api',
      ]);
      expect(notifications.send).toHaveBeenCalledTimes(4);

      // the database turns at risk: one message, about it
      await harness.store.ingest('incidents', [
        outage(
          'D',
          'resource:default/payments-db',
          '2026-11-12T08:00:00.000Z',
          '2026-11-12T10:00:00.000Z',
        ),
      ]);
      await harness.refresher.flush();
      expect(notifications.send).toHaveBeenCalledTimes(5);
      expect(notifications.send.mock.calls[4][0].payload.title).toBe(
        'payments-db: db-ola/availability at risk',
      );
      await harness.refresher.refreshAll();
      expect(notifications.send).toHaveBeenCalledTimes(5);
    });

    it('sends a message once even when two instances refresh at the same time', async () => {
      const knex = await databases.init(databaseId);
      const one = await createOverviewHarness({ knex });
      const two = await createOverviewHarness({ knex });
      await loadMeasuredData(one.measured);
      await Promise.all([
        one.refresher.refreshAll(),
        two.refresher.refreshAll(),
      ]);
      expect(
        one.notifications.send.mock.calls.length +
          two.notifications.send.mock.calls.length,
      ).toBe(4);
    });

    it('tries a message again when it could not be sent', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      await loadMeasuredData(harness.measured);
      harness.notifications.send.mockRejectedValueOnce(
        new Error('notifications backend down'),
      );
      await harness.refresher.refreshAll();
      expect(harness.notifications.send).toHaveBeenCalledTimes(4);
      expect(harness.logger.warn).toHaveBeenCalledWith(
        expect.stringContaining('notifications backend down'),
      );
      await harness.refresher.refreshAll();
      expect(harness.notifications.send).toHaveBeenCalledTimes(5);
      await harness.refresher.refreshAll();
      expect(harness.notifications.send).toHaveBeenCalledTimes(5);
    });
  },
);

// the timers of PostgreSQL's connection pool would be counted with the refresher's: SQLite's has none
describe('the refresh while ingests stream in', () => {
  it('takes on a backlog left by a slice once it has rested as long as the slice worked, not counting the time it let ingests go first', async () => {
    const harness = await createOverviewHarness({
      knex: await databases.init('SQLITE_3'),
      // every ingest below counts as part of a stream that has not paused
      debounceMs: 3_600_000,
      streamingSlice: 1,
    });
    await harness.refresher.refreshAll();
    // the wall clock, by hand: each pause for ingests in flight takes 10 s of it
    let wall = Date.now();
    jest.spyOn(Date, 'now').mockImplementation(() => wall);
    jest.spyOn(harness.ingestTraffic, 'pause').mockImplementation(async () => {
      wall += 10_000;
    });
    const delays: number[] = [];
    const setTimer = global.setTimeout;
    jest.spyOn(global, 'setTimeout').mockImplementation(((
      _callback: () => void,
      ms?: number,
    ) => {
      delays.push(ms ?? 0);
      return setTimer(() => {}, 0);
    }) as typeof setTimeout);
    try {
      harness.refresher.entitiesChanged(['component:default/ledger'], 'sli');
      harness.refresher.entitiesChanged(
        ['component:default/reporting'],
        'sli',
      );
      wall += 40_000;
      delays.length = 0;
      // one slice: its row waited for ingests (10 s for the batch's reads, 10 s after its row),
      // and computed in no time on this clock
      await harness.refresher.flush();
      // the one left was touched 40 s before the slice (past the 30-s maximum wait), and the
      // refresher worked no time at all: at once — not 30 s after the slice, nor after a rest of
      // twice the 20 s it waited for ingests
      expect(delays).toContain(0);
      expect(delays.filter(ms => ms > 0 && ms !== 60_000)).toEqual([]);
    } finally {
      jest.restoreAllMocks();
    }
  });
});

describe('the scheduled refresh', () => {
  it('is one global task, every ten minutes and soon after start', async () => {
    const scheduler = mockServices.scheduler.mock();
    const refresher = new OverviewRefresher({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      store: {} as any,
      overviewStore: {} as any,
      settings,
      logger: mockServices.logger.mock(),
    });
    await refresher.schedule(scheduler);
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: REFRESH_TASK_ID,
        frequency: { minutes: 10 },
        initialDelay: { seconds: 10 },
        timeout: { minutes: 30 },
      }),
    );
    expect(
      (scheduler.scheduleTask.mock.calls[0][0] as { scope?: string }).scope,
    ).toBeUndefined();
  });

  it('reads the other period through the same computation', async () => {
    const harness = await createOverviewHarness({
      knex: await databases.init('SQLITE_3'),
    });
    await loadMeasuredData(harness.measured);
    const compute = jest.spyOn(harness.refresher, 'computePeriod');
    const cache = new OverviewCache({
      overviewStore: harness.overviewStore,
      computePeriod: period => harness.refresher.computePeriod(period),
      now: () => NOW,
    });
    const first = await cache.forPeriod('2026-10');
    const second = await cache.forPeriod('2026-10');
    expect(second).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(first.rows).toHaveLength(5);
  });
});

describe('refreshDelay', () => {
  const base = {
    debounceMs: 3_000,
    maxWaitMs: 30_000,
    restFactor: 2,
  };

  it('waits the debounce after the latest ingest', () => {
    expect(refreshDelay({ ...base, now: 10_000, firstPendingAt: 10_000 })).toBe(
      3_000,
    );
  });

  it('waits no longer than the maximum after the first pending ingest', () => {
    // 28.5 s after the first: 1.5 s left of the 30 s
    expect(refreshDelay({ ...base, now: 38_500, firstPendingAt: 10_000 })).toBe(
      1_500,
    );
    // past the maximum: at once
    expect(refreshDelay({ ...base, now: 45_000, firstPendingAt: 10_000 })).toBe(
      0,
    );
  });

  it('rests twice as long as the last refresh took while ingests keep coming, not after they pause', () => {
    // the last refresh took 40 s and ended at 100 s: while ingests stream in, not before 180 s
    const lastRefresh = { endedAt: 100_000, durationMs: 40_000 };
    // an ingest at 145 s: if none follows within the debounce, refresh then
    expect(
      refreshDelay({
        ...base,
        now: 145_000,
        firstPendingAt: 105_000,
        lastRefresh,
      }),
    ).toBe(3_000);
    // one at 178.5 s, ingests still coming (the timer was pushed on at each): the rest ends at 180 s
    expect(
      refreshDelay({
        ...base,
        now: 178_500,
        firstPendingAt: 105_000,
        lastRefresh,
      }),
    ).toBe(1_500);
    // rested enough: the debounce and maximum wait decide again
    expect(
      refreshDelay({
        ...base,
        now: 181_000,
        firstPendingAt: 181_000,
        lastRefresh,
      }),
    ).toBe(3_000);
    expect(
      refreshDelay({
        ...base,
        now: 181_000,
        firstPendingAt: 140_000,
        lastRefresh,
      }),
    ).toBe(0);
  });

  it('a quick refresh does not delay the next beyond the debounce', () => {
    const lastRefresh = { endedAt: 10_000, durationMs: 200 };
    expect(
      refreshDelay({
        ...base,
        now: 10_100,
        firstPendingAt: 10_100,
        lastRefresh,
      }),
    ).toBe(3_000);
  });
});
