import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/*
 * What the knex stores share: the migrations, how many values a statement may bind, and the
 * multi-row upsert of the measured-data store (prepared once per SQLite connection).
 */

/** A row as knex reads and writes it. */
export type Row = Record<string, unknown>;

const migrationsDir = resolvePackagePath(
  '@service-delivery/plugin-service-delivery-backend',
  'migrations',
);

export const REFS_PER_QUERY = 500;
/** rows per knex insert: SQLite's form of it is a SELECT of at most 500 terms */
export const ROWS_PER_INSERT = 200;

/**
 * At most this many rows in one SQLite statement. SQLite keeps each statement prepared (see
 * {@link statementSizes}), and a prepared statement holds native memory in proportion to its rows
 * (its program and registers): the upserts of every kind together held 38 MB prepared at the 32,766
 * values SQLite allows, 6 MB at this size.
 */
export const SQLITE_ROWS_PER_STATEMENT = 512;

/**
 * Rows per SQLite upsert statement: SQLite binds at most 32,766 values in one statement (a
 * multi-row VALUES list is not held to its 500-term limit on compound SELECTs), and its statements
 * are kept to {@link SQLITE_ROWS_PER_STATEMENT}.
 */
export function sqliteRowsPerStatement(columns: number): number {
  return Math.max(
    1,
    Math.min(SQLITE_ROWS_PER_STATEMENT, Math.floor(32_000 / columns)),
  );
}

export type Client = 'pg' | 'sqlite';

/** Which of the two databases the plugin supports a knex client (or transaction) talks to. */
export function clientOf(db: Knex): Client {
  return db.client.config.client === 'pg' ? 'pg' : 'sqlite';
}

const writerColumns = ['written_by', 'written_at'];

/** What an upsert does on a conflict, and what it returns: see {@link sqliteUpsertStatement}. */
function conflictClause(options: {
  client: Client;
  table: string;
  columns: string[];
  key: string[];
}): string {
  const { client, table, columns, key } = options;
  // who wrote and when changes with every write; a record is updated only when its values differ,
  // and never moves to another entity (a conflict under another entity_ref leaves the row alone)
  const updatable = columns.filter(
    column =>
      !key.includes(column) &&
      !writerColumns.includes(column) &&
      column !== 'entity_ref',
  );
  const owner = key.includes('entity_ref')
    ? ''
    : `${table}.entity_ref = excluded.entity_ref and `;
  const changed =
    client === 'pg'
      ? `(${updatable
          .map(c => `${table}.${c}`)
          .join(', ')}) is distinct from (${updatable
          .map(c => `excluded.${c}`)
          .join(', ')})`
      : updatable.map(c => `${table}.${c} is not excluded.${c}`).join(' or ');
  const onConflict = `do update set ${[...updatable, ...writerColumns]
    .map(c => `${c} = excluded.${c}`)
    .join(', ')} where ${owner}(${changed})`;
  const returned = key.includes('entity_ref') ? key : [...key, 'entity_ref'];
  return `on conflict (${key.join(', ')}) ${onConflict} returning ${
    client === 'pg' ? '(xmax = 0) as inserted' : 'rowid'
  }, ${returned.join(', ')}`;
}

/**
 * One multi-row upsert, SQLite's: new rows are inserted; an existing row is written again only when
 * a value differs, and then counts as updated. What it returns tells new rows from updated ones (a
 * new row's rowid is above every earlier one; PostgreSQL's form, {@link jsonUpsertStatement},
 * answers `xmax = 0`). Table and column names are the store's own; every value is a bound
 * parameter.
 */
export function sqliteUpsertStatement(options: {
  table: string;
  columns: string[];
  key: string[];
  rows: number;
}): string {
  const { table, columns, rows } = options;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `insert into ${table} (${columns.join(', ')}) values ${new Array(rows)
    .fill(tuple)
    .join(', ')} ${conflictClause({ ...options, client: 'sqlite' })}`;
}

/**
 * PostgreSQL's form of {@link sqliteUpsertStatement}: the rows are bound as one JSON array of
 * objects keyed by column, read back into the table's column types by `json_to_recordset`. A
 * statement of thousands of placeholders costs more to build, send and plan than the rows cost to
 * write: in a 2,500-service bench ingestion the backend spent about 9 s of CPU sending such
 * statements, against 38 s in its ingest requests.
 */
export function jsonUpsertStatement(options: {
  table: string;
  columns: string[];
  /** each column's type, as PostgreSQL's `format_type` names it */
  columnTypes: ReadonlyMap<string, string>;
  key: string[];
}): string {
  const { table, columns, columnTypes } = options;
  const definitions = columns.map(column => {
    const type = columnTypes.get(column);
    if (!type) throw new Error(`${table} has no column ${column}`);
    return `${column} ${type}`;
  });
  return `insert into ${table} (${columns.join(', ')}) select ${columns.join(
    ', ',
  )} from json_to_recordset(?::json) as written(${definitions.join(
    ', ',
  )}) ${conflictClause({ ...options, client: 'pg' })}`;
}

/** A table's columns and their types as PostgreSQL's `format_type` names them. */
export async function pgColumnTypes(
  db: Knex | Knex.Transaction,
  table: string,
): Promise<Map<string, string>> {
  const { rows } = await db.raw(
    `select attname as name, format_type(atttypid, atttypmod) as type
       from pg_attribute
      where attrelid = to_regclass(?) and attnum > 0 and not attisdropped`,
    [table],
  );
  return new Map(
    (rows as Array<{ name: string; type: string }>).map(row => [
      row.name,
      row.type,
    ]),
  );
}

