import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { IncidentRecord } from '@service-delivery/plugin-service-delivery-common';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { withWriteListener } from '../database/decorateStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  RETENTION_TASK_ID,
  pruneMeasuredData,
  scheduleRetention,
} from './pruneMeasuredData';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-16T00:00:00Z');
const keepMs = 750 * DAY;
const afterEntityGoneMs = 30 * DAY;

const component = (name: string, uid: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', uid },
  spec: { type: 'service', owner: 'group:payments' },
});

const incident = (
  id: string,
  entityRef: string,
  startedAt: string,
): IncidentRecord => ({
  id,
  source: 'pager',
  entityRef,
  title: id,
  impact: 'full',
  startedAt,
  acknowledgedAt: null,
  resolvedAt: new Date(Date.parse(startedAt) + 3_600_000).toISOString(),
  planned: false,
});

const KEPT = 'component:default/kept';
const LEFT = 'component:default/left';
const REUSED = 'component:default/reused';

describe.each(databases.eachSupportedId())(
  'the retention on %p',
  databaseId => {
    async function setUp(catalogEntities: Entity[]) {
      const knex = await databases.init(databaseId);
      const measured = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const changed: string[][] = [];
      const store = withWriteListener(measured, refs => changed.push(refs));
      const run = (now: number, entities = catalogEntities) =>
        pruneMeasuredData({
          store,
          catalog: catalogServiceMock({ entities }),
          auth: mockServices.auth(),
          keepMs,
          afterEntityGoneMs,
          now,
        });
      return { knex, store, run, changed };
    }

    const ids = async (knex: any) =>
      (await knex('sd_incidents').select('id')).map((r: any) => r.id).sort();

    it('deletes records older than the retention, and their audit entries', async () => {
      const { knex, store, run, changed } = await setUp([
        component('kept', 'u-kept'),
      ]);
      await store.ingest(
        'incidents',
        [
          incident('old', KEPT, '2024-10-01T00:00:00.000Z'),
          incident('new', KEPT, '2026-11-01T00:00:00.000Z'),
        ],
        { writtenBy: 'service:a', at: Date.parse('2024-10-01T02:00:00Z') },
      );
      changed.length = 0;
      const outcome = await run(NOW);
      expect(outcome).toEqual({ expired: 1, pruned: [], reset: [], gone: [] });
      expect(await ids(knex)).toEqual(['new']);
      expect(await store.listAudit({ entityRef: KEPT, limit: 10 })).toEqual([]);
      expect(changed).toEqual([[KEPT]]);
      // the uid of the entity is recorded once it is seen
      expect(await store.listRecordedEntities()).toEqual([
        { entityRef: KEPT, uid: 'u-kept', goneSince: null },
      ]);
    });

    it('keeps the records of an entity gone from the catalog for the grace period, then prunes them', async () => {
      const { knex, store, run } = await setUp([component('kept', 'u-kept')]);
      await store.ingest('incidents', [
        incident('a', KEPT, '2026-11-01T00:00:00.000Z'),
        incident('b', LEFT, '2026-11-01T00:00:00.000Z'),
      ]);
      expect(await run(NOW)).toMatchObject({ gone: [LEFT], pruned: [] });
      expect(await run(NOW + afterEntityGoneMs)).toMatchObject({
        gone: [LEFT],
        pruned: [],
      });
      expect(await ids(knex)).toEqual(['a', 'b']);
      expect(await run(NOW + afterEntityGoneMs + 1)).toMatchObject({
        gone: [],
        pruned: [LEFT],
      });
      expect(await ids(knex)).toEqual(['a']);
      expect(
        (await store.listRecordedEntities()).map(e => e.entityRef),
      ).toEqual([KEPT]);
    });

    it('forgets that an entity was gone when it comes back within the grace period', async () => {
      const { knex, store, run } = await setUp([]);
      await store.ingest('incidents', [
        incident('b', LEFT, '2026-11-01T00:00:00.000Z'),
      ]);
      await run(NOW);
      await run(NOW + DAY, [component('left', 'u-left')]);
      expect(await run(NOW + afterEntityGoneMs + 2 * DAY, [])).toMatchObject({
        gone: [LEFT],
        pruned: [],
      });
      expect(await ids(knex)).toEqual(['b']);
    });

    it('starts a new entity reusing a name clean', async () => {
      const { knex, store, run, changed } = await setUp([
        component('reused', 'u-first'),
      ]);
      await store.ingest(
        'incidents',
        [incident('first', REUSED, '2026-11-01T00:00:00.000Z')],
        {
          writtenBy: 'service:a',
          entityUids: new Map([[REUSED, 'u-first']]),
        },
      );
      expect(await run(NOW)).toMatchObject({ reset: [] });
      changed.length = 0;
      // deleted and created again under the same name: another uid
      expect(
        await run(NOW + DAY, [component('reused', 'u-second')]),
      ).toMatchObject({ reset: [REUSED] });
      expect(await ids(knex)).toEqual([]);
      expect(changed).toEqual([[REUSED]]);
      expect(await store.listRecordedEntities()).toEqual([
        { entityRef: REUSED, uid: 'u-second', goneSince: null },
      ]);
    });

    it('is scheduled once per cluster under a stable id', async () => {
      const { store } = await setUp([]);
      const scheduler = mockServices.scheduler.mock();
      await scheduleRetention({
        scheduler,
        store,
        catalog: catalogServiceMock({ entities: [] }),
        auth: mockServices.auth(),
        logger: mockServices.logger.mock(),
        keepMs,
        afterEntityGoneMs,
        now: () => NOW,
      });
      const [[task]] = scheduler.scheduleTask.mock.calls;
      expect(task).toMatchObject({
        id: RETENTION_TASK_ID,
        scope: 'global',
        frequency: { hours: 1 },
      });
      await store.ingest('incidents', [
        incident('old', KEPT, '2020-01-01T00:00:00.000Z'),
      ]);
      await task.fn(new AbortController().signal);
      expect(
        await store.listIncidents({
          entityRefs: [KEPT],
          range: { from: 0, to: NOW },
        }),
      ).toEqual([]);
    });
  },
);
