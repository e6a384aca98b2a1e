import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  CostCoverageResponse,
  UnattributedCostsResponse,
} from '@service-delivery/plugin-service-delivery-common';
import request from 'supertest';
import {
  EntityRule,
  TestPolicy,
  appSeenThrough,
  ownerInFixtures,
  testPermissions,
} from '../__testUtils__/entityPolicy';
import {
  createOverviewHarness,
  entities,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/*
 * Cost lines for entities the catalog does not know, through the real router and store, on the
 * fixtures' organisation read on 16 November 2026. payments-db (which payments-api depends on) is
 * given a cost block here, so that its spend is shared.
 */

const databases = createTestDatabases();

const ALICE = 'user:default/alice';
const as = (user: string) => mockCredentials.user.header(user);
const INGEST_TOKEN = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:finance-import'),
  targetPluginId: 'test',
});

const API = 'component:default/payments-api';
const DB = 'resource:default/payments-db';
const TYPO = 'component:default/paymnts-api';

const withSharedDb: Entity[] = entities.map(entity =>
  entity.metadata.name === 'payments-db'
    ? {
        ...entity,
        spec: {
          ...entity.spec,
          serviceDelivery: {
            ...(entity.spec!.serviceDelivery as object),
            cost: { currency: 'EUR' },
          },
        },
      }
    : entity,
);

const cost = (id: string, entityRef: string, amount: number) => ({
  id,
  source: 'finance-export',
  entityRef,
  periodStart: '2026-11',
  category: 'compute',
  amount,
  currency: 'EUR',
});

