import { mockCredentials } from '@backstage/backend-test-utils';
import express from 'express';
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
  entitiesWithSystemBudget,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { Entity } from '@backstage/catalog-model';
import {
  FindingsResponse,
  OverviewResponse,
  OverviewSummaryResponse,
  SlaReportResponse,
} from '@service-delivery/plugin-service-delivery-common';
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
const DB = 'resource:default/payments-db';
const FRAUD = 'component:default/fraud-scoring';
const LEDGER = 'component:default/ledger';

async function harness(
  policy: TestPolicy,
  options: {
    databaseId?: Parameters<typeof databases.init>[0];
    catalogEntities?: Entity[];
  } = {},
) {
  const { permissions, calls } = testPermissions(policy);
  const read = policy['catalog.entity.read'];
  const h = await createOverviewHarness({
    knex: await databases.init(options.databaseId ?? 'SQLITE_3'),
    catalogEntities: options.catalogEntities,
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

  it('refuses such a caller before reading the body, and stops counting it as ingest traffic with the answer', async () => {
    const h = await harness({ 'service-delivery.data.write': 'deny' });
    const begin = jest.spyOn(h.ingestTraffic, 'begin');
    // a body that is not JSON would answer 400 had it been read
    const res = await request(h.app)
      .post('/v1/ingest/incidents')
      .set('authorization', as(ALICE))
      .set('content-type', 'application/json')
      .send('[{"id": ');
    expect(res.status).toBe(403);
    expect(begin).toHaveBeenCalledTimes(1);
    // nothing in flight: a pause returns at once rather than after its longest wait
    let resumed = false;
    const pause = h.ingestTraffic.pause(60_000).then(() => {
      resumed = true;
    });
    await new Promise(resolve => setImmediate(resolve));
    expect(resumed).toBe(true);
    await pause;

    const allowed = await harness({ 'service-delivery.data.write': ownOnly });
    const counted = jest.spyOn(allowed.ingestTraffic, 'begin');
    const unreadable = await request(allowed.app)
      .post('/v1/ingest/incidents')
      .set('authorization', as(ALICE))
      .set('content-type', 'application/json')
      .send('[{"id": ');
    expect(unreadable.status).toBe(400);
    expect(counted).toHaveBeenCalledTimes(1);
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

  it('sums and lists only the parts and platforms whose cost the caller may read', async () => {
    const { app, measured } = await harness({
      'service-delivery.cost.read': (_user, ref) => ref !== DB,
    });
    await loadMeasuredData(measured);
    await measured.ingest('costs', [
      {
        id: 'db-nov',
        source: 'test',
        entityRef: DB,
        periodStart: '2026-11-01',
        category: 'compute',
        amount: 400,
        currency: 'EUR',
      },
    ]);
    const group = await request(app)
      .get('/v1/entities/group/default/payments/cost')
      .set('authorization', as(ALICE));
    expect(group.status).toBe(200);
    expect(
      group.body.rollUp.parts.map((p: { entityRef: string }) => p.entityRef),
    ).not.toContain(DB);
    expect(
      group.body.rollUp.parts.map((p: { entityRef: string }) => p.entityRef),
    ).toContain(API);

    const api = await request(app)
      .get('/v1/entities/component/default/payments-api/cost')
      .set('authorization', as(ALICE));
    expect(api.status).toBe(200);
    expect(api.body.fullyLoaded.dependencies).toEqual([]);
    // the unlisted platform's share is still counted, and said how much it is, so the rows add up
    expect(api.body.fullyLoaded.shared).toBeGreaterThan(0);
    expect(api.body.fullyLoaded.unlisted).toEqual({
      platforms: 1,
      amount: api.body.fullyLoaded.shared,
    });
    expect(api.body.fullyLoaded.own + api.body.fullyLoaded.shared).toBeCloseTo(
      api.body.fullyLoaded.total,
      2,
    );
    expect(api.body.warnings).toContain(
      '1 platform(s) whose cost you may not read are counted in the shared cost but not listed',
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

describe.each(databases.eachSupportedId())(
  'the overview per caller on %p',
  databaseId => {
    let app: express.Express;
    let calls: ReturnType<typeof testPermissions>['calls'];
    // alice may read payments' entities except payments-db, and the cost of none but payments-db;
    // dave reads data's entities and their cost
    const read: EntityRule = (user, ref) => ownOnly(user, ref) && ref !== DB;
    const cost: EntityRule = (user, ref) =>
      user === ALICE ? ref === DB : ownOnly(user, ref);

    beforeAll(async () => {
      const h = await harness(
        {
          'catalog.entity.read': read,
          'service-delivery.cost.read': cost,
        },
        { databaseId },
      );
      await loadMeasuredData(h.measured);
      await h.refresher.refreshAll();
      app = h.app;
      calls = h.calls;
    });

    const get = async (path: string, user: string) => {
      const res = await request(app).get(path).set('authorization', as(user));
      expect(res.status).toBe(200);
      return res;
    };

    it('shows a team only its own rows, with totals, KPIs and facets over them', async () => {
      const body: OverviewResponse = (await get('/v1/overview', DAVE)).body;
      expect(body.total).toBe(1);
      expect(body.rows.map(r => r.entityRef)).toEqual([REPORTING]);
      expect(body.kpis.services).toBe(1);
      expect(body.kpis.byStatus).toEqual({
        met: 1,
        'at-risk': 0,
        breached: 0,
        'no-data': 0,
      });
      expect(body.facets.owner).toEqual([
        { value: 'group:default/data', count: 1 },
      ]);
      expect(body.facets.tier).toEqual([{ value: 'tier-2', count: 1 }]);
      expect(body.rollup.services).toBe(1);
      expect(body.charts.byStatus.reduce((n, s) => n + s.count, 0)).toBe(1);

      const findings: FindingsResponse = (await get('/v1/findings', DAVE)).body;
      expect(findings.findings.every(f => f.entityRef === REPORTING)).toBe(
        true,
      );

      const csv = (await get('/v1/overview.csv', DAVE)).text;
      expect(csv).toContain('component:default/reporting');
      expect(csv).not.toMatch(/payments|fraud|ledger/);

      // another period is seen through the same scope
      const october: OverviewResponse = (
        await get('/v1/overview?period=2026-10', DAVE)
      ).body;
      expect(october.rows.map(r => r.entityRef)).toEqual([REPORTING]);

      // a filter naming hidden services finds nothing, and its facets count nothing hidden
      const payments: OverviewResponse = (
        await get('/v1/overview?owner=group:payments', DAVE)
      ).body;
      expect(payments.total).toBe(0);
      expect(payments.facets.owner).toEqual([
        { value: 'group:default/data', count: 1 },
      ]);
      // the summaries are seen through the same scope
      const summaries: OverviewSummaryResponse = (
        await get('/v1/overview?detail=summary', DAVE)
      ).body;
      expect(summaries.rows.map(r => r.entityRef)).toEqual([REPORTING]);
      expect(summaries.total).toBe(1);
    });

    it('shows cost figures and cost findings only where the caller may read that cost', async () => {
      const body: OverviewResponse = (
        await get('/v1/overview?sort=name', ALICE)
      ).body;
      expect(body.rows.map(r => r.entityRef)).toEqual([FRAUD, LEDGER, API]);
      const api = body.rows.find(r => r.entityRef === API)!;
      // payments-api's November cost (1,150 EUR) is not alice's to read
      expect(api.cost).toBeNull();
      // nor any other she can read: no cost figure at all
      expect(body.costVisible).toBe(false);
      expect(body.kpis.cost).toBeNull();
      const findings: FindingsResponse = (await get('/v1/findings', ALICE))
        .body;
      expect(findings.findings.map(f => f.discipline)).not.toContain('cost');
      expect(api.findings).toEqual(
        findings.findings
          .filter(f => f.entityRef === API)
          .reduce(
            (counts, f) => ({
              ...counts,
              [f.severity]: counts[f.severity] + 1,
            }),
            { critical: 0, high: 0, medium: 0, low: 0 },
          ),
      );

      // the same rows' summaries: no cost either, and the same counts of findings
      const summaries: OverviewSummaryResponse = (
        await get('/v1/overview?sort=name&detail=summary', ALICE)
      ).body;
      expect(summaries.rows.map(r => r.entityRef)).toEqual([
        FRAUD,
        LEDGER,
        API,
      ]);
      expect(summaries.rows.every(r => r.cost === null)).toBe(true);
      expect(summaries.rows.map(r => r.findings)).toEqual(
        body.rows.map(r => r.findings),
      );

      // dave's own service shows its cost column (reporting has no cost data: null figures)
      const dave: OverviewResponse = (await get('/v1/overview', DAVE)).body;
      expect(dave.costVisible).toBe(true);
    });

    it('names no limiting dependency the caller may not read, in rows or findings', async () => {
      const body: OverviewResponse = (await get('/v1/overview', ALICE)).body;
      const api = body.rows.find(r => r.entityRef === API)!;
      expect(api.availability).toMatchObject({
        unachievable: true,
        limitingDependencies: [],
      });
      const findings: FindingsResponse = (
        await get('/v1/findings?discipline=availability', ALICE)
      ).body;
      const composite = findings.findings.find(
        f => f.entityRef === API && f.subject === 'composite',
      )!;
      expect(composite.message).toMatch(/is above the .* its dependencies/);
      expect(composite.message).not.toContain('payments-db');
    });

    it('reports only what the caller may read', async () => {
      const report: SlaReportResponse = (await get('/v1/reports/sla', DAVE))
        .body;
      expect(report.services.map(s => s.entityRef)).toEqual([REPORTING]);
      const hidden = await request(app)
        .get(`/v1/reports/sla?entityRef=${API}`)
        .set('authorization', as(DAVE));
      expect(hidden.status).toBe(404);
    });

    it('asks the policy once per caller while its scope is kept, and per entity only when conditional', async () => {
      calls.length = 0;
      await get('/v1/overview?sort=name', DAVE);
      await get('/v1/overview?sort=tier', DAVE);
      await get('/v1/findings', DAVE);
      expect(calls).toEqual([]);
    });
  },
);

describe('everything readable', () => {
  it('serves the shared rows without a per-entity check', async () => {
    const { app, measured, refresher, calls } = await harness({});
    await loadMeasuredData(measured);
    await refresher.refreshAll();
    const body: OverviewResponse = (
      await request(app).get('/v1/overview').set('authorization', as(DAVE))
    ).body;
    expect(body.total).toBe(5);
    expect(body.rows.find(r => r.entityRef === API)!.cost).toMatchObject({
      actual: 1150,
    });
    expect(calls).toEqual([
      {
        conditional: true,
        names: ['catalog.entity.read', 'service-delivery.cost.read'],
      },
    ]);
  });

  it('serves nothing to a caller the catalog refuses every entity', async () => {
    const { app, measured, refresher } = await harness({
      'catalog.entity.read': 'deny',
    });
    await loadMeasuredData(measured);
    await refresher.refreshAll();
    const body: OverviewResponse = (
      await request(app).get('/v1/overview').set('authorization', as(DAVE))
    ).body;
    expect(body.total).toBe(0);
    expect(body.kpis.services).toBe(0);
    expect(body.costVisible).toBe(false);
  });
});

describe('money behind the cost permission on one entity', () => {
  it("leaves the declared cost out of GET /entities/{ref} for a caller who may not read the entity's cost", async () => {
    const { app } = await harness({ 'service-delivery.cost.read': ownOnly });
    const other = await get2(
      app,
      '/v1/entities/component/default/payments-api',
      DAVE,
    );
    expect(other.costHidden).toBe(true);
    expect(other.declared.cost).toBeUndefined();
    expect(other.declared.tier).toBe('tier-1');
    expect(other.declared.continuity).toMatchObject({ rto: '1h' });

    const own = await get2(
      app,
      '/v1/entities/component/default/payments-api',
      ALICE,
    );
    expect(own.costHidden).toBeUndefined();
    expect(own.declared.cost).toEqual({
      currency: 'EUR',
      budget: { monthly: 1000 },
    });
  });

  it('leaves cost per hour and expected annual loss out of /continuity, and says so', async () => {
    const { app } = await harness({ 'service-delivery.cost.read': ownOnly });
    const other = await get2(
      app,
      '/v1/entities/component/default/payments-api/continuity',
      DAVE,
    );
    expect(other).toMatchObject({
      costHidden: true,
      businessImpact: null,
      expectedAnnualLoss: null,
      rto: 3600,
    });
    const own = await get2(
      app,
      '/v1/entities/component/default/payments-api/continuity',
      ALICE,
    );
    expect(own.costHidden).toBeUndefined();
  });
});

async function get2(app: express.Express, path: string, user: string) {
  const res = await request(app).get(path).set('authorization', as(user));
  expect(res.status).toBe(200);
  return res.body;
}

describe('rows that come after a caller was asked about', () => {
  it('have their cost decided on the next request, not half a minute later', async () => {
    const h = await harness({ 'service-delivery.cost.read': ownOnly });
    const before: OverviewResponse = (
      await request(h.app).get('/v1/overview').set('authorization', as(ALICE))
    ).body;
    expect(before.total).toBe(0);
    await loadMeasuredData(h.measured);
    await h.refresher.refreshAll();
    const after: OverviewResponse = (
      await request(h.app).get('/v1/overview').set('authorization', as(ALICE))
    ).body;
    expect(after.costVisible).toBe(true);
    expect(after.rows.find(r => r.entityRef === API)!.cost).toMatchObject({
      actual: 1150,
    });
  });
});

describe('the portfolio report limit', () => {
  it('counts only the services the caller may read', async () => {
    const many: Entity[] = Array.from({ length: 501 }, (_, i) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: `batch-${i}`, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:payments',
        serviceDelivery: { tier: 'tier-2' },
      },
    }));
    const catalogEntities = [...entities, ...many];
    const h = await createOverviewHarness({
      knex: await databases.init('SQLITE_3'),
      catalogEntities,
    });
    await h.refresher.refreshAll();
    const { permissions } = testPermissions({
      'catalog.entity.read': ownOnly,
    });
    const app = await appSeenThrough(h, {
      permissions,
      read: ownOnly,
      catalogEntities,
    });
    const dave = await request(app)
      .get('/v1/reports/sla')
      .set('authorization', as(DAVE));
    expect(dave.status).toBe(200);
    expect(
      dave.body.services.map((s: { entityRef: string }) => s.entityRef),
    ).toEqual([REPORTING]);
    const alice = await request(app)
      .get('/v1/reports/sla')
      .set('authorization', as(ALICE));
    expect(alice.status).toBe(400);
    expect(alice.body.error.message).toMatch(/selects 505 services/);
  });
});

describe('the dependency graph, as each caller may read it', () => {
  // payments-api depends on reporting too: reporting's failure takes down an entity dave may not read
  const catalogEntities = entities.map(e =>
    e.metadata.name === 'payments-api'
      ? {
          ...e,
          spec: {
            ...e.spec,
            dependsOn: ['resource:payments-db', 'component:reporting'],
          },
        }
      : e,
  );
  const failingWith = async (
    app: express.Express,
    user: string,
    entityPath: string,
  ) => {
    const res = await request(app)
      .get(`/v1/entities/${entityPath}/impact`)
      .set('authorization', as(user));
    return {
      status: res.status,
      refs: res.body.failsWith?.map((f: { entityRef: string }) => f.entityRef),
      entities: res.body.graph?.entities,
    };
  };

  it("leaves out of an entity's impact the dependants the caller may not read", async () => {
    const h = await createOverviewHarness({
      knex: await databases.init('SQLITE_3'),
      catalogEntities,
    });
    const read: EntityRule = (user, ref) =>
      user === ALICE || ownOnly(user, ref);
    const { permissions } = testPermissions({ 'catalog.entity.read': read });
    const app = await appSeenThrough(h, { permissions, read, catalogEntities });

    const dave = await failingWith(app, DAVE, 'component/default/reporting');
    expect(dave.status).toBe(200);
    expect(dave.refs).not.toContain(API);
    // the graph dave's answer was worked out on holds what he may read: reporting and analytics
    expect(dave.entities).toBe(2);

    // alice's rule lets her read every entity: the payments API fails with reporting
    const alice = await failingWith(app, ALICE, 'component/default/reporting');
    expect(alice.refs).toContain(API);
    expect(alice.entities).toBeGreaterThan(2);
    // asked again by dave, within the snapshot's minute: still only his part
    expect(
      (await failingWith(app, DAVE, 'component/default/reporting')).refs,
    ).not.toContain(API);
  });
});

describe("a System's cost with its parts'", () => {
  it('adds only the parts whose cost the caller may read, on its row and in its findings', async () => {
    // payments-processing holds its parts' budgets in 1,000 a month; payments-api spent 1,150
    const h = await harness(
      {
        'catalog.entity.read': 'allow',
        // alice may read every cost but payments-api's; dave every cost
        'service-delivery.cost.read': (user, ref) =>
          user !== ALICE || ref !== API,
      },
      { catalogEntities: entitiesWithSystemBudget(1000) },
    );
    await loadMeasuredData(h.measured);
    await h.refresher.refreshAll();
    const systemCost = async (user: string) => {
      const res = await request(h.app)
        .get('/v1/overview?owner=group:payments')
        .set('authorization', as(user));
      expect(res.status).toBe(200);
      const body: OverviewResponse = res.body;
      const row = body.rows.find(
        r => r.entityRef === 'system:default/payments-processing',
      );
      const findings = await request(h.app)
        .get('/v1/findings?discipline=cost')
        .set('authorization', as(user));
      return {
        findings: row?.findings,
        cost: row?.cost,
        kpis: body.kpis.cost,
        systemFindings: (findings.body as FindingsResponse).findings.filter(
          f => f.entityRef === 'system:default/payments-processing',
        ),
      };
    };

    const dave = await systemCost(DAVE);
    expect(dave.cost?.withParts).toEqual(
      expect.objectContaining({ actual: 1150, budget: 1000, parts: 1 }),
    );
    expect(dave.kpis).toEqual([
      expect.objectContaining({ actual: 1150, budget: 1000, variance: 150 }),
    ]);
    expect(dave.systemFindings.map(f => f.message)).toEqual([
      "payments-processing is €150 (15%) over its budget of €1,000 in 2026-11, its 3 parts' cost included.",
    ]);

    // nothing of payments-api's 1,150 reaches alice through its System
    const alice = await systemCost(ALICE);
    expect(alice.cost).toEqual(
      expect.objectContaining({ actual: null, budget: 1000 }),
    );
    expect(alice.cost?.withParts).toBeUndefined();
    expect(alice.kpis).toEqual([
      expect.objectContaining({ actual: 0, budget: 1000, variance: -1000 }),
    ]);
    // nor its finding, which counts it, nor the finding's count on the row
    expect(alice.systemFindings).toEqual([]);
    expect(alice.findings).toEqual({ critical: 0, high: 0, medium: 0, low: 0 });
    expect(dave.findings).toEqual(expect.objectContaining({ high: 1 }));
    const csv = await request(h.app)
      .get('/v1/overview.csv?owner=group:payments')
      .set('authorization', as(ALICE));
    expect(csv.text).not.toContain('1150');
  });
});

describe('owner notifications', () => {
  it('tell each owner only about its own entity, naming no other service and no money', async () => {
    const h = await createOverviewHarness({
      knex: await databases.init('SQLITE_3'),
    });
    await loadMeasuredData(h.measured);
    await h.refresher.refreshAll();
    const sent = h.notifications.send.mock.calls.map(([n]) => n);
    expect(sent.length).toBeGreaterThan(0);
    const rows: OverviewResponse = (
      await request(h.app).get('/v1/overview?limit=1000')
    ).body;
    const ownerOf = new Map(rows.rows.map(r => [r.entityRef, r.owner]));
    const names = rows.rows.map(r => r.name);
    for (const notification of sent) {
      const { recipients, payload } = notification as any;
      const [, entityRef] = /^[a-z-]+:([^:]+:[^:]+)/.exec(payload.scope)!;
      expect(recipients).toEqual({
        type: 'entity',
        entityRef: ownerOf.get(entityRef),
      });
      const own = entityRef.split('/').pop();
      const text = `${payload.title} ${payload.description}`;
      for (const name of names.filter(n => n !== own && !own!.includes(n))) {
        expect(text).not.toContain(name);
      }
      expect(text).not.toMatch(/€|EUR|budget of|cost/i);
    }
  });
});

describe('where a breach burned, named only to who may read it', () => {
  // payments-db is out 45 of payments-api's 60 minutes of downtime: 75 % of the burned budget
  async function withDependencyBurn(read: EntityRule) {
    const h = await harness({ 'catalog.entity.read': read });
    await loadMeasuredData(h.measured);
    await h.measured.ingest('incidents', [
      {
        ...incident('D', DB),
        impact: 'full',
        startedAt: '2026-11-03T09:30:00.000Z',
        acknowledgedAt: '2026-11-03T09:30:00.000Z',
        resolvedAt: '2026-11-03T10:45:00.000Z',
      },
    ]);
    await h.refresher.refreshAll();
    return h;
  }
  const burns = (body: OverviewResponse) =>
    body.rows
      .find(r => r.entityRef === API)!
      .serviceLevel!.agreements.flatMap(a =>
        a.objectives.map(o => o.dependencyBurn),
      )
      .filter(Boolean);

  it('leaves out the finding and the row field naming a dependency the caller may not read', async () => {
    const { app } = await withDependencyBurn((_user, ref) => ref !== DB);
    const findings: FindingsResponse = (
      await request(app).get('/v1/findings').set('authorization', as(ALICE))
    ).body;
    const states = findings.findings
      .filter(f => f.entityRef === API)
      .map(f => f.state);
    expect(states).toContain('breached');
    expect(states).not.toContain('breached-by-dependency');
    const overview: OverviewResponse = (
      await request(app).get('/v1/overview').set('authorization', as(ALICE))
    ).body;
    expect(burns(overview)).toEqual([]);
  });

  it('shows both to a caller who may read the dependency', async () => {
    const { app } = await withDependencyBurn(() => true);
    const findings: FindingsResponse = (
      await request(app).get('/v1/findings').set('authorization', as(ALICE))
    ).body;
    expect(
      findings.findings.find(f => f.state === 'breached-by-dependency'),
    ).toMatchObject({ entityRef: API, mentions: [DB] });
    const overview: OverviewResponse = (
      await request(app).get('/v1/overview').set('authorization', as(ALICE))
    ).body;
    expect(burns(overview)).toEqual([
      { entityRef: DB, share: expect.closeTo(0.75, 9) },
    ]);
  });
});
