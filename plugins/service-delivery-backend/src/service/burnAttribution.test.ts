import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SlaResponse } from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { CatalogGraphSnapshot, graphEntity } from '../disciplines/catalogGraph';
import {
  slaReportCsv,
  slaReportService,
  slaReportSummary,
} from '../reports/slaReport';
import { createRouter } from './router';

jest.setTimeout(60_000);

/*
 * October 2026 for retail, a 24x7 service in UTC (31 days = 2,678,400 s of agreed service time).
 * It needs message-bus, one of (db-a, db-b), and hidden-dep, which the caller cannot see in the catalog.
 *
 * retail is down 10-06 10:00–11:00 (3,600 s) and 10-20 08:00–08:30 (1,800 s): 5,400 s consumed.
 *   message-bus out 10-06 09:50–10:45            → overlaps 10:00–10:45 = 2,700 s = 50 %
 *   db-a out 10:30–11:30, db-b out 10:40–12:00  → the pair is out 10:40–11:30; overlaps 10:40–11:00
 *                                                  = 1,200 s = 22.2 %
 *   hidden-dep out 10-20 08:00–08:30             → not the caller's to see: the 1,800 s stay unexplained
 *                                                  (and 10:00–11:00 is covered by the bus or the pair)
 *
 * success-rate (ratio) in hourly buckets, 1,000 events each: 10-06 09:00 with 10 bad, 10:00 with 30 bad,
 * 10-07 00:00 with 60 bad = 100 bad events.
 *   message-bus touches the 09:00 and 10:00 buckets but covers neither: between 0 and 40 (0–40 %)
 *   the pair touches only the 10:00 bucket: between 0 and 30
 *   unexplained: the 10-07 bucket for sure (60); the 09:00 bucket is partly covered → 60 to 70
 */
const retail: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'retail', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:retail',
    dependsOn: [
      'component:message-bus',
      'resource:db-a',
      'resource:db-b',
      'component:hidden-dep',
    ],
    serviceDelivery: {
      redundancy: [{ anyOf: ['resource:db-a', 'resource:db-b'] }],
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.9 },
            { name: 'success-rate', kind: 'ratio', target: 99 },
          ],
        },
      ],
    },
  },
};

const dependency = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:platform' },
});

const outage = (
  entityRef: string,
  id: string,
  startedAt: string,
  resolvedAt: string,
) => ({
  id,
  source: 'pagerduty',
  entityRef,
  title: `Outage ${id}`,
  priority: 'P1',
  impact: 'full',
  startedAt: `2026-10-${startedAt}:00.000Z`,
  resolvedAt: `2026-10-${resolvedAt}:00.000Z`,
});

const bucket = (bucketStart: string, bad: number) => ({
  entityRef: 'component:default/retail',
  source: 'prometheus',
  objective: 'success-rate',
  bucketStart: `2026-10-${bucketStart}:00.000Z`,
  bucketSeconds: 3600,
  good: 1000 - bad,
  total: 1000,
});

