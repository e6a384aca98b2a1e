import {
  FindingsResponse,
  OverviewResponse,
  OverviewSummaryResponse,
  summariseOverviewRow,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import {
  createOverviewHarness,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { testPermissions } from '../__testUtils__/entityPolicy';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const API = 'component:default/payments-api';
const DB = 'resource:default/payments-db';
const FRAUD = 'component:default/fraud-scoring';
const REPORTING = 'component:default/reporting';
const LEDGER = 'component:default/ledger';

/** Parses CSV as written by the overview (RFC 4180). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

describe.each(databases.eachSupportedId())(
  'overview routes on %p',
  databaseId => {
    let app: express.Express;

    beforeAll(async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      app = harness.app;
    });

    const overview = async (query = ''): Promise<OverviewResponse> => {
      const res = await request(app).get(`/v1/overview${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };

    it('has one row per entity that declares service delivery, worst first, with every headline', async () => {
      const body = await overview();
      expect(body.total).toBe(5);
      expect(body.rows.map(r => [r.entityRef, r.status])).toEqual([
        [API, 'breached'],
        [FRAUD, 'at-risk'],
        [DB, 'met'],
        [REPORTING, 'met'],
        [LEDGER, 'no-data'],
      ]);
      const api = body.rows[0];
      expect(api).toMatchObject({
        kind: 'Component',
        name: 'payments-api',
        type: 'service',
        lifecycle: 'production',
        owner: 'group:default/payments',
        ownerAncestry: [
          'group:default/payments',
          'group:default/technology',
          'group:default/organisation',
        ],
        system: 'system:default/payments-processing',
        domain: 'domain:default/banking',
        tier: 'tier-1',
        problems: 0,
        dependsOn: [DB],
        links: {
          overview: '/catalog/default/component/payments-api',
          sla: '/catalog/default/component/payments-api/sla',
          availability: '/catalog/default/component/payments-api/availability',
          cost: '/catalog/default/component/payments-api/cost',
          continuity: '/catalog/default/component/payments-api/continuity',
        },
      });
      // 1 h down of 1,296,000 s; 2,592 s allowed of the month's 2,592,000 s
      expect(api.serviceLevel).toMatchObject({
        status: 'breached',
        worstAgreement: 'retail-sla',
        period: '2026-11',
        budgetObjective: 'retail-sla/availability',
      });
      expect(api.serviceLevel!.budgetRemainingShare).toBeCloseTo(
        1 - 3600 / 2592,
        9,
      );
      expect(api.availability!.availability).toBeCloseTo(
        ((1_296_000 - 3600) / 1_296_000) * 100,
        9,
      );
      expect(api.availability).toMatchObject({
        target: 99.9,
        targetSource: 'agreement',
        status: 'breached',
        downtime: 3600,
        failures: 1,
        unachievable: true,
        limitingDependencies: [DB],
      });
      // the database's measured 99.8611…% is the ceiling
      expect(api.availability!.achievable).toBeCloseTo(
        ((1_296_000 - 1800) / 1_296_000) * 100,
        9,
      );
      expect(api.cost).toMatchObject({
        currency: 'EUR',
        month: '2026-11',
        actual: 1150,
        budget: 1000,
        variance: 150,
      });
      expect(api.continuity).toMatchObject({
        status: 'fail',
        testOverdue: true,
        lastTest: '2026-01-10T09:00:00.000Z',
      });
      const db = body.rows[2];
      // 784 GiB of 1,000 on the 15th, +6 a day: 850 GiB (85 %) on the 26th
      expect(db.capacity).toMatchObject({
        status: 'warning',
        resource: 'storage',
        utilisation: 78.4,
        daysToCritical: 10,
      });
      expect(body.rows[3].availability).toMatchObject({
        target: 99.9,
        targetSource: 'tier',
        availability: 100,
      });
      expect(body.rows[4]).toMatchObject({
        problems: 1,
        serviceLevel: null,
        availability: null,
        findings: { critical: 0, high: 0, medium: 1, low: 0 },
      });
    });

    it('answers KPIs, charts and roll-ups over what is filtered', async () => {
      const body = await overview();
      expect(body.kpis).toEqual({
        services: 5,
        byStatus: { breached: 1, 'at-risk': 1, met: 2, 'no-data': 1 },
        meetingSlas: 0.5,
        cost: [
          {
            currency: 'EUR',
            actual: 1150,
            budget: 1000,
            variance: 150,
            overBudget: 1,
          },
        ],
        capacityAtRisk: 1,
        capacityCritical: 0,
        drTestsOverdue: 1,
        continuityFailing: 1,
        metadataProblems: 1,
        findings: { critical: 1, high: 5, medium: 1, low: 1 },
      });
      expect(body.charts.availabilityAgainstTarget.map(p => p.name)).toEqual([
        'payments-api',
        'fraud-scoring',
        'reporting',
        'payments-db',
      ]);
      expect(body.charts.capacityRisk.soonest).toEqual([
        {
          entityRef: DB,
          name: 'payments-db',
          resource: 'storage',
          status: 'warning',
          utilisation: 78.4,
          daysToCritical: 10,
        },
      ]);
      expect(body.charts.costByOwner![0]).toMatchObject({
        owner: 'group:default/payments',
        months: expect.arrayContaining([
          { month: '2026-10', actual: 900, budget: 1000, complete: true },
          // computed on 2026-11-16: November is under way
          { month: '2026-11', actual: 1150, budget: 1000, complete: false },
        ]),
      });
      expect(body.rollup).toMatchObject({
        services: 5,
        status: 'breached',
        capacity: { status: 'warning', entityRef: DB },
        continuity: { status: 'fail', entityRef: API },
      });
      const processing = body.rollup.systems.find(
        s => s.system === 'system:default/payments-processing',
      )!;
      // payments-api × payments-db × fraud-scoring, each as measured this month
      expect(processing.achievable).toBeCloseTo(
        ((1_296_000 - 3600) / 1_296_000) *
          ((1_296_000 - 1800) / 1_296_000) *
          ((1_296_000 - 1200) / 1_296_000) *
          100,
        9,
      );
      expect(processing).toMatchObject({
        services: 3,
        strictestTarget: 99.95,
        strictestTargetOf: FRAUD,
        meetsTargets: false,
      });
      expect(body.computedAt).toBe('2026-11-16T00:00:00.000Z');
      expect(body.costVisible).toBe(true);
    });

    it("filters by owner including the sub-groups' services", async () => {
      const all = await overview('?owner=group:default/technology');
      expect(all.total).toBe(5);
      const payments = await overview('?owner=group:payments');
      expect(payments.rows.map(r => r.name).sort()).toEqual([
        'fraud-scoring',
        'ledger',
        'payments-api',
        'payments-db',
      ]);
      // several owners, repeated or comma-separated
      expect((await overview('?owner=data&owner=retail-banking')).total).toBe(
        1,
      );
      expect((await overview('?owner=data,payments')).total).toBe(5);
    });

    it('filters by system, domain, tier, lifecycle, status and kind, and searches', async () => {
      const names = async (query: string) =>
        (await overview(query)).rows.map(r => r.name).sort();
      expect(await names('?system=payments-processing')).toEqual([
        'fraud-scoring',
        'payments-api',
        'payments-db',
      ]);
      expect(await names('?domain=domain:default/insights')).toEqual([
        'reporting',
      ]);
      expect(await names('?tier=tier-1&status=met')).toEqual(['payments-db']);
      expect(await names('?status=breached,at-risk')).toEqual([
        'fraud-scoring',
        'payments-api',
      ]);
      expect(await names('?kind=Resource')).toEqual(['payments-db']);
      expect(await names('?lifecycle=experimental')).toEqual([]);
      // searches names, titles, owners and systems, ignoring case
      expect(await names('?q=REAL-TIME')).toEqual(['fraud-scoring']);
      expect(await names('?q=analytics')).toEqual(['reporting']);
    });

    it('counts facets that agree with filtering by each value', async () => {
      const body = await overview('?tier=tier-1');
      expect(body.facets.tier).toEqual([
        { value: 'tier-1', count: 3 },
        { value: 'tier-2', count: 1 },
        { value: 'tier-7', count: 1 },
      ]);
      expect(body.facets.status).toEqual([
        { value: 'at-risk', count: 1 },
        { value: 'breached', count: 1 },
        { value: 'met', count: 1 },
      ]);
      for (const facet of [
        'owner',
        'system',
        'domain',
        'tier',
        'lifecycle',
        'status',
      ] as const) {
        for (const { value, count } of body.facets[facet]) {
          // choosing a value keeps the other filters and replaces the facet's own
          const query =
            facet === 'tier'
              ? `?tier=${encodeURIComponent(value)}`
              : `?tier=tier-1&${facet}=${encodeURIComponent(value)}`;
          expect((await overview(query)).total).toBe(count);
        }
      }
    });

    it('sorts by any column, nulls last, and pages', async () => {
      const sorted = async (query: string) =>
        (await overview(query)).rows.map(r => r.name);
      expect(await sorted('?sort=name')).toEqual([
        'fraud-scoring',
        'ledger',
        'payments-api',
        'payments-db',
        'reporting',
      ]);
      expect(await sorted('?sort=availability&order=desc')).toEqual([
        'reporting',
        'fraud-scoring',
        'payments-db',
        'payments-api',
        'ledger',
      ]);
      expect(await sorted('?sort=availability&order=asc')).toEqual([
        'payments-api',
        'payments-db',
        'fraud-scoring',
        'reporting',
        'ledger',
      ]);
      expect((await sorted('?sort=variance&order=desc'))[0]).toBe(
        'payments-api',
      );
      const page = await overview('?sort=name&offset=2&limit=2');
      expect(page).toMatchObject({ total: 5, offset: 2, limit: 2 });
      expect(page.rows.map(r => r.name)).toEqual([
        'payments-api',
        'payments-db',
      ]);
    });

    it('answers the same page as summaries with detail=summary', async () => {
      const query = '?sort=name&offset=1&limit=3';
      const whole = await overview(query);
      const res = await request(app).get(`/v1/overview${query}&detail=summary`);
      expect(res.status).toBe(200);
      const summaries: OverviewSummaryResponse = res.body;
      expect(summaries.rows.map(r => r.name)).toEqual([
        'ledger',
        'payments-api',
        'payments-db',
      ]);
      expect(summaries.rows).toEqual(whole.rows.map(summariseOverviewRow));
      // what only a page of whole rows shows is left out
      const api = summaries.rows.find(r => r.entityRef === API)!;
      expect(api.serviceLevel).not.toHaveProperty('agreements');
      expect(api).not.toHaveProperty('links');
      expect(whole.rows.find(r => r.entityRef === API)!.links).toBeDefined();
      // totals, KPIs, facets, charts and roll-ups as for whole rows
      expect({ ...summaries, rows: [] }).toEqual({ ...whole, rows: [] });
      expect(await overview(`${query}&detail=whole`)).toEqual(whole);
    });

    it('refuses a detail that is neither whole nor summary, and a detail for the CSV', async () => {
      const bad = await request(app).get('/v1/overview?detail=everything');
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/detail/);
      const csv = await request(app).get('/v1/overview.csv?detail=summary');
      expect(csv.status).toBe(400);
      expect(csv.body.error.message).toMatch(/detail/);
    });

    it('exports exactly the filtered, sorted rows as CSV, quoted where needed', async () => {
      const query = '?owner=payments&sort=name&order=desc';
      const json = await overview(`${query}&limit=1000`);
      const res = await request(app).get(`/v1/overview.csv${query}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="service-delivery-overview.csv"',
      );
      const [header, ...records] = parseCsv(res.text);
      expect(records).toHaveLength(json.total);
      expect(records.map(r => r[0])).toEqual(json.rows.map(r => r.entityRef));
      expect(records.map(r => r[0])).toEqual([DB, API, LEDGER, FRAUD]);
      const column = (name: string) => header.indexOf(name);
      const fraud = records[3];
      expect(fraud[column('title')]).toBe('Fraud scoring, "real-time"');
      expect(res.text).toContain('"Fraud scoring, ""real-time"""');
      const api = records[1];
      expect(api[column('status')]).toBe('breached');
      expect(api[column('cost')]).toBe('1150');
      expect(api[column('drTestOverdue')]).toBe('true');
      expect(api[column('findingsCritical')]).toBe('1');
    });

    it('lists findings with severities and links to the tab that shows each fact', async () => {
      const res = await request(app).get('/v1/findings');
      expect(res.status).toBe(200);
      const body: FindingsResponse = res.body;
      expect(body.total).toBe(8);
      expect(
        body.findings.map(f => [f.severity, f.entityRef, f.subject, f.link]),
      ).toEqual([
        [
          'critical',
          API,
          'objective:retail-sla/availability',
          '/catalog/default/component/payments-api/sla',
        ],
        [
          'high',
          FRAUD,
          'objective:fraud-sla/availability',
          '/catalog/default/component/fraud-scoring/sla',
        ],
        [
          'high',
          API,
          'composite',
          '/catalog/default/component/payments-api/availability',
        ],
        [
          'high',
          API,
          'dr-test',
          '/catalog/default/component/payments-api/continuity',
        ],
        [
          'high',
          API,
          'budget-month',
          '/catalog/default/component/payments-api/cost',
        ],
        [
          'high',
          DB,
          'resource:storage',
          '/catalog/default/resource/payments-db/capacity',
        ],
        [
          'medium',
          LEDGER,
          'metadata:spec.serviceDelivery.tier',
          '/catalog/default/component/ledger',
        ],
        [
          'low',
          API,
          'check:risk-register',
          '/catalog/default/component/payments-api/continuity',
        ],
      ]);
      expect(body.findings[0].message).toBe(
        'payments-api has breached the availability objective of its SLA retail-sla with retail-banking in 2026-11: 99.722% against a target of 99.9%, the error budget is spent.',
      );
      // each link is the tab the row offers for that fact
      const rows = (await overview()).rows;
      for (const finding of body.findings) {
        const row = rows.find(r => r.entityRef === finding.entityRef)!;
        expect(Object.values(row.links)).toContain(finding.link);
      }
    });

    it('filters findings like rows, and by severity and discipline', async () => {
      const get = async (query: string): Promise<FindingsResponse> =>
        (await request(app).get(`/v1/findings${query}`)).body;
      expect((await get('?system=payments-processing')).total).toBe(7);
      expect(
        (
          await get('?severity=high&discipline=capacity,continuity')
        ).findings.map(f => f.subject),
      ).toEqual(['dr-test', 'resource:storage']);
      const page = await get('?offset=7&limit=5');
      expect(page.total).toBe(8);
      expect(page.findings.map(f => f.severity)).toEqual(['low']);
    });

    it('computes another period on request', async () => {
      const october = await overview('?period=2026-10');
      const api = october.rows.find(r => r.entityRef === API)!;
      expect(api.serviceLevel).toMatchObject({
        status: 'met',
        period: '2026-10',
      });
      expect(api.cost).toMatchObject({ month: '2026-10', actual: 900 });
    });

    it.each([
      [
        '?sort=colour',
        "Invalid query parameter 'sort': 'colour' is not a column",
      ],
      ['?offset=-1', "Invalid query parameter 'offset'"],
      ['?limit=1001', "Invalid query parameter 'limit'"],
      ['?limit=0', "Invalid query parameter 'limit'"],
      ['?order=up', "Invalid query parameter 'order'"],
      [
        '?status=fine',
        "Invalid query parameter 'status': 'fine' is not one of",
      ],
      ['?owner=group:', "Invalid query parameter 'owner'"],
      ['?period=2026-13', "Invalid query parameter 'period'"],
      ['?colour=red', "Unknown query parameter 'colour'"],
      ['?q=a&q=b', "Invalid query parameter 'q': give it once"],
    ])('answers %s with a 400 naming the parameter', async (query, message) => {
      const res = await request(app).get(`/v1/overview${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
    });

    it('rejects a bad severity on findings', async () => {
      const res = await request(app).get('/v1/findings?severity=urgent');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(
        "Invalid query parameter 'severity': 'urgent' is not one of critical, high, medium, low",
      );
    });
  },
);

describe('overview without the cost permission', () => {
  it('leaves every cost figure, total and finding out', async () => {
    const harness = await createOverviewHarness({
      knex: await databases.init('SQLITE_3'),
      permissions: testPermissions({ 'service-delivery.cost.read': 'deny' })
        .permissions,
    });
    await loadMeasuredData(harness.measured);
    await harness.refresher.refreshAll();

    const body: OverviewResponse = (
      await request(harness.app).get('/v1/overview?sort=variance&order=desc')
    ).body;
    expect(body.costVisible).toBe(false);
    expect(body.rows.every(r => r.cost === null)).toBe(true);
    expect(body.kpis.cost).toBeNull();
    expect(body.charts.costByOwner).toBeNull();
    expect(body.rollup.cost).toBeNull();
    // sorting by cost tells nothing: the order falls back to names
    expect(body.rows.map(r => r.name)).toEqual([
      'fraud-scoring',
      'ledger',
      'payments-api',
      'payments-db',
      'reporting',
    ]);
    const api = body.rows.find(r => r.entityRef === API)!;
    expect(api.findings).toEqual({ critical: 1, high: 2, medium: 0, low: 1 });

    const findings: FindingsResponse = (
      await request(harness.app).get('/v1/findings')
    ).body;
    expect(findings.findings.some(f => f.discipline === 'cost')).toBe(false);

    const summaries: OverviewSummaryResponse = (
      await request(harness.app).get('/v1/overview?detail=summary')
    ).body;
    expect(summaries.costVisible).toBe(false);
    expect(summaries.rows.every(r => r.cost === null)).toBe(true);

    const csv = (await request(harness.app).get('/v1/overview.csv')).text;
    const [header, ...records] = parseCsv(csv);
    const cost = header.indexOf('cost');
    expect(records.every(r => r[cost] === '')).toBe(true);
  });
});
