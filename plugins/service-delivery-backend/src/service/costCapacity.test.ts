import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CapacityResponse,
  CostRecord,
  CostResponse,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRouter } from './router';

jest.setTimeout(60_000);

/*
 * Hand-computed cost and capacity of `checkout`, read on 2026-05-15 12:00 UTC (a UTC service, so
 * months are UTC months; May is the current, incomplete month).
 *
 * Cost, EUR, budget 120,000 a year = exactly 10,000 a month:
 *   2025-12 compute 5,000                                           =  5,000.00
 *   2026-01 compute 6,000 + storage 2,000                           =  8,000.00
 *   2026-02 compute 7,000 + storage 2,500                           =  9,500.00
 *   2026-03 compute 8,000 + storage 3,000.01                        = 11,000.01
 *   2026-04 compute 9,000 + storage 3,000 + licences 100 USD × 0.92 = 12,092.00
 *   2026-05 compute 4,000 (so far)                                  =  4,000.00
 * The twelve months to May (2025-06..2026-05): 49,592.01 against 120,000 → variance −70,407.99.
 * Forecast: January–April 40,592.01; run rate (9,500 + 11,000.01 + 12,092) / 3 = 10,864.0033 →
 * 10,864.00 for May–December (8 months) = 86,912 → 127,504.01, 7,504.01 over the year's budget.
 * Chargeback 60/40 of 49,592.01 = 4,959,201 cents: 2,975,520.6 and 1,983,680.4 → 29,755.20 and
 * 19,836.80, the odd cent to the larger fraction (0.6): 29,755.21 and 19,836.80. April (12,092):
 * 7,255.20 and 4,836.80.
 * Unit cost in April: 12,092 / (1,000,000 + 209,200 good payments) = 0.01.
 * Fully loaded: the cluster (3,000 in the twelve months) charges half to group:payments, whose only
 * dependant of it is checkout (the lake belongs to data): 1,500 → 51,092.01.
 *
 * Capacity: cpu (declared 100; 70/85 %) at 40 twenty days ago, 50 ten days ago when it grew to 200,
 * 60 now: 1 a day → warning 140 in 80 days, critical 170 in 110, 200 in 140. storage (1,000;
 * 75/90 %) 800, 850, 900 over the last three days: 90 % is critical already; 50 a day → full in 2 days.
 */
const now = Date.parse('2026-05-15T12:00:00Z');
const DAY = 86_400_000;
const at = (days: number) => new Date(now + days * DAY).toISOString();

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    system: 'shop',
    dependsOn: ['resource:cluster'],
    serviceDelivery: {
      agreements: [
        {
          name: 'shop-sla',
          type: 'SLA',
          objectives: [{ name: 'success-rate', kind: 'ratio', target: 99 }],
        },
      ],
      cost: {
        currency: 'EUR',
        costCenter: 'CC-1',
        budget: { annual: 120000 },
        chargeback: [
          { consumer: 'group:retail-banking', share: 60 },
          { consumer: 'group:corporate-banking', share: 40 },
        ],
        unit: { name: 'payment', sli: 'success-rate' },
      },
      capacity: {
        resources: [
          {
            name: 'cpu',
            unit: 'cores',
            capacity: 100,
            warning: 70,
            critical: 85,
          },
          {
            name: 'storage',
            unit: 'GiB',
            capacity: 1000,
            warning: 75,
            critical: 90,
          },
        ],
      },
    },
  },
  relations: [{ type: 'dependsOn', targetRef: 'resource:default/cluster' }],
};

const basket: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'basket', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    system: 'shop',
    serviceDelivery: { cost: { budget: { monthly: 1000 } } },
  },
};

const shop: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'shop', namespace: 'default' },
  spec: {
    owner: 'group:payments',
    serviceDelivery: { cost: { currency: 'EUR' } },
  },
};

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'cluster', namespace: 'default' },
  spec: {
    type: 'kubernetes-cluster',
    owner: 'group:platform',
    serviceDelivery: {
      cost: {
        chargeback: [
          { consumer: 'group:payments', share: 50 },
          { consumer: 'group:data', share: 50 },
        ],
      },
    },
  },
};

const lake: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'lake', namespace: 'default' },
  spec: {
    type: 'storage',
    owner: 'group:data',
    dependsOn: ['resource:cluster'],
  },
  relations: [{ type: 'dependsOn', targetRef: 'resource:default/cluster' }],
};

const cost = (
  entity: string,
  month: string,
  category: string,
  amount: number,
  currency = 'EUR',
): CostRecord => ({
  id: `${entity}#${month}#${category}`,
  entityRef: `${entity}`,
  source: 'finance',
  periodStart: month,
  category,
  amount,
  currency,
});

