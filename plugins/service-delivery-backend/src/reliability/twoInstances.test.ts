import { DatabaseService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const postgres = databases
  .eachSupportedId()
  .filter(([id]) => id.startsWith('POSTGRES'));

/** A second, independent connection pool to the same database, as another replica would have. */
function secondPool(knex: Knex): Knex {
  return knexFactory({
    client: 'pg',
    connection: knex.client.config.connection,
    pool: { min: 0, max: 5 },
  });
}

const asDatabase = (knex: Knex): DatabaseService =>
  mockServices.database({ knex, migrations: { skip: false } });

// Two backend instances on one PostgreSQL (SQLite in memory cannot be shared between processes).
(postgres.length > 0
  ? describe.each(postgres)
  : describe.skip.each([['none' as TestDatabaseId]]))(
  'two instances on %p',
  databaseId => {
    it('run their migrations at the same moment without error, and both see every write', async () => {
      const first = await databases.init(databaseId);
      const second = secondPool(first);
      try {
        const [a, b] = await Promise.all([
          DatabaseServiceDeliveryStore.create({ database: asDatabase(first) }),
          DatabaseServiceDeliveryStore.create({ database: asDatabase(second) }),
        ]);
        const [{ n }] = await first('knex_migrations').count({ n: '*' });
        expect(Number(n)).toBeGreaterThan(0);

        await a.ingest('costs', [
          {
            id: 'c1',
            source: 'finance',
            entityRef: 'component:default/a',
            periodStart: '2026-10',
            category: 'compute',
            amount: 10,
            currency: 'EUR',
          },
        ]);
        expect(
          await b.ingest('costs', [
            {
              id: 'c1',
              source: 'finance',
              entityRef: 'component:default/a',
              periodStart: '2026-10',
              category: 'compute',
              amount: 10,
              currency: 'EUR',
            },
          ]),
        ).toEqual({ accepted: 0, updated: 0, unchanged: 1 });
      } finally {
        await second.destroy();
      }
    });
  },
);
