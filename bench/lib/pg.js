// PostgreSQL housekeeping: the benchmark's databases are created per run (their names start with
// a per-run prefix) and dropped afterwards.
const { Client } = require('pg');

const PG = { host: '127.0.0.1', port: 5432, user: 'postgres' };

async function withAdmin(fn) {
  const client = new Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Fails early, with a clear message, when PostgreSQL is not reachable. */
async function checkPostgres() {
  return withAdmin(
    async client =>
      (await client.query('show server_version')).rows[0].server_version,
  );
}

async function createDatabase(name) {
  await withAdmin(client => client.query(`CREATE DATABASE "${name}"`));
}

/** Drops every database whose name starts with `prefix`; returns their names. */
async function dropDatabases(prefix) {
  return withAdmin(async client => {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    return rows.map(row => row.datname);
  });
}

/** Bytes the databases whose names start with `prefix` take on disk. */
async function databaseSize(prefix) {
  return withAdmin(async client => {
    const { rows } = await client.query(
      'SELECT coalesce(sum(pg_database_size(datname)), 0)::bigint AS bytes FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    return Number(rows[0].bytes);
  });
}

module.exports = {
  PG,
  checkPostgres,
  createDatabase,
  dropDatabases,
  databaseSize,
};
