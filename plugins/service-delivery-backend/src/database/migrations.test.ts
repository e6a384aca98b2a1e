import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { SQLITE_PAGE_SIZE, migrateToLatest } from './sql';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const directory = resolvePackagePath(
  '@service-delivery/plugin-service-delivery-backend',
  'migrations',
);

describe.each(databases.eachSupportedId())(
  'the record integrity migration on %p',
  databaseId => {
    it('keeps the rows written before it and keys series by source', async () => {
      const knex = await databases.init(databaseId);
      // the schema before the record integrity migration
      await knex.migrate.up({ directory });
      await knex.migrate.up({ directory });
      const [, pending] = await knex.migrate.list({ directory });
      expect(pending.map((m: { file: string }) => m.file)[0]).toEqual(
        '20261216000000_record_integrity.js',
      );
      const at = Date.parse('2026-10-01T00:00:00Z');
      await knex('sd_incidents').insert({
        source: 'pagerduty',
        id: 'INC-1',
        entity_ref: 'component:default/payments-api',
        title: 'down',
        impact: 'full',
        started_at: at,
        planned: false,
      });
      await knex('sd_sli').insert({
        entity_ref: 'component:default/payments-api',
        objective: 'availability',
        bucket_start: at,
        bucket_seconds: 300,
        good: 9,
        total: 10,
        source: 'prometheus',
      });
      await knex('sd_capacity').insert({
        entity_ref: 'component:default/payments-api',
        resource: 'cpu',
        at,
        used: 3,
        source: 'prometheus',
      });

      await migrateToLatest(knex);

      const incident = await knex('sd_incidents').first();
      expect(incident).toMatchObject({
        id: 'INC-1',
        title: 'down',
        written_by: null,
        written_at: null,
      });
      expect(
        (await knex('sd_sli')).map(row => [Number(row.good), row.source]),
      ).toEqual([[9, 'prometheus']]);
      // another source's bucket of the same instant is a row of its own now
      await knex('sd_sli').insert({
        entity_ref: 'component:default/payments-api',
        objective: 'availability',
        bucket_start: at,
        bucket_seconds: 300,
        good: 5,
        total: 10,
        source: 'push',
      });
      await knex('sd_capacity').insert({
        entity_ref: 'component:default/payments-api',
        resource: 'cpu',
        at,
        used: 4,
        source: 'push',
      });
      expect(await knex('sd_sli')).toHaveLength(2);
      expect(await knex('sd_capacity')).toHaveLength(2);
      const duplicate = await knex('sd_sli')
        .insert({
          entity_ref: 'component:default/payments-api',
          objective: 'availability',
          bucket_start: at,
          bucket_seconds: 300,
          good: 5,
          total: 10,
          source: 'push',
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      // (the driver's error is not always an Error of this realm, so its text is what is checked)
      expect(String(duplicate)).toMatch(/unique|duplicate/i);
      expect(await knex('sd_audit')).toEqual([]);
      expect(await knex('sd_entities')).toEqual([]);

      // and back down: one row per instant again
      await knex.migrate.down({
        directory,
        name: '20261216000000_record_integrity.js',
      });
      expect(await knex('sd_sli')).toHaveLength(1);
      expect(await knex('sd_capacity')).toHaveLength(1);
      expect(await knex.schema.hasTable('sd_audit')).toBe(false);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'migrating on %p after two replicas each inserted knex lock row',
  databaseId => {
    it('removes the extra unlocked row instead of finding the lock taken for ever', async () => {
      const knex = await databases.init(databaseId);
      await migrateToLatest(knex);
      // what two replicas creating the lock table at the same moment can leave
      await knex('knex_migrations_lock').insert({ is_locked: 0 });
      await expect(knex.migrate.latest({ directory })).rejects.toThrow(
        /already locked/,
      );

      await migrateToLatest(knex, 3);

      expect(await knex('knex_migrations_lock').select('is_locked')).toEqual([
        { is_locked: 0 },
      ]);
      await expect(knex.migrate.latest({ directory })).resolves.toBeDefined();
    });
  },
);

describe('the page size of a SQLite database', () => {
  const pageSize = async (knex: Knex) =>
    Number((await knex.raw('pragma page_size'))[0].page_size);

  it('is SQLITE_PAGE_SIZE when the migrations create the database', async () => {
    const knex = await databases.init('SQLITE_3');
    await migrateToLatest(knex);
    expect(await pageSize(knex)).toBe(SQLITE_PAGE_SIZE);
    expect(SQLITE_PAGE_SIZE).not.toBe(4096);
    // every store test on SQLite runs on such a database
  });

  it('stays as it was in a database that already had tables', async () => {
    const knex = await databases.init('SQLITE_3');
    await knex.schema.createTable('before_us', table => table.string('id'));
    await migrateToLatest(knex);
    expect(await pageSize(knex)).toBe(4096);
    expect(await knex.schema.hasTable('sd_incidents')).toBe(true);
  });
});
