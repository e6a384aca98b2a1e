import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Knex } from 'knex';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { NOW, settings } from '../__testUtils__/overviewFixtures';
import {
  createTestDatabases,
  databaseIds,
} from '../__testUtils__/testDatabases';
import { CatalogSnapshot } from './catalogSnapshot';
import {
  computeOverviewRows,
  computeOverviewRowsInBatches,
} from './overviewRows';

jest.setTimeout(60_000);

/*
 * 250 services, so batches of 100, 100 and 50, each batch's incidents read with one query. Each
 * runs 24x7 in UTC against 99.9 % a month; service i had one full outage of i minutes on
 * 2026-11-02, so on the 16th (1,296,000 s of November passed) its availability is
 * (1,296,000 − 60 i) / 1,296,000, and it breaches once 60 i > 2,592 s allowed: from service 44 on.
 */
const SERVICES = 250;
const name = (i: number) => `svc-${String(i).padStart(3, '0')}`;
const services: Entity[] = Array.from({ length: SERVICES }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: name(i), namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/team',
    serviceDelivery: {
      agreements: [
        {
          name: 'sla',
          type: 'SLA',
          objectives: [{ name: 'up', kind: 'availability', target: 99.9 }],
        },
      ],
    },
  },
}));
const outageStart = Date.parse('2026-11-02T00:00:00Z');

/** The measured-data store and the overview's aggregates, migrated, on one test database. */
async function storesOn(knex: Knex) {
  const database = mockServices.database({
    knex,
    migrations: { skip: false },
  });
  return {
    store: await DatabaseServiceDeliveryStore.create({ database }),
    aggregates: await DatabaseOverviewStore.create({ database }),
  };
}

/** What the rows of the services above are computed from. */
function rowsOptions(stores: Awaited<ReturnType<typeof storesOn>>) {
  return {
    ...stores,
    entities: services,
    snapshot: new CatalogSnapshot(services, NOW),
    settings,
    now: NOW,
    logger: mockServices.logger.mock(),
  };
}

describe('computeOverviewRows', () => {
  const databases = createTestDatabases();

  it.each(databaseIds())(
    'computes each row of every batch from its own incidents, in order, on %p',
    async databaseId => {
      const stores = await storesOn(await databases.init(databaseId));
      await stores.store.ingest(
        'incidents',
        services.map((_, i) => ({
          id: `outage-${i}`,
          source: 'pagerduty',
          entityRef: `component:default/${name(i)}`,
          title: 'Down',
          impact: 'full' as const,
          startedAt: new Date(outageStart).toISOString(),
          resolvedAt: new Date(outageStart + i * 60_000).toISOString(),
        })),
      );

      const rows = await computeOverviewRows(rowsOptions(stores));

      expect(rows.map(r => r.row.entityRef)).toEqual(
        services.map(s => `component:default/${s.metadata.name}`),
      );
      for (const i of [0, 43, 44, 99, 100, 199, 200, 249]) {
        const objective = rows[i].row.serviceLevel!.agreements[0].objectives[0];
        expect(objective.actual).toBeCloseTo(
          (100 * (1_296_000 - 60 * i)) / 1_296_000,
          9,
        );
        // service 43's 2,580 s is 99.5 % of the budget half-way through the month
        expect(objective.status).toBe(
          { 0: 'met', 43: 'at-risk' }[i] ?? 'breached',
        );
      }
    },
  );

  it('reads the next batch while the current one is computed and handed on', async () => {
    const stores = await storesOn(await databases.init('SQLITE_3'));
    const { store } = stores;
    const events: string[] = [];
    const listIncidents = store.listIncidents.bind(store);
    jest.spyOn(store, 'listIncidents').mockImplementation(async query => {
      // the batch reads name all of its entities; a row's own reads are answered from them
      if (query.entityRefs.length > 1) {
        events.push(`read ${query.entityRefs[0]}`);
      }
      return listIncidents(query);
    });
    await computeOverviewRowsInBatches({
      ...rowsOptions(stores),
      onRows: async rows => {
        events.push(`rows ${rows[0].row.entityRef}`);
      },
    });
    expect(events).toEqual([
      'read component:default/svc-000',
      'read component:default/svc-100',
      'rows component:default/svc-000',
      'read component:default/svc-200',
      'rows component:default/svc-100',
      'rows component:default/svc-200',
    ]);
  });
});