describe.each(databases.eachSupportedId())(
  'unattributed costs on %p',
  databaseId => {
    async function harness(policy: TestPolicy = {}) {
      const h = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities: withSharedDb,
      });
      await loadMeasuredData(h.measured);
      const app = await appSeenThrough(h, {
        permissions: testPermissions(policy).permissions,
        catalogEntities: withSharedDb,
      });
      return { ...h, app };
    }

    it('holds a line for an unknown entity, with its origin, and lists it to who may read unattributed costs', async () => {
      const { app, measured } = await harness();
      const res = await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([
          cost('db/2026-11', DB, 250),
          {
            ...cost('paymnts-api/2026-11/compute', TYPO, 100),
            origin: { file: 'finance-2026-11.csv', lines: [7, 9] },
          },
        ]);
      expect(res.body).toEqual({
        accepted: 1,
        updated: 0,
        unchanged: 0,
        unattributed: {
          accepted: 1,
          updated: 0,
          unchanged: 0,
          entityRefs: [TYPO],
        },
      });
      // counted for no entity
      expect(
        await measured.listCosts({
          entityRefs: [TYPO],
          fromMonth: '2026-11',
          toMonth: '2026-11',
        }),
      ).toEqual([]);

      const listed = await request(app)
        .get('/v1/cost/unattributed?month=2026-11')
        .set('authorization', as(ALICE));
      expect(listed.status).toBe(200);
      const body = listed.body as UnattributedCostsResponse;
      expect(body.month).toBe('2026-11');
      expect(body.totals).toEqual([{ currency: 'EUR', amount: 100, lines: 1 }]);
      expect(body.lines).toEqual([
        expect.objectContaining({
          source: 'finance-export',
          id: 'paymnts-api/2026-11/compute',
          entityRef: TYPO,
          amount: 100,
          origin: { file: 'finance-2026-11.csv', lines: [7, 9] },
          writtenBy: 'service:external:finance-import',
        }),
      ]);
      expect(
        (
          await request(app)
            .get('/v1/cost/unattributed?month=2026-13')
            .set('authorization', as(ALICE))
        ).status,
      ).toBe(400);
    });

    it('retracts a held line for a caller who may write for every entity, and audits its writes', async () => {
      const { app, measured } = await harness();
      const line = cost('paymnts-api/2026-11/compute', TYPO, 100);
      await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([line]);
      await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', as(ALICE))
        .send([{ ...line, amount: 120 }]);
      const path = `/v1/cost/unattributed/finance-export/${encodeURIComponent(
        line.id,
      )}`;
      const retracted = await request(app)
        .delete(path)
        .set('authorization', as(ALICE));
      expect(retracted.status).toBe(200);
      expect(retracted.body).toEqual({
        retracted: { source: 'finance-export', id: line.id, entityRef: TYPO },
      });
      expect(
        (
          await request(app)
            .get('/v1/cost/unattributed?month=2026-11')
            .set('authorization', as(ALICE))
        ).body.lines,
      ).toEqual([]);
      // held, changed and retracted: each write kept under the reference the line named
      expect(
        (await measured.listAudit({ entityRef: TYPO, limit: 10 })).map(e => [
          e.action,
          e.by,
          e.ids,
        ]),
      ).toEqual([
        ['retracted', ALICE, [line.id]],
        ['updated', ALICE, [line.id]],
        ['created', 'service:external:finance-import', [line.id]],
      ]);
      const again = await request(app)
        .delete(path)
        .set('authorization', as(ALICE));
      expect(again.status).toBe(404);
      expect(again.body.error.message).toContain(
        `No cost line held unattributed with source 'finance-export' and id '${line.id}'`,
      );
    });

    it('refuses to retract a held line for a caller who may write only for some entities', async () => {
      const ownOnly: EntityRule = (_user, ref) =>
        ownerInFixtures(ref) === 'payments';
      const { app } = await harness({ 'service-delivery.data.write': ownOnly });
      await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([cost('typo', TYPO, 100)]);
      const res = await request(app)
        .delete('/v1/cost/unattributed/finance-export/typo')
        .set('authorization', as(ALICE));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain('for every entity');
      expect(
        (
          await request(app)
            .get('/v1/cost/unattributed?month=2026-11')
            .set('authorization', as(ALICE))
        ).body.lines,
      ).toHaveLength(1);
    });

    it('refuses the list without service-delivery.cost.unattributed.read', async () => {
      const { app } = await harness({
        'service-delivery.cost.unattributed.read': 'deny',
      });
      const res = await request(app)
        .get('/v1/cost/unattributed')
        .set('authorization', as(ALICE));
      expect(res.status).toBe(403);
      expect(res.body.error.message).toContain(
        'service-delivery.cost.unattributed.read',
      );
    });

    it('refuses, as before, an unknown entity from a caller who may write only for some entities', async () => {
      const ownOnly: EntityRule = (_user, ref) =>
        ownerInFixtures(ref) === 'payments';
      const { app } = await harness({ 'service-delivery.data.write': ownOnly });
      const res = await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', as(ALICE))
        .send([cost('typo', TYPO, 100)]);
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        expect.objectContaining({
          index: 0,
          path: 'entityRef',
          message: expect.stringContaining('which the catalog does not know'),
        }),
      ]);
    });

    it('moves a line to its entity when finance sends it again for a known one', async () => {
      const { app, measured } = await harness();
      const line = cost('paymnts-api/2026-11/compute', TYPO, 100);
      await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([line]);
      const mapped = await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([{ ...line, entityRef: API }]);
      expect(mapped.status).toBe(200);
      expect(mapped.body.accepted).toBe(1);
      expect(mapped.body.unattributed.entityRefs).toEqual([]);
      expect(
        (
          await request(app)
            .get('/v1/cost/unattributed?month=2026-11')
            .set('authorization', as(ALICE))
        ).body.lines,
      ).toEqual([]);
      const own = await measured.listCosts({
        entityRefs: [API],
        fromMonth: '2026-11',
        toMonth: '2026-11',
      });
      // the fixtures' 800 + 350 and the mapped 100
      expect(own.reduce((sum, c) => sum + c.amount, 0)).toBe(1250);
    });

    it('shows allocated, shared and unattributed spend as shares: the organisation counts unattributed, a group only its own', async () => {
      const h = await harness();
      await request(h.app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([
          cost('db/2026-11', DB, 250),
          cost('paymnts-api/2026-11/compute', TYPO, 100),
        ]);
      await h.refresher.refreshAll();

      const res = await request(h.app)
        .get('/v1/cost/coverage?month=2026-11')
        .set('authorization', as(ALICE));
      expect(res.status).toBe(200);
      const organisation = res.body as CostCoverageResponse;
      // payments-api 800 + 350 allocated, payments-db 250 shared, 100 unattributed: of 1,500,
      // 76.67 + 16.67 + 6.66 (each 2/3 of a hundredth left over: the first two take one)
      expect(organisation).toEqual({
        month: '2026-11',
        scope: 'organisation',
        coverage: [
          {
            currency: 'EUR',
            allocated: 1150,
            shared: 250,
            unattributed: 100,
            total: 1500,
            shares: { allocated: 76.67, shared: 16.67, unattributed: 6.66 },
            counts: { allocated: 1, shared: 1, unattributedLines: 1 },
          },
        ],
        unattributed: [{ currency: 'EUR', amount: 100, lines: 1 }],
        // the lines themselves, as GET /cost/unattributed lists them
        unattributedLines: (
          await request(h.app)
            .get('/v1/cost/unattributed?month=2026-11')
            .set('authorization', as(ALICE))
        ).body.lines,
      });
      expect(organisation.unattributedLines).toEqual([
        expect.objectContaining({
          entityRef: TYPO,
          periodStart: '2026-11',
          amount: 100,
        }),
      ]);

      const group = (
        await request(h.app)
          .get('/v1/cost/coverage?month=2026-11&owner=group:default/payments')
          .set('authorization', as(ALICE))
      ).body as CostCoverageResponse;
      expect(group.scope).toBe('filtered');
      expect(group.coverage[0]).toMatchObject({
        allocated: 1150,
        shared: 250,
        unattributed: 0,
        total: 1400,
      });
      expect(group.unattributed).toEqual([
        { currency: 'EUR', amount: 100, lines: 1 },
      ]);

      const unknownParameter = await request(h.app)
        .get('/v1/cost/coverage?period=2026-11')
        .set('authorization', as(ALICE));
      expect(unknownParameter.status).toBe(400);
    });

    it('leaves unattributed spend out of the shares for a caller who may not read it', async () => {
      const h = await harness({
        'service-delivery.cost.unattributed.read': 'deny',
      });
      await request(h.app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([cost('paymnts-api/2026-11/compute', TYPO, 100)]);
      await h.refresher.refreshAll();
      const body = (
        await request(h.app)
          .get('/v1/cost/coverage?month=2026-11')
          .set('authorization', as(ALICE))
      ).body as CostCoverageResponse;
      expect(body.unattributed).toBeNull();
      expect(body.unattributedLines).toBeNull();
      expect(body.coverage[0]).toMatchObject({
        allocated: 1150,
        unattributed: 0,
        shares: { allocated: 100, shared: 0, unattributed: 0 },
      });
    });
  },
);
