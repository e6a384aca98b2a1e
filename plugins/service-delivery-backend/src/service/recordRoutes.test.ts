import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  EntityRule,
  TestPolicy,
  appSeenThrough,
  ownerInFixtures,
  testPermissions,
} from '../__testUtils__/entityPolicy';
import { createOverviewHarness } from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/*
 * Record integrity, the audit trail and retraction through the real router and store (the
 * permission policy is a stand-in: alice is in payments, dave in data).
 */

const databases = createTestDatabases();

const ALICE = 'user:default/alice';
const DAVE = 'user:default/dave';
const TEAM: Record<string, string> = { [ALICE]: 'payments', [DAVE]: 'data' };
const ownOnly: EntityRule = (user, ref) => TEAM[user] === ownerInFixtures(ref);
const as = (user: string) => mockCredentials.user.header(user);
/** an outside tool's token, as the static external-access tokens are */
const INGEST_TOKEN = mockCredentials.service.header({
  onBehalfOf: mockCredentials.service('external:ingest'),
  targetPluginId: 'test',
});

const API = 'component:default/payments-api';
const REPORTING = 'component:default/reporting';

const incident = (id: string, entityRef: string, title = `Incident ${id}`) => ({
  id,
  source: 'pager',
  entityRef,
  title,
  priority: 'P2',
  impact: 'partial',
  startedAt: '2026-11-10T10:00:00Z',
  acknowledgedAt: '2026-11-10T10:05:00Z',
  resolvedAt: '2026-11-10T10:30:00Z',
});

const cost = (id: string, entityRef: string) => ({
  id,
  source: 'billing',
  entityRef,
  periodStart: '2026-11',
  category: 'compute',
  amount: 10,
  currency: 'EUR',
});

