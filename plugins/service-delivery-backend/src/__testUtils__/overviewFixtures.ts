import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import express from 'express';
import { Knex } from 'knex';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { withWriteListener } from '../database/decorateStore';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { OverviewCache } from '../overview/OverviewCache';
import { IngestTraffic } from '../overview/IngestTraffic';
import { OverviewRefresher } from '../overview/OverviewRefresher';
import { OwnerNotifier } from '../overview/OwnerNotifier';
import { createRouter } from '../service/router';

/*
 * A small organisation read on 16 November 2026 at 00:00 UTC: fifteen of November's thirty days
 * (1,296,000 of 2,592,000 s) have passed. Every service runs 24x7 in UTC.
 *
 * organisation ← technology ← payments, data; organisation ← retail-banking. Domains banking and
 * insights; systems payments-processing (banking) and analytics (insights).
 *
 * - payments-api (tier-1, payments-processing): SLA retail-sla, availability 99.9 %. One full outage
 *   of 1 h (3,600 s) on the 3rd. Allowed 0.1 % × 2,592,000 = 2,592 s → breached; availability so
 *   far (1,296,000 − 3,600) / 1,296,000 = 99.7222…%. It depends on payments-db, measured at
 *   99.8611…% (below), so its 99.9 % target is unachievable. Cost: budget 1,000 EUR a month;
 *   November 800 + 350 = 1,150, 150 (15 %) over. Continuity: last DR test 2026-01-10, every 6mo →
 *   overdue since 2026-07-10.
 * - payments-db (resource, tier-1, payments-processing): OLA db-ola 99.5 %. A 30-minute outage
 *   (1,800 s) of 12,960 s allowed: 86.1 % left, burning 0.28× → met; availability 99.8611…%.
 *   Storage 1,000 GiB (warning 70 %, critical 85 %): +6 GiB a day to 790 GiB on the 15th (79 %,
 *   above warning), reaching 850 GiB on the 25th.
 * - fraud-scoring (tier-1, payments-processing): SLA fraud-sla 99.95 %. A 20-minute outage
 *   (1,200 s) of 1,296 s allowed: 7.4 % left → at risk; availability 99.9074…%.
 * - reporting (tier-2, analytics, owned by data): no agreement; the tier's 99.9 % applies, no
 *   incidents → met.
 * - ledger (payments): `tier: tier-7`, a tier the config does not define → one metadata problem,
 *   no figures.
 * - website declares no service delivery and is not in the overview.
 */

export const NOW = Date.parse('2026-11-16T00:00:00Z');

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
});

const component = (
  name: string,
  spec: Record<string, unknown>,
  kind = 'Component',
  title?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', ...(title ? { title } : {}) },
  spec: { type: 'service', lifecycle: 'production', ...spec },
});

export const entities: Entity[] = [
  group('organisation'),
  group('technology', 'organisation'),
  group('payments', 'technology'),
  group('data', 'group:default/technology'),
  group('retail-banking', 'organisation'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'banking', namespace: 'default' },
    spec: { owner: 'group:technology' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'insights', namespace: 'default' },
    spec: { owner: 'group:data' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'payments-processing', namespace: 'default' },
    spec: { owner: 'payments', domain: 'banking' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'analytics', namespace: 'default' },
    spec: { owner: 'data', domain: 'insights' },
  },
  component('payments-api', {
    owner: 'group:payments',
    system: 'payments-processing',
    dependsOn: ['resource:payments-db'],
    serviceDelivery: {
      tier: 'tier-1',
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          customer: 'group:retail-banking',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.9 },
          ],
          support: [{ priority: 'P1', response: '15m', resolution: '4h' }],
          serviceCredits: '5% of the monthly fee per 0.1% below target',
        },
      ],
      cost: { currency: 'EUR', budget: { monthly: 1000 } },
      continuity: {
        rto: '1h',
        rpo: '15m',
        strategy: 'hot-standby',
        testEvery: '6mo',
      },
    },
  }),
  component(
    'payments-db',
    {
      type: 'database',
      owner: 'group:payments',
      system: 'payments-processing',
      serviceDelivery: {
        tier: 'tier-1',
        agreements: [
          {
            name: 'db-ola',
            type: 'OLA',
            period: 'month',
            objectives: [
              { name: 'availability', kind: 'availability', target: 99.5 },
            ],
          },
        ],
        capacity: {
          resources: [
            {
              name: 'storage',
              unit: 'GiB',
              capacity: 1000,
              warning: 70,
              critical: 85,
            },
          ],
        },
      },
    },
    'Resource',
  ),
  component(
    'fraud-scoring',
    {
      owner: 'group:payments',
      system: 'payments-processing',
      serviceDelivery: {
        tier: 'tier-1',
        agreements: [
          {
            name: 'fraud-sla',
            type: 'SLA',
            customer: 'group:retail-banking',
            period: 'month',
            objectives: [
              { name: 'availability', kind: 'availability', target: 99.95 },
            ],
          },
        ],
      },
    },
    'Component',
    'Fraud scoring, "real-time"',
  ),
  component('reporting', {
    owner: 'group:data',
    system: 'analytics',
    serviceDelivery: { tier: 'tier-2' },
  }),
  component('ledger', {
    owner: 'group:payments',
    serviceDelivery: { tier: 'tier-7' },
  }),
  component('website', { owner: 'group:payments' }),
];

