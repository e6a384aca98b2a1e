import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * SQLite always; PostgreSQL whenever a connection string for it is set in the environment
 * (`BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING`, as CI does).
 */
export function databaseIds(): TestDatabaseId[] {
  const ids: TestDatabaseId[] = ['SQLITE_3'];
  for (const name of Object.keys(process.env)) {
    const match =
      /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/.exec(name);
    if (match) ids.push(`POSTGRES_${match[1]}` as TestDatabaseId);
  }
  return ids;
}

export function createTestDatabases(): TestDatabases {
  return TestDatabases.create({ ids: databaseIds() });
}
