import { mockServices } from '@backstage/backend-test-utils';
import { SliRecord } from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { DatabaseServiceDeliveryStore } from './DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const buckets = (count: number, source = 'prometheus'): SliRecord[] =>
  Array.from({ length: count }, (_, hour) => ({
    entityRef: 'component:default/payments-api',
    source,
    objective: 'success-rate',
    bucketStart: new Date(Date.UTC(2026, 9, 1, hour)).toISOString(),
    bucketSeconds: 3600,
    good: 99,
    total: 100,
  }));

/** PostgreSQL's row estimate of a table: -1 until it was first analysed (or vacuumed). */
async function estimatedRows(knex: Knex, table: string): Promise<number> {
  const [row] = await knex('pg_class')
    .select('reltuples')
    .where({ relname: table });
  return Number(row.reltuples);
}

describe.each(databases.eachSupportedId())(
  "the measured tables' planner statistics on %p",
  databaseId => {
    let knex: Knex;
    let store: DatabaseServiceDeliveryStore;
    const postgres = databaseId.startsWith('POSTGRES');

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    });

    it('are gathered for a table once enough rows were written to it, and then not again until as many more', async () => {
      await store.ingest('sli', buckets(30));
      // 30 rows: not yet due at 40
      expect(await store.analyzeWrittenTables(40)).toEqual([]);
      // the same 30 again change nothing: still 30
      await store.ingest('sli', buckets(30));
      expect(await store.analyzeWrittenTables(31)).toEqual([]);
      // 10 more rows (another source) make 40
      await store.ingest('sli', buckets(10, 'manual'));
      // SQLite plans without gathered statistics here
      const analyzed = await store.analyzeWrittenTables(40);
      expect(analyzed).toEqual(postgres ? ['sd_sli'] : []);
      if (!postgres) return;
      // the analyse gave the table its estimate (-1, none, until then)
      expect(await estimatedRows(knex, 'sd_sli')).toBe(40);
      expect(await store.analyzeWrittenTables(40)).toEqual([]);
      await store.ingest('capacity', [
        {
          entityRef: 'component:default/payments-api',
          source: 'prometheus',
          resource: 'storage',
          at: '2026-10-01T00:00:00.000Z',
          used: 512,
        },
      ]);
      expect(await store.analyzeWrittenTables(1)).toEqual(['sd_capacity']);
    });
  },
);