const settings = {
  currency: 'EUR',
  tiers: {},
  partialOutageWeight: 0.5,
  validation: 'warn' as const,
};

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'burn attributed to dependencies on %p',
  databaseId => {
    let app: express.Express;
    let store: DatabaseServiceDeliveryStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      store = await DatabaseServiceDeliveryStore.create({ database });
      await store.ingest('incidents', [
        outage('component:default/retail', 'r1', '06T10:00', '06T11:00'),
        outage('component:default/retail', 'r2', '20T08:00', '20T08:30'),
        outage('component:default/message-bus', 'm1', '06T09:50', '06T10:45'),
        outage('resource:default/db-a', 'a1', '06T10:30', '06T11:30'),
        outage('resource:default/db-b', 'b1', '06T10:40', '06T12:00'),
        outage('component:default/hidden-dep', 'h1', '20T08:00', '20T08:30'),
      ] as any[]);
      await store.ingest('sli', [
        bucket('06T09:00', 10),
        bucket('06T10:00', 30),
        bucket('07T00:00', 60),
      ] as any[]);

      const config = mockServices.rootConfig({ data: {} });
      const logger = mockServices.logger.mock();
      const router = await createRouter({
        logger,
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        // hidden-dep is not in what the catalog shows this caller
        catalog: catalogServiceMock({
          entities: [
            retail,
            dependency('Component', 'message-bus'),
            dependency('Resource', 'db-a'),
            dependency('Resource', 'db-b'),
          ],
        }),
        store,
        settings,
        now: () => Date.parse('2026-11-23T12:00:00Z'),
      });
      app = express()
        .use(router)
        .use(MiddlewareFactory.create({ config, logger }).error());
    });

    it('attributes each objective’s consumed budget to the dependencies out meanwhile', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/retail/sla?period=2026-10',
      );
      expect(res.status).toBe(200);
      const body: SlaResponse = res.body;
      const [availability, successRate] = body.agreements[0].objectives;
      expect(availability.status).toBe('breached');
      expect(availability.burnAttribution).toEqual({
        unit: 'seconds',
        dependencies: [
          {
            entityRef: 'component:default/message-bus',
            share: 0.5,
            seconds: 2700,
          },
          {
            group: ['resource:default/db-a', 'resource:default/db-b'],
            share: expect.closeTo(1200 / 5400, 12),
            seconds: 1200,
          },
        ],
        unexplained: { share: expect.closeTo(1 / 3, 12), seconds: 1800 },
        exact: true,
      });
      expect(successRate.burnAttribution).toEqual({
        unit: 'events',
        dependencies: [
          {
            entityRef: 'component:default/message-bus',
            share: { low: 0, high: 0.4 },
            events: { low: 0, high: 40 },
          },
          {
            group: ['resource:default/db-a', 'resource:default/db-b'],
            share: { low: 0, high: 0.3 },
            events: { low: 0, high: 30 },
          },
        ],
        unexplained: {
          share: { low: 0.6, high: 0.7 },
          events: { low: 60, high: 70 },
        },
        exact: false,
      });
    });

    it('lists the top attribution of each objective in the SLA report', async () => {
      const visible = [
        retail,
        dependency('Component', 'message-bus'),
        dependency('Resource', 'db-a'),
        dependency('Resource', 'db-b'),
      ].map(graphEntity);
      const graph = new CatalogGraphSnapshot(
        new Map(visible.map(node => [node.ref, node])),
        0,
      );
      const report = await slaReportService({
        entity: retail,
        period: '2026-10',
        now: Date.parse('2026-11-23T12:00:00Z'),
        store,
        settings,
        problems: [],
        closure: graph.closure(retail),
      });
      const objectives = report.agreements[0].objectives;
      expect(objectives.map(o => [o.name, o.topDependencyBurn])).toEqual([
        [
          'availability',
          {
            entityRef: 'component:default/message-bus',
            share: 0.5,
            seconds: 2700,
          },
        ],
        [
          'success-rate',
          {
            entityRef: 'component:default/message-bus',
            share: { low: 0, high: 0.4 },
            events: { low: 0, high: 40 },
          },
        ],
      ]);
      const csv = slaReportCsv({
        generatedAt: '2026-11-23T12:00:00.000Z',
        period: '2026-10',
        scope: { entityRef: 'component:default/retail', filters: {} },
        summary: slaReportSummary([report]),
        services: [report],
      })
        .trimEnd()
        .split('\r\n');
      // the attribution columns, then the corrections' (none here)
      expect(csv[0]).toMatch(
        /,burnedMostDuring,burnedMostDuringLowPercent,burnedMostDuringHighPercent,correctionExcludes,correctionReason,correctionNote,correctedBy$/,
      );
      expect(csv[1]).toMatch(/,availability,.*,message-bus,50,50,,,,$/);
      expect(csv[2]).toMatch(/,success-rate,.*,message-bus,0,40,,,,$/);
    });
  },
);
