import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

    it("counts a system's budget once, holding its parts', on the Cost tab and in the overview alike", async () => {
      // the warehousing system, also data's, has 2,000 a month that holds warehouse's 500
      const warehousing: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'warehousing', namespace: 'default' },
        spec: {
          owner: 'group:data',
          serviceDelivery: {
            tier: 'tier-2',
            cost: { currency: 'EUR', budget: { monthly: 2000 } },
          },
        },
      };
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities: [
          ...entities,
          warehousing,
          { ...warehouse, spec: { ...warehouse.spec, system: 'warehousing' } },
        ],
      });
      await loadMeasuredData(harness.measured);
      await harness.refresher.refreshAll();

      const cost = await request(harness.app).get(
        '/v1/entities/group/default/technology/cost?from=2026-11&to=2026-11',
      );
      expect(cost.status).toBe(200);
      const tab = cost.body as CostResponse;
      // payments-api 1,150 against 1,000; warehousing 0 against 2,000, warehouse's 500 in it
      expect(tab.total).toBe(1150);
      expect(tab.budgetTotal).toBe(3000);
      expect(tab.varianceTotal).toBe(-1850);
      expect(
        tab.rollUp!.parts.filter(part => part.entityRef.includes('warehous')),
      ).toEqual([
        {
          entityRef: 'component:default/warehouse',
          total: 0,
          budget: 500,
          budgetHeldBy: 'system:default/warehousing',
        },
        { entityRef: 'system:default/warehousing', total: 0, budget: 2000 },
      ]);

      const overview = await request(harness.app).get(
        '/v1/overview?owner=group:default/technology',
      );
      expect(overview.status).toBe(200);
      const body = overview.body as OverviewResponse;
      expect(body.kpis.cost).toEqual([
        expect.objectContaining({
          currency: 'EUR',
          actual: 1150,
          budget: 3000,
          variance: -1850,
        }),
      ]);
      // the system's row shows what its budget holds, as its tab does; its part's row its own
      const costOf = (ref: string) =>
        body.rows.find(row => row.entityRef === ref)?.cost;
      expect(costOf('system:default/warehousing')?.withParts).toEqual({
        actual: 0,
        budget: 2000,
        variance: -2000,
        parts: 1,
        lastMonth: {
          month: '2026-10',
          actual: 0,
          budget: 2000,
          variance: -2000,
        },
      });
      expect(costOf('component:default/warehouse')).toEqual(
        expect.objectContaining({ actual: null, budget: 500 }),
      );
      expect(costOf('component:default/warehouse')?.withParts).toBeUndefined();
      // the CSV says so too: summing `budget` over the rows without `budgetHeldBy` counts each once
      const csv = await request(harness.app).get(
        '/v1/overview.csv?owner=group:default/technology',
      );
      const [header, ...records] = parseCsv(csv.text);
      const field = (ref: string, name: string) =>
        records.find(r => r[0] === ref)![header.indexOf(name)];
      expect(field('system:default/warehousing', 'costWithParts')).toBe('0');
      expect(field('component:default/warehouse', 'budgetHeldBy')).toBe(
        'system:default/warehousing',
      );
      expect(field('component:default/payments-api', 'budgetHeldBy')).toBe('');
      expect(
        records
          .filter(r => r[header.indexOf('budgetHeldBy')] === '')
          .reduce((sum, r) => sum + Number(r[header.indexOf('budget')]), 0),
      ).toBe(3000);
      // the system's own tab sums its part against its own budget
      const system = await request(harness.app).get(
        '/v1/entities/system/default/warehousing/cost?from=2026-11&to=2026-11',
      );
      expect([system.body.total, system.body.budgetTotal]).toEqual([0, 2000]);
    });

    it('exports the same money as FOCUS CSV, showback or chargeback', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities: [...entities, warehouse],
      });
      await loadMeasuredData(harness.measured);
      const url =
        '/v1/entities/group/default/technology/cost/focus.csv?from=2026-10&to=2026-11';
      const showback = await request(harness.app).get(url);
      expect(showback.status).toBe(200);
      expect(showback.headers['content-type']).toMatch(/^text\/csv/);
      const rows = parseCsv(showback.text);
      expect(rows[0].slice(0, 5)).toEqual([
        'BillingPeriodStart',
        'BillingPeriodEnd',
        'ChargePeriodStart',
        'ChargePeriodEnd',
        'BilledCost',
      ]);
      const column = (name: string) => rows[0].indexOf(name);
      const records = rows.slice(1);
      // October compute 900; November compute 800 and storage 350: all payments-api's
      expect(
        records.map(r => [
          r[column('ResourceId')],
          r[column('x_CostCategory')],
          r[column('BilledCost')],
          r[column('SubAccountId')],
        ]),
      ).toEqual([
        [
          'component:default/payments-api',
          'compute',
          '900',
          'group:default/payments',
        ],
        [
          'component:default/payments-api',
          'compute',
          '800',
          'group:default/payments',
        ],
        [
          'component:default/payments-api',
          'storage',
          '350',
          'group:default/payments',
        ],
      ]);
      const sum = (lines: string[][]) =>
        lines.reduce((total, r) => total + Number(r[column('BilledCost')]), 0);
      const tab = await request(harness.app).get(
        '/v1/entities/group/default/technology/cost?from=2026-10&to=2026-11',
      );
      expect(sum(records)).toBe(tab.body.total);

      const chargeback = await request(harness.app).get(
        `${url}&view=chargeback`,
      );
      expect(chargeback.status).toBe(200);
      expect(sum(parseCsv(chargeback.text).slice(1))).toBe(tab.body.total);

      const bad = await request(harness.app).get(`${url}&view=invoice`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(/'view'/);
    });

    it('answers FOCUS CSV only with the cost permission', async () => {
      const harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        permissions: mockServices.permissions({
          result: AuthorizeResult.DENY,
        }),
      });
      const res = await request(harness.app).get(
        '/v1/entities/component/default/payments-api/cost/focus.csv',
      );
      expect(res.status).toBe(403);
    });
  },
);

/** RFC 4180 as the export writes it: quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.split('\r\n').filter(l => l !== '')) {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') {
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
        fields.push(field);
        field = '';
      } else {
        field += c;
      }
    }
    fields.push(field);
    rows.push(fields);
  }
  return rows;
}
