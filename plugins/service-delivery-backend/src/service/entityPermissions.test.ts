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
 * Resource permissions on catalog entities, decided per entity: a policy with catalog conditions
 * (here a stand-in: alice is in payments, dave in data, each team's rule allows its own entities).
 */

const databases = createTestDatabases();

const ALICE = 'user:default/alice';
const DAVE = 'user:default/dave';
const TEAM: Record<string, string> = { [ALICE]: 'payments', [DAVE]: 'data' };
const ownOnly: EntityRule = (user, ref) => TEAM[user] === ownerInFixtures(ref);
const as = (user: string) => mockCredentials.user.header(user);

const API = 'component:default/payments-api';
const REPORTING = 'component:default/reporting';

async function harness(policy: TestPolicy) {
  const { permissions, calls } = testPermissions(policy);
  const read = policy['catalog.entity.read'];
  const h = await createOverviewHarness({
    knex: await databases.init('SQLITE_3'),
  });
  const app = await appSeenThrough(h, {
    permissions,
    read: typeof read === 'function' ? read : undefined,
  });
  return { ...h, app, calls };
}

const incident = (id: string, entityRef: string) => ({
  id,
  source: 'test',
  entityRef,
  title: `Incident ${id}`,
  priority: 'P2',
  impact: 'partial',
  startedAt: '2026-11-10T10:00:00Z',
  acknowledgedAt: '2026-11-10T10:05:00Z',
  resolvedAt: '2026-11-10T10:30:00Z',
});

describe('ingest authorised per record', () => {
  it("refuses a batch naming another team's entity, naming each such record, storing nothing", async () => {
    const { app, measured, calls } = await harness({
      'service-delivery.data.write': ownOnly,
    });
    const res = await request(app)
      .post('/v1/ingest/incidents')
      .set('authorization', as(DAVE))
      .send([
        incident('1', REPORTING),
        incident('2', API),
        incident('3', REPORTING),
        incident('4', 'component:default/Payments-API'),
      ]);
    expect(res.status).toBe(403);
    expect(res.body.error).toMatch(/2 record\(s\).*nothing was stored/);
    expect(res.body.problems).toEqual([
      {
        index: 1,
        path: 'entityRef',
        message: `the service-delivery.data.write permission does not allow writing data for ${API}`,
      },
      {
        index: 3,
        path: 'entityRef',
        message: `the service-delivery.data.write permission does not allow writing data for ${API}`,
      },
    ]);
    expect(
      await measured.listIncidents({
        entityRefs: [REPORTING, API],
        range: { from: 0, to: Date.parse('2027-01-01T00:00:00Z') },
      }),
    ).toEqual([]);
    // the batch's two distinct entities in one call
    const resourceCalls = calls.filter(c => !c.conditional);
    expect(resourceCalls).toEqual([
      {
        conditional: false,
        names: ['service-delivery.data.write', 'service-delivery.data.write'],
      },
    ]);
  });

  it('stores a batch of only its own entities', async () => {
    const { app } = await harness({ 'service-delivery.data.write': ownOnly });
    const res = await request(app)
      .post('/v1/ingest/incidents')
      .set('authorization', as(ALICE))
      .send([incident('1', API), incident('2', API)]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: 2 });
  });

  it('answers 403 at once when the policy refuses every entity, and asks no entity', async () => {
    const { app, calls } = await harness({
      'service-delivery.data.write': 'deny',
    });
    const res = await request(app)
      .post('/v1/ingest/incidents')
      .set('authorization', as(ALICE))
      .send([incident('1', API)]);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'Writing service-delivery data needs the service-delivery.data.write permission',
    );
    expect(calls.filter(c => !c.conditional)).toEqual([]);
  });

  it('lets a service principal write for any entity, without per-entity checks', async () => {
    const { app, calls } = await harness({
      'service-delivery.data.write': ownOnly,
    });
    const res = await request(app)
      .post('/v1/ingest/incidents')
      .set('authorization', mockCredentials.service.header())
      .send([incident('1', API), incident('2', REPORTING)]);
    expect(res.status).toBe(200);
    expect(calls.filter(c => !c.conditional)).toEqual([]);
  });
});

describe('cost read authorised per entity', () => {
  it("answers a team its own service's cost and 403 for another team's", async () => {
    const { app } = await harness({ 'service-delivery.cost.read': ownOnly });
    const own = await request(app)
      .get('/v1/entities/component/default/payments-api/cost')
      .set('authorization', as(ALICE));
    expect(own.status).toBe(200);
    expect(own.body.currency).toBe('EUR');

    const other = await request(app)
      .get('/v1/entities/component/default/payments-api/cost')
      .set('authorization', as(DAVE));
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe(
      `Reading cost data of ${API} needs the service-delivery.cost.read permission`,
    );
  });

  it('answers 404, not 403, for an entity the caller may not read', async () => {
    const { app } = await harness({
      'catalog.entity.read': ownOnly,
      'service-delivery.cost.read': 'deny',
    });
    const hidden = await request(app)
      .get('/v1/entities/component/default/payments-api/cost')
      .set('authorization', as(DAVE));
    expect(hidden.status).toBe(404);
  });
});
