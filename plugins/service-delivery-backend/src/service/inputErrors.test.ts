import { Entity } from '@backstage/catalog-model';
import {
  AvailabilityResponse,
  SlaReportResponse,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import {
  createOverviewHarness,
  entities,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/*
 * What a caller may send that is not understood answers 400 naming the parameter, never 500: names
 * that only objects inherit (constructor, __proto__, toString…) are not whitelisted values, a
 * parameter given twice or as an object is not a value, and numbers out of range are refused.
 *
 * Metadata the validation only warns about never answers an error at all: the entity's figures
 * leave out what cannot be laid out and its problems say why; a report of many services computes
 * the others when one of them fails.
 *
 * Read on 16 November 2026 at 00:00 UTC, as in overviewFixtures: fifteen of November's thirty days,
 * 1,296,000 s, have passed. Every misdeclared service below has no incidents, so round the clock in
 * UTC its agreed service time so far is those 1,296,000 s.
 */

const databases = createTestDatabases();

const INHERITED = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
];
const API = '/v1/entities/component/default/payments-api';
const ROUTES_WITH_PERIOD = [
  `${API}/sla`,
  `${API}/availability`,
  '/v1/overview',
  '/v1/overview.csv',
  '/v1/findings',
  '/v1/reports/sla',
  '/v1/reports/sla.csv',
];
const cross = <A, B>(as: A[], bs: B[]): Array<[A, B]> =>
  as.flatMap(a => bs.map((b): [A, B] => [a, b]));

/** A tier-1 service of payments-processing with a 99.9 % SLA, declaring what it is given. */
const misdeclared = (
  name: string,
  serviceDelivery: Record<string, unknown>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    system: 'payments-processing',
    serviceDelivery: {
      tier: 'tier-1',
      agreements: [
        {
          name: `${name}-sla`,
          type: 'SLA',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.9 },
          ],
        },
      ],
      ...serviceDelivery,
    },
  },
});

const MISDECLARED: Array<[string, Record<string, unknown>, string]> = [
  [
    'mars-clock',
    { serviceHours: { timezone: 'Mars/Olympus' } },
    'spec.serviceDelivery.serviceHours.timezone',
  ],
  [
    'late-shift',
    {
      serviceHours: { weekly: [{ days: ['mon'], from: '25:00', to: '26:00' }] },
    },
    'spec.serviceDelivery.serviceHours.weekly[0].from',
  ],
  [
    'numbered-days',
    {
      serviceHours: { maintenance: [{ days: 5, from: '02:00', to: '04:00' }] },
    },
    'spec.serviceDelivery.serviceHours.maintenance[0].days',
  ],
  [
    'constructor-day',
    {
      serviceHours: {
        weekly: [{ days: ['constructor'], from: '08:00', to: '18:00' }],
      },
    },
    'spec.serviceDelivery.serviceHours.weekly[0].days[0]',
  ],
  [
    'numeric-zone',
    { serviceHours: { timezone: 5 } },
    'spec.serviceDelivery.serviceHours.timezone',
  ],
];

/** An agreement period that only objects inherit: the agreement is measured by the month. */
const inheritedPeriod: Entity = misdeclared('inherited-period', {
  agreements: [
    {
      name: 'inherited-period-sla',
      type: 'SLA',
      period: 'constructor',
      objectives: [{ name: 'availability', kind: 'availability', target: 99 }],
    },
  ],
});

/** A service whose success-rate SLIs cannot be read: the store fails for it alone. */
const FLAKY = 'component:default/flaky-sli';
const flaky: Entity = misdeclared('flaky-sli', {
  agreements: [
    {
      name: 'flaky-sla',
      type: 'SLA',
      period: 'month',
      objectives: [{ name: 'success-rate', kind: 'ratio', target: 99 }],
    },
  ],
});