type SqliteStatement = {
  all(parameters: unknown[]): unknown[];
  run(parameters: unknown[]): unknown;
};
type SqliteConnection = { prepare(sql: string): SqliteStatement };

/**
 * Each SQLite connection's prepared upserts, by their text: per table, the full size and the
 * powers of two below it (see {@link statementSizes}).
 */
const sqliteStatements = new WeakMap<
  SqliteConnection,
  Map<string, SqliteStatement>
>();

/**
 * The statement prepared once on the transaction's own better-sqlite3 connection, or undefined
 * when the connection is not better-sqlite3's: preparing a statement of thousands of rows costs as
 * much as running it, and knex would prepare it, and rewrite its placeholders, on every call.
 */
async function preparedOnSqlite(
  tx: Knex.Transaction,
  sql: string,
): Promise<SqliteStatement | undefined> {
  const connection: SqliteConnection | undefined =
    await tx.client.acquireConnection();
  if (typeof connection?.prepare !== 'function') return undefined;
  let statements = sqliteStatements.get(connection);
  if (!statements) {
    statements = new Map();
    sqliteStatements.set(connection, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; knex turns booleans into 0/1. */
function sqliteBindings(bindings: Knex.Value[]): Knex.Value[] {
  for (let i = 0; i < bindings.length; i++) {
    if (typeof bindings[i] === 'boolean') bindings[i] = Number(bindings[i]);
  }
  return bindings;
}

/** Runs an upsert with a `returning` clause through a statement prepared once (SQLite). */
export async function sqliteUpsert(
  tx: Knex.Transaction,
  sql: string,
  bindings: Knex.Value[],
): Promise<Array<{ rowid?: number } & Row>> {
  const statement = await preparedOnSqlite(tx, sql);
  if (!statement) return tx.raw(sql, bindings);
  return statement.all(sqliteBindings(bindings)) as Array<
    { rowid?: number } & Row
  >;
}

/** Runs a statement that returns nothing (an insert) through a statement prepared once (SQLite). */
export async function sqliteRun(
  tx: Knex.Transaction,
  sql: string,
  bindings: Knex.Value[],
): Promise<void> {
  const statement = await preparedOnSqlite(tx, sql);
  if (!statement) {
    await tx.raw(sql, bindings);
    return;
  }
  statement.run(sqliteBindings(bindings));
}

export function slices<T>(items: T[], sizes: number[]): T[][] {
  let start = 0;
  return sizes.map(size => items.slice(start, (start += size)));
}

/**
 * How many rows each statement of a batch takes: as many full statements as fit, then the rest in
 * statements of powers of two (429 = 256 + 128 + 32 + 8 + 4 + 1), so that a few statement sizes
 * serve every batch and SQLite can keep them prepared.
 */
export function statementSizes(rows: number, max: number): number[] {
  const sizes: number[] = [];
  let left = rows;
  while (left >= max) {
    sizes.push(max);
    left -= max;
  }
  for (
    let size = 2 ** Math.floor(Math.log2(Math.max(left, 1)));
    left > 0;
    size /= 2
  ) {
    if (size <= left) {
      sizes.push(size);
      left -= size;
    }
  }
  return sizes;
}

export const keyOf = (row: Row, key: string[]) =>
  JSON.stringify(key.map(column => String(row[column])));

/** SQLite's page size for the database the migrations create. */
export const SQLITE_PAGE_SIZE = 16384;

/**
 * Gives a SQLite database that holds no table yet pages of {@link SQLITE_PAGE_SIZE} bytes instead
 * of SQLite's 4 KiB. SQLite allocates each page it holds with a header of a few hundred bytes, and
 * an in-memory database (Backstage's default in development) holds all of them: with millions of
 * small records that overhead and the allocator's fragments grow with the page count. Measured at
 * 10,000 services (`bench/lib/refreshOnce.js`): 674 MB in use for 590 MB of 4 KiB pages, 637 MB for
 * 585 MB of 16 KiB pages, ingestion and refresh no slower. A database that already has tables keeps
 * its page size (SQLite changes it only by rewriting the whole file); PostgreSQL is left alone.
 */
async function sizeSqlitePages(client: Knex): Promise<void> {
  if (clientOf(client) === 'pg') return;
  const [{ tables }] = await client.raw(
    "select count(*) as tables from sqlite_master where type = 'table'",
  );
  if (Number(tables) === 0) {
    await client.raw(`pragma page_size = ${SQLITE_PAGE_SIZE}`);
  }
}

/**
 * Runs the migrations. Replicas that start together race for knex's migration tables; the loser
 * sees the table appear under it or finds the lock taken, and tries again once the winner is done.
 */
export async function migrateToLatest(client: Knex, attempts = 30) {
  await sizeSqlitePages(client);
  for (let attempt = 1; ; attempt++) {
    try {
      await client.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      const contended = /already exists|already locked|duplicate key/i.test(
        String(error),
      );
      if (!contended || attempt >= attempts) throw error;
      if (/already locked/i.test(String(error))) {
        await keepOneLockRow(client);
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(2000, 100 * attempt)),
      );
    }
  }
}

/**
 * Two replicas that create knex's lock table at the same moment can each insert its one row. knex
 * takes the lock only when its update changes exactly one row, so with two rows every attempt, on
 * every replica, finds the lock "already locked", for ever (seen once in CI on PostgreSQL). The
 * extra rows can only be unlocked ones — no update could lock them — and are removed.
 */
async function keepOneLockRow(client: Knex) {
  const rows: Array<{ index: number }> = await client('knex_migrations_lock')
    .select('index')
    .orderBy('index');
  if (rows.length > 1) {
    await client('knex_migrations_lock')
      .whereNot('index', rows[0].index)
      .delete();
  }
}
