import { Entity } from '@backstage/catalog-model';
import {
  CostResponse,
  OverviewResponse,
} from '@service-delivery/plugin-service-delivery-common';
import request from 'supertest';
import {
  createOverviewHarness,
  entities,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

// owned by data, a sub-group of technology: a budget of 500 a month and no cost yet
const warehouse: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'warehouse', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:data',
    serviceDelivery: {
      tier: 'tier-2',
      cost: { currency: 'EUR', budget: { monthly: 500 } },
    },
  },
};

describe.each(databases.eachSupportedId())(
  "a group's money on %p",
  databaseId => {
    it('is the same on its Cost tab and in the overview filtered by it: sub-groups and budgets without cost counted in both', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities: [...entities, warehouse],
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();

      const cost = await request(harness.app).get(
        '/v1/entities/group/default/technology/cost?from=2026-11&to=2026-11',
      );
      expect(cost.status).toBe(200);
      const tab = cost.body as CostResponse;
      // payments-api (owned by payments) 800 + 350 against 1,000; warehouse (data) 0 against 500
      expect(tab.rollUp!.parts.map(p => p.entityRef).sort()).toEqual(
        expect.arrayContaining([
          'component:default/payments-api',
          'component:default/warehouse',
        ]),
      );
      expect(tab.total).toBe(1150);
      expect(tab.budgetTotal).toBe(1500);

      const overview = await request(harness.app).get(
        '/v1/overview?owner=group:default/technology',
      );
      expect(overview.status).toBe(200);
      const kpis = (overview.body as OverviewResponse).kpis;
      expect(kpis.cost).toEqual([
        expect.objectContaining({
          currency: 'EUR',
          actual: tab.total,
          budget: tab.budgetTotal,
          variance: tab.varianceTotal,
        }),
      ]);
    });
  },
);