describe.each(databases.eachSupportedId())('records on %p', databaseId => {
  async function harness(policy: TestPolicy = {}) {
    const { permissions } = testPermissions(policy);
    const read = policy['catalog.entity.read'];
    const knex = await databases.init(databaseId);
    const h = await createOverviewHarness({ knex });
    const app = await appSeenThrough(h, {
      permissions,
      read: typeof read === 'function' ? read : undefined,
    });
    return { ...h, app, knex };
  }

  describe('ingest', () => {
    it('refuses records for entities the catalog does not know, naming index and reference', async () => {
      const { app, measured } = await harness();
      const res = await request(app)
        .post('/v1/ingest/incidents')
        .set('authorization', as(ALICE))
        .send([incident('1', API), incident('2', 'component:default/ghost')]);
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        {
          index: 1,
          path: 'entityRef',
          message:
            'names component:default/ghost, which the catalog does not know; records are accepted only for entities in the catalog',
        },
      ]);
      expect(
        await measured.listIncidents({
          entityRefs: [API],
          range: { from: 0, to: Date.parse('2027-01-01T00:00:00Z') },
        }),
      ).toEqual([]);
    });

    it("refuses a record that would move another entity's (source, id), storing nothing", async () => {
      const { app, knex } = await harness();
      expect(
        (
          await request(app)
            .post('/v1/ingest/incidents')
            .set('authorization', as(ALICE))
            .send([incident('1', API)])
        ).status,
      ).toBe(200);
      const res = await request(app)
        .post('/v1/ingest/incidents')
        .set('authorization', as(DAVE))
        .send([incident('2', REPORTING), incident('1', REPORTING, 'taken')]);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatch(/nothing was stored/);
      expect(res.body.problems).toEqual([
        {
          index: 1,
          path: 'id',
          message: expect.stringContaining(
            `record (source "pager", id "1") belongs to ${API}, not ${REPORTING}`,
          ),
        },
      ]);
      const rows = await knex('sd_incidents').select('id', 'entity_ref');
      expect(rows).toEqual([{ id: '1', entity_ref: API }]);
    });

    it('refuses instants outside the retention window, whatever the source', async () => {
      const { app } = await harness();
      const res = await request(app)
        .post('/v1/ingest/sli')
        .set('authorization', as(ALICE))
        .send([
          {
            entityRef: API,
            source: 'prometheus',
            objective: 'availability',
            bucketStart: '9999-12-31T00:00:00Z',
            bucketSeconds: 300,
            good: 1,
            total: 1,
          },
        ]);
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        {
          index: 0,
          path: 'bucketStart',
          message: expect.stringContaining('lies in the future'),
        },
      ]);
    });
  });

  describe('GET /v1/audit', () => {
    it('lists who wrote what and when, newest first, page by page', async () => {
      const { app } = await harness();
      const sent = await request(app)
        .post('/v1/ingest/incidents')
        .set('authorization', INGEST_TOKEN)
        .send([incident('1', API), incident('2', API)]);
      expect(sent.body).toEqual({ accepted: 2, updated: 0, unchanged: 0 });
      await request(app)
        .post('/v1/ingest/incidents')
        .set('authorization', as(ALICE))
        .send([incident('1', API, 'renamed')]);

      const first = await request(app)
        .get(`/v1/audit?entityRef=${API}&limit=1`)
        .set('authorization', as(ALICE));
      expect(first.status).toBe(200);
      expect(first.body.entityRef).toBe(API);
      expect(first.body.entries).toEqual([
        {
          kind: 'incidents',
          source: 'pager',
          ids: ['1'],
          action: 'updated',
          by: ALICE,
          at: '2026-11-16T00:00:00.000Z',
        },
      ]);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await request(app)
        .get(
          `/v1/audit?entityRef=${API}&limit=1&cursor=${first.body.nextCursor}`,
        )
        .set('authorization', as(ALICE));
      expect(second.body.nextCursor).toBeNull();
      // the first batch's two records: one write
      expect(
        second.body.entries.map(
          (e: { ids: string[]; by: string; action: string }) => [
            [...e.ids].sort(),
            e.action,
            e.by,
          ],
        ),
      ).toEqual([[['1', '2'], 'created', 'service:external:ingest']]);
    });

    it('answers 400 naming the parameter that is wrong', async () => {
      const { app } = await harness();
      const missing = await request(app)
        .get('/v1/audit')
        .set('authorization', as(ALICE));
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/'entityRef'/);
      for (const [query, name] of [
        [`entityRef=${API}&limit=501`, 'limit'],
        [`entityRef=${API}&limit=0`, 'limit'],
        [`entityRef=${API}&cursor=abc`, 'cursor'],
        ['entityRef=component:', 'entityRef'],
      ]) {
        const res = await request(app)
          .get(`/v1/audit?${query}`)
          .set('authorization', as(ALICE));
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(`'${name}'`);
      }
    });

    it('answers 404 to a caller who cannot read the entity, and hides cost writes without the cost permission', async () => {
      const { app } = await harness({
        'catalog.entity.read': ownOnly,
        'service-delivery.cost.read': (user, ref) =>
          user === ALICE && ownOnly(user, ref),
      });
      await request(app)
        .post('/v1/ingest/costs')
        .set('authorization', INGEST_TOKEN)
        .send([cost('c1', API), cost('c2', REPORTING)]);
      await request(app)
        .post('/v1/ingest/incidents')
        .set('authorization', INGEST_TOKEN)
        .send([incident('1', REPORTING)]);

      const hidden = await request(app)
        .get(`/v1/audit?entityRef=${API}`)
        .set('authorization', as(DAVE));
      expect(hidden.status).toBe(404);

      const own = await request(app)
        .get(`/v1/audit?entityRef=${API}`)
        .set('authorization', as(ALICE));
      expect(own.body.entries.map((e: { ids: string[] }) => e.ids)).toEqual([
        ['c1'],
      ]);
      expect(own.body.costsHidden).toBeUndefined();

      // dave reads reporting, but not its costs
      const noCost = await request(app)
        .get(`/v1/audit?entityRef=${REPORTING}`)
        .set('authorization', as(DAVE));
      expect(noCost.status).toBe(200);
      expect(noCost.body.entries.map((e: { kind: string }) => e.kind)).toEqual([
        'incidents',
      ]);
      expect(noCost.body.costsHidden).toBe(true);
    });
  });

  describe('DELETE /v1/records/{kind}/{source}/{id}', () => {
    it('retracts with the write permission for the entity, keeps the retraction and refreshes the entity', async () => {
      const h = await harness({
        'catalog.entity.read': (user, ref) =>
          user === DAVE || ownOnly(user, ref),
        'service-delivery.data.write': ownOnly,
      });
      await request(h.app)
        .post('/v1/ingest/incidents')
        .set('authorization', as(ALICE))
        .send([incident('1', API)]);
      const changed = jest.spyOn(h.refresher, 'entitiesChanged');

      const refused = await request(h.app)
        .delete('/v1/records/incidents/pager/1')
        .set('authorization', as(DAVE));
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `Retracting a record of ${API} needs the service-delivery.data.write permission for it`,
      );

      const done = await request(h.app)
        .delete('/v1/records/incidents/pager/1')
        .set('authorization', as(ALICE));
      expect(done.status).toBe(200);
      expect(done.body).toEqual({
        retracted: {
          kind: 'incidents',
          source: 'pager',
          id: '1',
          entityRef: API,
        },
      });
      expect(changed).toHaveBeenCalledWith([API], 'incidents');
      expect(
        await h.measured.findRecordEntity({
          kind: 'incidents',
          source: 'pager',
          id: '1',
        }),
      ).toBeUndefined();

      const audit = await request(h.app)
        .get(`/v1/audit?entityRef=${API}`)
        .set('authorization', as(ALICE));
      expect(
        audit.body.entries.map((e: { action: string; by: string }) => [
          e.action,
          e.by,
        ]),
      ).toEqual([
        ['retracted', ALICE],
        ['created', ALICE],
      ]);

      const again = await request(h.app)
        .delete('/v1/records/incidents/pager/1')
        .set('authorization', as(ALICE));
      expect(again.status).toBe(404);
    });

    it('answers 404 to a user who cannot read the entity, and 400 for a kind without ids', async () => {
      const { app } = await harness({ 'catalog.entity.read': ownOnly });
      await request(app)
        .post('/v1/ingest/incidents')
        .set('authorization', as(ALICE))
        .send([incident('1', API)]);
      const hidden = await request(app)
        .delete('/v1/records/incidents/pager/1')
        .set('authorization', as(DAVE));
      expect(hidden.status).toBe(404);
      const sli = await request(app)
        .delete('/v1/records/sli/prometheus/x')
        .set('authorization', as(ALICE));
      expect(sli.status).toBe(400);
      expect(sli.body.error.message).toMatch(/Invalid record kind 'sli'/);
    });
  });
});
