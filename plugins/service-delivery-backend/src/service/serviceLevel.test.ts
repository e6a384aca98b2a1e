import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AvailabilityResponse,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRouter } from './router';

jest.setTimeout(60_000);

/*
 * A hand-computed month: October 2026 for a 24x7 service in Europe/London with Sunday
 * maintenance 02:00–04:00.
 *
 * The month runs 2026-10-01 00:00 BST (09-30T23:00Z) to 11-01 00:00 GMT (11-01T00:00Z): 745 h,
 * one more than 31 × 24 because the clocks go back on the 25th. Maintenance: the 4th, 11th, 18th
 * and 25th, 2 h each (on the 25th the repeated hour is 01:00–02:00, before the window) = 8 h.
 * Agreed service time = 737 h = 2,653,200 s.
 *
 * Incidents:
 *   A full    P1 10-06 10:00Z–10:30Z                    30 min
 *   B partial P2 10-06 10:15Z–11:15Z; under A until 10:30, then 45 min × 0.5 = 22.5 min
 *   C full    P1 10-11 00:30Z–02:00Z = 01:30–03:00 BST; 02:00–03:00 is maintenance → 30 min
 *   D full    P2 10-31 23:00Z, still open: counts until the period ends at 11-01T00:00Z → 60 min
 *   E full    P1 in September: not this period
 * Downtime = 30 + 22.5 + 30 + 60 = 142.5 min = 8,550 s; failures: A∪B, C, D = 3.
 * Availability = (2,653,200 − 8,550) / 2,653,200 = 99.677747…%
 * MTRS = 8,550 / 3 = 2,850 s; MTBF = 2,644,650 / 3 = 881,550 s; MTBSI = 2,653,200 / 3 = 884,400 s.
 * Error budget at 99.9 %: allowed 0.001 × 2,653,200 = 2,653.2 s; consumed 8,550 → breached.
 * Support P1 (response 15m, resolution 4h): A acked after 10 min, resolved after 30 min; C acked
 * after 30 min (late), resolved after 90 min → responded 1, resolved 2 of 2.
 * Support P2 (response 1h, resolution 1d): B never acked, resolved after exactly 1 h (the
 * resolution counts as the response; exactly on target is in time); D is still within its
 * targets at the end of the period → responded 1, resolved 1 of 2, D pending.
 * Success rate (ratio, 99 %): 9,900/10,000 + 19,950/20,000 = 29,850/30,000 = 99.5 %;
 * allowed 1 % × 30,000 = 300 bad events, consumed 150, remaining 150 → met.
 */
const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    dependsOn: ['resource:default/checkout-db'],
    serviceDelivery: {
      serviceHours: {
        timezone: 'Europe/London',
        schedule: '24x7',
        maintenance: [{ days: ['sun'], from: '02:00', to: '04:00' }],
      },
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          customer: 'group:retail-banking',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.9 },
            { name: 'success-rate', kind: 'ratio', target: 99 },
          ],
          support: [
            { priority: 'P1', response: '15m', resolution: '4h' },
            { priority: 'P2', response: '1h', resolution: '1d' },
          ],
        },
      ],
    },
  },
};

const checkoutDb: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'checkout-db', namespace: 'default' },
  spec: {
    type: 'database',
    owner: 'group:payments',
    serviceDelivery: {
      agreements: [
        {
          name: 'db-ola',
          type: 'OLA',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.8 },
          ],
        },
      ],
    },
  },
};