describe.each(databases.eachSupportedId())(
  'input that is not understood on %p',
  databaseId => {
    let app: express.Express;
    let harness: Awaited<ReturnType<typeof createOverviewHarness>>;

    beforeAll(async () => {
      harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities: [
          ...entities,
          ...MISDECLARED.map(([name, declared]) => misdeclared(name, declared)),
          inheritedPeriod,
          flaky,
        ],
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();
      app = harness.app;
    });

    /** The status and error message a GET answers. */
    const answer = async (url: string) => {
      const res = await request(app).get(url);
      return { url, status: res.status, message: res.body?.error?.message };
    };

    /** A 400 whose message holds each of `parts`, in that order. */
    const badRequest = (url: string, ...parts: string[]) => ({
      url,
      status: 400,
      message: expect.stringMatching(
        parts
          .map(part => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[\\s\\S]*'),
      ),
    });

    it.each(cross(ROUTES_WITH_PERIOD, INHERITED))(
      '%s answers period=%s, a name only objects inherit, with 400 naming the forms of a period',
      async (route, value) => {
        expect(await answer(`${route}?period=${value}`)).toEqual(
          badRequest(
            `${route}?period=${value}`,
            "Invalid query parameter 'period'",
            'YYYY-MM',
            'rolling-30d',
          ),
        );
      },
    );

    it.each(
      cross(ROUTES_WITH_PERIOD, [
        'period=2026-10&period=2026-11',
        'period[year]=2026',
        'period=2026-13',
        'period=last-month',
      ]),
    )('%s answers %s with 400 naming period', async (route, query) => {
      expect(await answer(`${route}?${query}`)).toEqual(
        badRequest(`${route}?${query}`, "Invalid query parameter 'period'"),
      );
    });

    it.each(cross(['/v1/overview', '/v1/overview.csv'], INHERITED))(
      '%s answers sort=%s with 400 naming the columns to sort by',
      async (route, value) => {
        expect(await answer(`${route}?sort=${value}`)).toEqual(
          badRequest(
            `${route}?sort=${value}`,
            `Invalid query parameter 'sort': '${value}' is not a column; sort by name, title,`,
          ),
        );
      },
    );

    it.each(
      cross(
        ['/v1/overview', '/v1/overview.csv', '/v1/findings'],
        [
          ['limit=-1', 'limit'],
          ['limit=0', 'limit'],
          ['limit=1001', 'limit'],
          ['limit=99999999999999999999', 'limit'],
          ['limit=1e3', 'limit'],
          ['limit=10&limit=20', 'limit'],
          ['limit[max]=10', 'limit'],
          ['offset=-1', 'offset'],
          ['offset=99999999999999999999', 'offset'],
          ['offset=1.5', 'offset'],
          ['offset=0&offset=1', 'offset'],
          ['offset[from]=1', 'offset'],
          ['sort=name&sort=title', 'sort'],
          ['order[by]=asc', 'order'],
          ['status=constructor', 'status'],
          ['q[x]=1', 'q'],
        ],
      ),
    )(
      '%s answers %j with 400 naming the parameter',
      async (route, [query, name]) => {
        expect(await answer(`${route}?${query}`)).toEqual(
          badRequest(`${route}?${query}`, `query parameter '${name}'`),
        );
      },
    );

    it.each(cross(['/v1/findings'], INHERITED))(
      '%s answers severity=%s and discipline=%s with 400 naming the allowed values',
      async (route, value) => {
        expect(await answer(`${route}?severity=${value}`)).toEqual(
          badRequest(
            `${route}?severity=${value}`,
            "Invalid query parameter 'severity'",
            'critical, high, medium, low',
          ),
        );
        expect(await answer(`${route}?discipline=${value}`)).toEqual(
          badRequest(
            `${route}?discipline=${value}`,
            "Invalid query parameter 'discipline'",
            'service-level, availability',
          ),
        );
      },
    );

    it.each([
      ['from=constructor', 'from'],
      ['to=__proto__', 'to'],
      ['from=2026-13', 'from'],
      ['to=26-01', 'to'],
      ['from=2026-01&from=2026-02', 'from'],
      ['to[month]=2026-01', 'to'],
      ['months=-1', 'months'],
      ['months=0', 'months'],
      ['months=121', 'months'],
      ['months=1e400', 'months'],
      ['months=12&months=24', 'months'],
      ['from=2026-05&to=2026-01', 'from'],
      ['from=0001-01&to=9999-12', 'from'],
    ])('the cost tab answers %s with 400 naming %s', async (query, name) => {
      expect(await answer(`${API}/cost?${query}`)).toEqual(
        badRequest(`${API}/cost?${query}`, `'${name}'`),
      );
    });

    it.each([
      ['window=constructor', 'window'],
      ['window=-1d', 'window'],
      ['window=9999d', 'window'],
      ['window=7d&window=30d', 'window'],
      ['growth=__proto__', 'growth'],
      ['growth=-1', 'growth'],
      ['growth[x]=2', 'growth'],
      ['capacityChange=constructor:1', 'capacityChange'],
      ['capacityChange=__proto__:1@2026-12-01', 'capacityChange'],
    ])(
      'the capacity tab answers %s with 400 naming %s',
      async (query, name) => {
        expect(await answer(`${API}/capacity?${query}`)).toEqual(
          badRequest(
            `${API}/capacity?${query}`,
            `Invalid query parameter '${name}'`,
          ),
        );
      },
    );

    describe('metadata that is only warned about', () => {
      it.each(MISDECLARED)(
        '%s: the SLA tab measures what can be laid out, in UTC, and names the problem',
        async (name, _declared, path) => {
          const res = await request(app).get(
            `/v1/entities/component/default/${name}/sla`,
          );
          expect(res.status).toBe(200);
          const body: SlaResponse = res.body;
          expect(body.problems.map(p => p.path)).toContain(path);
          expect(body.period).toEqual({
            label: '2026-11',
            start: '2026-11-01T00:00:00.000Z',
            end: '2026-12-01T00:00:00.000Z',
            measuredUntil: '2026-11-16T00:00:00.000Z',
            timezone: 'UTC',
          });
          expect(body.agreements[0].objectives[0]).toMatchObject({
            name: 'availability',
            status: 'met',
            actual: 100,
          });
        },
      );

      it.each(MISDECLARED)(
        '%s: the Availability tab measures round the clock in UTC and names the problem',
        async (name, _declared, path) => {
          const res = await request(app).get(
            `/v1/entities/component/default/${name}/availability`,
          );
          expect(res.status).toBe(200);
          const body: AvailabilityResponse = res.body;
          expect(body.problems.map(p => p.path)).toContain(path);
          expect(body).toMatchObject({
            timezone: 'UTC',
            agreedServiceTime: 1_296_000,
            downtime: 0,
            availability: 100,
            target: 99.9,
            status: 'met',
            maintenance: [],
          });
          expect(body.history).toHaveLength(13);
        },
      );

      it.each(MISDECLARED)(
        '%s: the Cost tab counts months in UTC',
        async name => {
          const res = await request(app).get(
            `/v1/entities/component/default/${name}/cost`,
          );
          expect(res.status).toBe(200);
          expect(res.body).toMatchObject({ from: '2025-12', to: '2026-11' });
        },
      );

      it('measures an agreement whose period only objects inherit by the month', async () => {
        const sla = await request(app).get(
          '/v1/entities/component/default/inherited-period/sla',
        );
        expect(sla.status).toBe(200);
        expect(
          sla.body.problems.map((p: { path: string }) => p.path),
        ).toContain('spec.serviceDelivery.agreements[0].period');
        expect(sla.body.agreements[0]).toMatchObject({
          period: '2026-11',
          status: 'met',
        });
        const availability = await request(app).get(
          '/v1/entities/component/default/inherited-period/availability',
        );
        expect(availability.status).toBe(200);
        expect(availability.body.period.label).toBe('2026-11');
      });

      it.each([...MISDECLARED.map(([name]) => name), 'inherited-period'])(
        '%s: its own SLA report names the problem',
        async name => {
          const res = await request(app).get(
            `/v1/reports/sla?entityRef=component:default/${name}`,
          );
          expect(res.status).toBe(200);
          const report: SlaReportResponse = res.body;
          expect(report.services).toHaveLength(1);
          expect(report.services[0]).toMatchObject({
            entityRef: `component:default/${name}`,
            status: 'met',
            period: { label: '2026-11' },
            availability: { agreedServiceTime: 1_296_000, status: 'met' },
          });
          expect(report.services[0].problems.length).toBeGreaterThan(0);
          const csv = await request(app).get(
            `/v1/reports/sla.csv?entityRef=component:default/${name}`,
          );
          expect(csv.status).toBe(200);
        },
      );

      it('reports a portfolio with misdeclared services in it, each with its problems', async () => {
        const res = await request(app).get(
          '/v1/reports/sla?system=payments-processing',
        );
        expect(res.status).toBe(200);
        const report: SlaReportResponse = res.body;
        const byRef = new Map(report.services.map(s => [s.entityRef, s]));
        expect(byRef.get('component:default/payments-api')).toMatchObject({
          status: 'breached',
          problems: [],
        });
        for (const [name, , path] of MISDECLARED) {
          const service = byRef.get(`component:default/${name}`);
          expect(service).toMatchObject({ status: 'met' });
          expect(service!.problems.map(p => p.path)).toContain(path);
        }
        expect(
          (
            await request(app).get(
              '/v1/reports/sla.csv?system=payments-processing',
            )
          ).status,
        ).toBe(200);
      });
    });

    it('reports a portfolio whose one service cannot be computed: its row says why, the others are computed', async () => {
      const listSli = harness.measured.listSli.bind(harness.measured);
      const failing = jest
        .spyOn(harness.measured, 'listSli')
        .mockImplementation(async options => {
          if (options.entityRefs.includes(FLAKY)) {
            throw new Error('the SLI table is unreachable');
          }
          return listSli(options);
        });
      try {
        const res = await request(app).get(
          '/v1/reports/sla?system=payments-processing',
        );
        expect(res.status).toBe(200);
        const report: SlaReportResponse = res.body;
        const byRef = new Map(report.services.map(s => [s.entityRef, s]));
        expect(byRef.get(FLAKY)).toMatchObject({
          entityRef: FLAKY,
          name: 'flaky-sli',
          status: 'no-data',
          period: { label: '2026-11' },
          availability: null,
          agreements: [],
          incidents: [],
        });
        // what failed is no business of the caller's: the row says so, the log says what
        expect(byRef.get(FLAKY)!.problems).toEqual([
          {
            path: '',
            message:
              'Its figures could not be computed for this report: an internal error, logged by the backend',
          },
        ]);
        expect(harness.logger.warn).toHaveBeenCalledWith(
          expect.stringContaining(
            `could not compute ${FLAKY}: Error: the SLI table is unreachable`,
          ),
        );
        expect(byRef.get('component:default/payments-api')).toMatchObject({
          status: 'breached',
        });
        expect(byRef.get('component:default/fraud-scoring')).toMatchObject({
          status: 'at-risk',
        });
        expect(report.summary.byStatus['no-data']).toBeGreaterThanOrEqual(1);

        const csv = await request(app).get(
          '/v1/reports/sla.csv?system=payments-processing',
        );
        expect(csv.status).toBe(200);
        expect(csv.text).toContain(`${FLAKY},flaky-sli`);
      } finally {
        failing.mockRestore();
      }
    });
  },
);