/** The entities above, with payments-processing declaring a monthly budget that holds its parts'. */
export function entitiesWithSystemBudget(monthly: number): Entity[] {
  return entities.map(entity =>
    entity.metadata.name === 'payments-processing'
      ? {
          ...entity,
          spec: {
            ...entity.spec,
            serviceDelivery: {
              tier: 'tier-1',
              cost: { currency: 'EUR', budget: { monthly } },
            },
          },
        }
      : entity,
  );
}

export const settings: ServiceDeliverySettings = {
  currency: 'EUR',
  tiers: {
    'tier-1': { availability: 99.95, rto: '1h', rpo: '15m', testEvery: '6mo' },
    'tier-2': { availability: 99.9, rto: '4h', rpo: '1h', testEvery: '1y' },
  },
  partialOutageWeight: 0.5,
  validation: 'warn',
} as ServiceDeliverySettings;

const outage = (
  id: string,
  entityRef: string,
  startedAt: string,
  resolvedAt: string,
) => ({
  id,
  source: 'pagerduty',
  entityRef,
  title: `Outage ${id}`,
  priority: 'P1',
  impact: 'full' as const,
  startedAt,
  acknowledgedAt: startedAt,
  resolvedAt,
});

const DAY = 86_400_000;

export async function loadMeasuredData(store: ServiceDeliveryStore) {
  await store.ingest('incidents', [
    outage(
      'A',
      'component:default/payments-api',
      '2026-11-03T10:00:00.000Z',
      '2026-11-03T11:00:00.000Z',
    ),
    outage(
      'B',
      'resource:default/payments-db',
      '2026-11-05T10:00:00.000Z',
      '2026-11-05T10:30:00.000Z',
    ),
    outage(
      'C',
      'component:default/fraud-scoring',
      '2026-11-07T10:00:00.000Z',
      '2026-11-07T10:20:00.000Z',
    ),
  ]);
  await store.ingest(
    'costs',
    [
      ['oct', '2026-10', 'compute', 900],
      ['nov-compute', '2026-11', 'compute', 800],
      ['nov-storage', '2026-11', 'storage', 350],
    ].map(([id, periodStart, category, amount]) => ({
      id: id as string,
      source: 'finance',
      entityRef: 'component:default/payments-api',
      periodStart: periodStart as string,
      category: category as string,
      amount: amount as number,
      currency: 'EUR',
    })),
  );
  // 610 GiB on 17 October, 6 GiB more each day: 790 GiB on 15 November
  await store.ingest(
    'capacity',
    Array.from({ length: 30 }, (_, day) => ({
      entityRef: 'resource:default/payments-db',
      source: 'prometheus',
      resource: 'storage',
      at: new Date(
        Date.parse('2026-10-17T00:00:00Z') + day * DAY,
      ).toISOString(),
      used: 610 + 6 * day,
    })),
  );
  await store.ingest('dr-tests', [
    {
      id: 'dr-1',
      source: 'runbook',
      entityRef: 'component:default/payments-api',
      performedAt: '2026-01-10T09:00:00.000Z',
      result: 'passed',
      achievedRto: 1800,
      achievedRpo: 300,
    },
  ]);
}

/** The overview as the plugin wires it, on a test database, with a notification mock. */
export async function createOverviewHarness(options: {
  knex: Knex;
  permissions?: PermissionsService;
  now?: () => number;
  catalogEntities?: Entity[];
  debounceMs?: number;
  streamingSlice?: number;
  reuseRowsForMs?: number;
  writeChunk?: number;
}) {
  const database = mockServices.database({
    knex: options.knex,
    migrations: { skip: false },
  });
  const measured = await DatabaseServiceDeliveryStore.create({ database });
  const overviewStore = await DatabaseOverviewStore.create({ database });
  const logger = mockServices.logger.mock();
  const now = options.now ?? (() => NOW);
  const catalogEntities = options.catalogEntities ?? entities;
  const catalog = catalogServiceMock({ entities: catalogEntities });
  const notifications: jest.Mocked<NotificationService> = {
    send: jest.fn().mockResolvedValue(undefined),
  };
  const ingestTraffic = new IngestTraffic();
  const refresher = new OverviewRefresher({
    ingestTraffic,
    catalog,
    auth: mockServices.auth(),
    store: measured,
    overviewStore,
    settings,
    logger,
    notifier: new OwnerNotifier({
      overviewStore,
      notifications,
      logger,
      now,
      digestAbove: settings.notifications?.digestAbove,
    }),
    now,
    debounceMs: options.debounceMs ?? 10,
    streamingSlice: options.streamingSlice,
    writeChunk: options.writeChunk,
    reuseRowsForMs: options.reuseRowsForMs,
  });
  const cache = new OverviewCache({
    overviewStore,
    computePeriod: period => refresher.computePeriod(period),
    now,
  });
  refresher.onRefreshed(() => cache.invalidate());
  const store = withWriteListener(measured, (refs, kind) =>
    refresher.entitiesChanged(refs, kind),
  );
  const router = await createRouter({
    logger,
    httpAuth: mockServices.httpAuth(),
    permissions: options.permissions ?? mockServices.permissions(),
    catalog,
    store,
    settings,
    overview: cache,
    ingestTraffic,
    now,
  });
  const app = express()
    .use(router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig({ data: {} }),
        logger,
      }).error(),
    );
  return {
    app,
    store,
    measured,
    overviewStore,
    refresher,
    cache,
    notifications,
    logger,
    ingestTraffic,
  };
}