const incident = (id: string, fields: object) => ({
  id,
  source: 'pagerduty',
  entityRef: 'component:default/checkout',
  title: `Incident ${id}`,
  ...fields,
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'service-level routes on %p',
  databaseId => {
    let app: express.Express;
    let store: DatabaseServiceDeliveryStore;
    const incidents = [
      incident('A', {
        priority: 'P1',
        impact: 'full',
        startedAt: '2026-10-06T10:00:00.000Z',
        acknowledgedAt: '2026-10-06T10:10:00.000Z',
        resolvedAt: '2026-10-06T10:30:00.000Z',
      }),
      incident('B', {
        priority: 'P2',
        impact: 'partial',
        startedAt: '2026-10-06T10:15:00.000Z',
        acknowledgedAt: null,
        resolvedAt: '2026-10-06T11:15:00.000Z',
      }),
      incident('C', {
        priority: 'P1',
        impact: 'full',
        startedAt: '2026-10-11T00:30:00.000Z',
        acknowledgedAt: '2026-10-11T01:00:00.000Z',
        resolvedAt: '2026-10-11T02:00:00.000Z',
      }),
      incident('D', {
        priority: 'P2',
        impact: 'full',
        startedAt: '2026-10-31T23:00:00.000Z',
        acknowledgedAt: null,
        resolvedAt: null,
      }),
      incident('E', {
        priority: 'P1',
        impact: 'full',
        startedAt: '2026-09-15T10:00:00.000Z',
        acknowledgedAt: null,
        resolvedAt: '2026-09-15T12:00:00.000Z',
      }),
    ] as any[];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      store = await DatabaseServiceDeliveryStore.create({ database });
      await store.ingest('incidents', incidents);
      await store.ingest('sli', [
        {
          entityRef: 'component:default/checkout',
          source: 'prometheus',
          objective: 'success-rate',
          bucketStart: '2026-10-01T00:00:00.000Z',
          bucketSeconds: 86400,
          good: 9900,
          total: 10000,
        },
        {
          entityRef: 'component:default/checkout',
          source: 'prometheus',
          objective: 'success-rate',
          bucketStart: '2026-10-20T00:00:00.000Z',
          bucketSeconds: 86400,
          good: 19950,
          total: 20000,
        },
        {
          entityRef: 'component:default/checkout',
          source: 'prometheus',
          objective: 'success-rate',
          bucketStart: '2026-11-02T00:00:00.000Z',
          bucketSeconds: 86400,
          good: 0,
          total: 500,
        },
      ]);

      const config = mockServices.rootConfig({ data: {} });
      const logger = mockServices.logger.mock();
      const router = await createRouter({
        logger,
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        catalog: catalogServiceMock({ entities: [checkout, checkoutDb] }),
        store,
        settings: {
          currency: 'EUR',
          tiers: {},
          partialOutageWeight: 0.5,
          validation: 'warn',
        },
        now: () => Date.parse('2026-11-23T12:00:00Z'),
      });
      app = express()
        .use(router)
        .use(MiddlewareFactory.create({ config, logger }).error());
    });

    it('answers the hand-computed availability of October 2026', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/availability?period=2026-10',
      );
      expect(res.status).toBe(200);
      const body: AvailabilityResponse = res.body;
      expect(body.period).toEqual({
        label: '2026-10',
        start: '2026-09-30T23:00:00.000Z',
        end: '2026-11-01T00:00:00.000Z',
        measuredUntil: '2026-11-01T00:00:00.000Z',
        timezone: 'Europe/London',
      });
      expect(body.agreedServiceTime).toBe(2_653_200);
      expect(body.downtime).toBeCloseTo(8_550, 6);
      expect(body.failures).toBe(3);
      expect(body.availability).toBeCloseTo(
        ((2_653_200 - 8_550) / 2_653_200) * 100,
        9,
      );
      expect(body.mtrs).toBeCloseTo(2_850, 6);
      expect(body.mtbf).toBeCloseTo(881_550, 6);
      expect(body.mtbsi).toBeCloseTo(884_400, 6);
      expect(body.target).toBe(99.9);
      expect(body.status).toBe('breached');
      expect(body.incidents.map(i => [i.id, i.downtime])).toEqual([
        ['D', 3600],
        ['A', 1800],
        ['C', 1800],
        ['B', 1350],
      ]);
      // the ceiling from the one dependency's agreed 99.8 % is below the 99.9 % target
      expect(body.composite).toEqual({
        achievable: expect.closeTo(99.8, 9),
        bounds: {
          low: expect.closeTo(99.8, 9),
          high: expect.closeTo(99.8, 9),
        },
        exact: true,
        feasibility: 'unachievable',
        unachievable: true,
        limitingDependencies: [
          {
            entityRef: 'resource:default/checkout-db',
            availability: expect.closeTo(99.8, 9),
            basis: 'agreed',
          },
        ],
      });
      // the twelve months before, oldest first
      expect(body.history.map(h => h.period)).toEqual([
        '2025-10',
        '2025-11',
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
      ]);
      const september = body.history.find(h => h.period === '2026-09')!;
      expect(september.downtime).toBe(7200);
    });

    it('answers the hand-computed SLA of October 2026', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/sla?period=2026-10',
      );
      expect(res.status).toBe(200);
      const body: SlaResponse = res.body;
      const [agreement] = body.agreements;
      expect(agreement.status).toBe('breached');
      expect(agreement.provider).toBe('group:payments');
      const [availability, successRate] = agreement.objectives;
      expect(availability.errorBudget).toEqual({
        allowed: expect.closeTo(2653.2, 6),
        consumed: expect.closeTo(8550, 6),
        remaining: expect.closeTo(2653.2 - 8550, 6),
        consumedShare: expect.closeTo(8550 / 2653.2, 9),
        remainingShare: expect.closeTo(1 - 8550 / 2653.2, 9),
        burnRate: expect.closeTo(8550 / 2653.2, 9),
        unit: 'seconds',
      });
      expect(availability.alerts).toEqual([]); // a past period raises no alerts
      expect(successRate).toEqual(
        expect.objectContaining({
          actual: 99.5,
          status: 'met',
          errorBudget: expect.objectContaining({
            allowed: 300,
            consumed: 150,
            remaining: 150,
            unit: 'events',
          }),
        }),
      );
      expect(agreement.support).toEqual([
        expect.objectContaining({
          priority: 'P1',
          responseTarget: 900,
          resolutionTarget: 14400,
          incidents: 2,
          respondedInTime: 1,
          resolvedInTime: 2,
        }),
        expect.objectContaining({
          priority: 'P2',
          responseTarget: 3600,
          resolutionTarget: 86400,
          incidents: 2,
          respondedInTime: 1,
          resolvedInTime: 1,
        }),
      ]);
    });

    it('answers 400 naming the parameter for a malformed period', async () => {
      for (const period of ['2026-13', '2026-Q5', 'last-month']) {
        const res = await request(app).get(
          `/v1/entities/component/default/checkout/sla?period=${period}`,
        );
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(
          /^Invalid query parameter 'period'/,
        );
      }
    });

    it('re-posting the same batch changes no figure', async () => {
      const before = await request(app).get(
        '/v1/entities/component/default/checkout/availability?period=2026-10',
      );
      expect(await store.ingest('incidents', incidents)).toEqual({
        accepted: 0,
        updated: 0,
        unchanged: 5,
      });
      const again = await request(app).get(
        '/v1/entities/component/default/checkout/availability?period=2026-10',
      );
      expect(again.body).toEqual(before.body);
    });
  },
);