const CHECKOUT = 'component:default/checkout';
const costRecords: CostRecord[] = [
  cost(CHECKOUT, '2025-05', 'compute', 99999), // before the twelve months
  cost(CHECKOUT, '2025-12', 'compute', 5000),
  cost(CHECKOUT, '2026-01', 'compute', 6000),
  cost(CHECKOUT, '2026-01', 'storage', 2000),
  cost(CHECKOUT, '2026-02', 'compute', 7000),
  cost(CHECKOUT, '2026-02', 'storage', 2500),
  cost(CHECKOUT, '2026-03', 'compute', 8000),
  cost(CHECKOUT, '2026-03', 'storage', 3000.01),
  cost(CHECKOUT, '2026-04', 'compute', 9000),
  cost(CHECKOUT, '2026-04', 'storage', 3000),
  cost(CHECKOUT, '2026-04', 'licences', 100, 'USD'),
  cost(CHECKOUT, '2026-05', 'compute', 4000),
  cost('component:default/basket', '2026-04', 'compute', 500),
  cost('resource:default/cluster', '2025-05', 'compute', 999),
  cost('resource:default/cluster', '2026-04', 'compute', 2000),
  cost('resource:default/cluster', '2026-05', 'compute', 1000),
  cost('resource:default/lake', '2026-04', 'storage', 700),
];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'cost and capacity routes on %p',
  databaseId => {
    let app: express.Express;
    let store: DatabaseServiceDeliveryStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.ingest('costs', costRecords);
      await store.ingest(
        'sli',
        [
          ['2026-03-31T23:00:00.000Z', 5], // March
          ['2026-04-01T00:00:00.000Z', 1_000_000],
          ['2026-04-15T00:00:00.000Z', 209_200],
        ].map(([bucketStart, good]) => ({
          entityRef: CHECKOUT,
          source: 'prometheus',
          objective: 'success-rate',
          bucketStart: bucketStart as string,
          bucketSeconds: 3600,
          good: good as number,
          total: (good as number) + 10,
        })),
      );
      await store.ingest('capacity', [
        {
          entityRef: CHECKOUT,
          source: 'node',
          resource: 'cpu',
          at: at(-20),
          used: 40,
        },
        {
          entityRef: CHECKOUT,
          source: 'node',
          resource: 'cpu',
          at: at(-10),
          used: 50,
          capacity: 200,
        },
        {
          entityRef: CHECKOUT,
          source: 'node',
          resource: 'cpu',
          at: at(0),
          used: 60,
        },
        {
          entityRef: CHECKOUT,
          source: 'node',
          resource: 'storage',
          at: at(-2),
          used: 800,
        },
        {
          entityRef: CHECKOUT,
          source: 'node',
          resource: 'storage',
          at: at(-1),
          used: 850,
        },
        {
          entityRef: CHECKOUT,
          source: 'node',
          resource: 'storage',
          at: at(0),
          used: 900,
        },
      ]);

      const config = mockServices.rootConfig({ data: {} });
      const logger = mockServices.logger.mock();
      const router = await createRouter({
        logger,
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        catalog: catalogServiceMock({
          entities: [checkout, basket, shop, cluster, lake],
        }),
        store,
        settings: {
          currency: 'EUR',
          tiers: {},
          partialOutageWeight: 0.5,
          validation: 'warn',
          currencyRates: { USD: 0.92 },
        },
        now: () => now,
      });
      app = express()
        .use(router)
        .use(MiddlewareFactory.create({ config, logger }).error());
    });

    it('answers the hand-computed cost of the twelve months to now', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/cost',
      );
      expect(res.status).toBe(200);
      const body: CostResponse = res.body;
      expect(body).toEqual(
        expect.objectContaining({
          entityRef: CHECKOUT,
          currency: 'EUR',
          costCenter: 'CC-1',
          from: '2025-06',
          to: '2026-05',
          categories: ['compute', 'licences', 'storage'],
          total: 49592.01,
          budgetTotal: 120000,
          varianceTotal: -70407.99,
          forecastYearEnd: 127504.01,
          lastCompleteMonth: '2026-04',
          unitCost: 0.01,
          warnings: [],
        }),
      );
      expect(body.months).toHaveLength(12);
      expect(body.months[0]).toEqual({
        month: '2025-06',
        total: null,
        byCategory: {},
        budget: 10000,
        variance: null,
        units: null,
        unitCost: null,
      });
      expect(body.months.find(m => m.month === '2026-04')).toEqual({
        month: '2026-04',
        total: 12092,
        byCategory: { compute: 9000, licences: 92, storage: 3000 },
        budget: 10000,
        variance: 2092,
        units: 1_209_200,
        unitCost: 0.01,
      });
      expect(body.months.find(m => m.month === '2026-03')?.units).toBe(5);
      expect(body.forecast).toEqual({
        year: 2026,
        actualToDate: 40592.01,
        runRate: 10864,
        runRateMonths: ['2026-02', '2026-03', '2026-04'],
        remainingMonths: 8,
        amount: 127504.01,
        budget: 120000,
        variance: 7504.01,
      });
      expect(body.chargeback).toEqual([
        {
          consumer: 'group:retail-banking',
          share: 60,
          amount: 29755.21,
          lastMonthAmount: 7255.2,
        },
        {
          consumer: 'group:corporate-banking',
          share: 40,
          amount: 19836.8,
          lastMonthAmount: 4836.8,
        },
      ]);
      expect(body.unit).toEqual({
        name: 'payment',
        sli: 'success-rate',
        month: '2026-04',
        units: 1_209_200,
      });
      expect(body.fullyLoaded).toEqual({
        own: 49592.01,
        shared: 1500,
        total: 51092.01,
        dependencies: [
          {
            entityRef: 'resource:default/cluster',
            cost: 3000,
            share: 50,
            amount: 1500,
            direct: true,
          },
        ],
        cycles: [],
        unlisted: null,
      });
      expect(body.rollUp).toBeNull();
    });

    it("counts a platform's newly sent cost on the next request (the graph's shape is kept, not its costs)", async () => {
      const path = '/v1/entities/component/default/checkout/cost';
      const before: CostResponse = (await request(app).get(path)).body;
      expect(before.fullyLoaded?.shared).toBe(1500);
      const extra = cost('resource:default/cluster', '2026-03', 'support', 400);
      await request(app).post('/v1/ingest/costs').send([extra]).expect(200);
      try {
        const after: CostResponse = (await request(app).get(path)).body;
        // half of the cluster's 3,400 now
        expect(after.fullyLoaded?.shared).toBe(1700);
      } finally {
        await request(app)
          .delete(`/v1/records/costs/finance/${encodeURIComponent(extra.id)}`)
          .expect(200);
      }
      const retracted: CostResponse = (await request(app).get(path)).body;
      expect(retracted.fullyLoaded?.shared).toBe(1500);
    });

    it('answers the months asked for, and 400 naming a bad month', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/cost?from=2025-12&to=2026-02',
      );
      expect(res.status).toBe(200);
      expect(res.body.months.map((m: { total: number }) => m.total)).toEqual([
        5000, 8000, 9500,
      ]);
      // the forecast does not depend on the months shown
      expect(res.body.forecastYearEnd).toBe(127504.01);

      const two = await request(app).get(
        '/v1/entities/component/default/checkout/cost?months=2&to=2026-02',
      );
      expect([two.body.from, two.body.to]).toEqual(['2026-01', '2026-02']);

      for (const query of [
        'from=2026-13',
        'to=May',
        'from=2026-03&to=2026-01',
        'months=0',
        'from=2016-01&to=2026-12',
      ]) {
        const bad = await request(app).get(
          `/v1/entities/component/default/checkout/cost?${query}`,
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/^Invalid query parameter/);
      }
    });

    it('rolls a system up from its parts, with their budgets when it declares none', async () => {
      const res = await request(app).get(
        '/v1/entities/system/default/shop/cost?from=2026-04&to=2026-04',
      );
      expect(res.status).toBe(200);
      const body: CostResponse = res.body;
      // 12,092 + 500 against 10,000 + 1,000
      expect(body.months[0]).toEqual(
        expect.objectContaining({
          total: 12592,
          budget: 11000,
          variance: 1592,
        }),
      );
      expect(body.rollUp).toEqual({
        level: 'system',
        parts: [
          { entityRef: CHECKOUT, total: 12092, budget: 10000 },
          { entityRef: 'component:default/basket', total: 500, budget: 1000 },
        ],
      });
      expect(body.fullyLoaded).toBeNull();
    });

    it('refuses a cost batch in a currency without a rate, storing nothing of it', async () => {
      const batch = [
        cost(CHECKOUT, '2025-01', 'compute', 1),
        cost(CHECKOUT, '2025-01', 'support', 1, 'USD'),
        cost(CHECKOUT, '2025-01', 'network', 1, 'GBP'),
      ];
      const res = await request(app).post('/v1/ingest/costs').send(batch);
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        {
          index: 2,
          path: 'currency',
          message:
            'is GBP, but component:default/checkout keeps its costs in EUR; send EUR, or configure serviceDelivery.currencyRates.GBP (the value of one unit in EUR)',
        },
      ]);
      expect(
        await store.listCosts({
          entityRefs: [CHECKOUT],
          fromMonth: '2025-01',
          toMonth: '2025-01',
        }),
      ).toEqual([]);

      const accepted = await request(app)
        .post('/v1/ingest/costs')
        .send(batch.slice(0, 2));
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({
        accepted: 2,
        updated: 0,
        unchanged: 0,
        unattributed: { accepted: 0, updated: 0, unchanged: 0, entityRefs: [] },
      });
    });

    it('answers the hand-computed capacity', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/capacity',
      );
      expect(res.status).toBe(200);
      const body: CapacityResponse = res.body;
      expect(body.window).toBe(30 * 86400);
      expect(body.whatIf).toEqual({ growth: 1, capacityChanges: [] });
      const [cpu, storage] = body.resources;
      expect(cpu).toEqual(
        expect.objectContaining({
          name: 'cpu',
          unit: 'cores',
          capacity: 200,
          declaredCapacity: 100,
          used: 60,
          utilisation: 30,
          headroom: 140,
          status: 'ok',
          warningLevel: 140,
          criticalLevel: 170,
          samplesInWindow: 3,
          warningAt: at(80),
          criticalAt: at(110),
          exhaustedAt: at(140),
        }),
      );
      expect(cpu.trendPerDay).toBeCloseTo(1, 10);
      expect(cpu.daysToCritical).toBeCloseTo(110, 6);
      expect(cpu.samples.map(s => [s.used, s.capacity, s.utilisation])).toEqual(
        [
          [40, 100, 40],
          [50, 200, 25],
          [60, 200, 30],
        ],
      );
      // from now to a week past the last crossing
      expect(cpu.forecast[0]).toEqual({ at: at(0), used: 60, capacity: 200 });
      expect(cpu.forecast[cpu.forecast.length - 1].at).toBe(at(147));

      expect(storage).toEqual(
        expect.objectContaining({
          status: 'critical',
          utilisation: 90,
          warningAt: 'already',
          criticalAt: 'already',
          exhaustedAt: at(2),
          daysToCritical: 0,
        }),
      );
    });

    it("reads the chart's ninety days and what anchors them, not the whole history", async () => {
      const forecastRead = jest.spyOn(store, 'listCapacityForForecast');
      const wholeRead = jest.spyOn(store, 'listCapacity');
      try {
        const res = await request(app).get(
          '/v1/entities/component/default/checkout/capacity',
        );
        expect(res.status).toBe(200);
        expect(forecastRead).toHaveBeenCalledWith({
          entityRefs: [CHECKOUT],
          since: now - 90 * DAY - 1,
          until: now,
        });
        expect(wholeRead).not.toHaveBeenCalled();
      } finally {
        forecastRead.mockRestore();
        wholeRead.mockRestore();
      }
    });

    it('answers what-if growth and capacity changes, and 400 for what it cannot read', async () => {
      const grown = await request(app).get(
        '/v1/entities/component/default/checkout/capacity?growth=1.25&window=30d',
      );
      expect(grown.status).toBe(200);
      // 75 and 1.25 a day: warning 140 in 52 days, critical 170 in 76, 200 in 100
      expect(grown.body.resources[0]).toEqual(
        expect.objectContaining({
          warningAt: at(52),
          criticalAt: at(76),
          exhaustedAt: at(100),
          used: 60,
        }),
      );
      const changeAt = at(30).slice(0, 10);
      const bigger = await request(app).get(
        `/v1/entities/component/default/checkout/capacity?capacityChange=cpu:300@${changeAt}`,
      );
      expect(bigger.status).toBe(200);
      const dayOfChange = Date.parse(`${changeAt}T00:00:00Z`);
      // the trend reaches 210 (70 % of 300) 150 days from now; the change falls before
      expect(bigger.body.whatIf.capacityChanges).toEqual([
        {
          resource: 'cpu',
          capacity: 300,
          at: new Date(dayOfChange).toISOString(),
        },
      ]);
      expect(bigger.body.resources[0].warningAt).toBe(at(150));
      expect(
        bigger.body.resources[0].forecast.map(
          (p: { capacity: number }) => p.capacity,
        ),
      ).toContain(300);

      for (const query of [
        'window=soon',
        'window=2h',
        'growth=0',
        'growth=lots',
        'capacityChange=disk:10',
        'capacityChange=cpu:-1',
      ]) {
        const bad = await request(app).get(
          `/v1/entities/component/default/checkout/capacity?${query}`,
        );
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(
          /^Invalid query parameter '\w+'/,
        );
      }
    });
  },
);
