import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CapacityRecord,
  CostRecord,
  DrTestRecord,
  IncidentRecord,
  RecordKind,
  RecordsByKind,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import {
  IngestOutcome,
  ServiceDeliveryStore,
  TimeRange,
} from './ServiceDeliveryStore';
import { tables } from './tables';

const migrationsDir = resolvePackagePath(
  '@service-delivery/plugin-service-delivery-backend',
  'migrations',
);

const REFS_PER_QUERY = 500;

/**
 * Rows per upsert statement: PostgreSQL binds at most 65,535 values in one statement, SQLite 32,766
 * (a multi-row VALUES list is not held to SQLite's 500-term limit on compound SELECTs).
 */
function rowsPerStatement(client: Client, columns: number): number {
  return Math.max(1, Math.floor((client === 'pg' ? 65_000 : 32_000) / columns));
}

type Client = 'pg' | 'sqlite';

/**
 * One multi-row upsert: new rows are inserted; an existing row is written again only when a value
 * differs, and then counts as updated. What it returns tells new rows from updated ones (PostgreSQL:
 * `xmax = 0`; SQLite: a new row's rowid is above every earlier one). Table and column names are the
 * store's own; every value is a bound parameter.
 */
function upsertStatement(options: {
  client: Client;
  table: string;
  columns: string[];
  key: string[];
  rows: number;
}): string {
  const { client, table, columns, key, rows } = options;
  const updatable = columns.filter(column => !key.includes(column));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const changed =
    client === 'pg'
      ? `(${updatable
          .map(c => `${table}.${c}`)
          .join(', ')}) is distinct from (${updatable
          .map(c => `excluded.${c}`)
          .join(', ')})`
      : updatable.map(c => `${table}.${c} is not excluded.${c}`).join(' or ');
  const onConflict =
    updatable.length === 0
      ? 'do nothing'
      : `do update set ${updatable
          .map(c => `${c} = excluded.${c}`)
          .join(', ')} where ${changed}`;
  return `insert into ${table} (${columns.join(', ')}) values ${new Array(rows)
    .fill(tuple)
    .join(', ')} on conflict (${key.join(', ')}) ${onConflict} returning ${
    client === 'pg' ? '(xmax = 0) as inserted' : 'rowid'
  }`;
}

type SqliteStatement = { all(parameters: unknown[]): unknown[] };
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
 * Runs an upsert on the transaction's own better-sqlite3 connection through a statement prepared
 * once: preparing a statement of thousands of rows costs as much as running it, and knex would
 * prepare it, and rewrite its placeholders, on every call.
 */
async function sqliteUpsert(
  tx: Knex.Transaction,
  sql: string,
  bindings: Knex.Value[],
): Promise<Array<{ rowid?: number }>> {
  const connection: SqliteConnection | undefined =
    await tx.client.acquireConnection();
  if (typeof connection?.prepare !== 'function') {
    return tx.raw(sql, bindings);
  }
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
  // better-sqlite3 binds numbers, strings, bigints, buffers and null; knex turns booleans into 0/1
  for (let i = 0; i < bindings.length; i++) {
    if (typeof bindings[i] === 'boolean') bindings[i] = Number(bindings[i]);
  }
  return statement.all(bindings) as Array<{ rowid?: number }>;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

function slices<T>(items: T[], sizes: number[]): T[][] {
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

type Row = Record<string, unknown>;

const keyOf = (row: Row, key: string[]) =>
  JSON.stringify(key.map(column => String(row[column])));

/**
 * Runs the migrations. Replicas that start together race for knex's migration tables; the loser
 * sees the table appear under it or finds the lock taken, and tries again once the winner is done.
 */
export async function migrateToLatest(client: Knex, attempts = 30) {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.migrate.latest({ directory: migrationsDir });
      return;
    } catch (error) {
      const contended = /already exists|already locked|duplicate key/i.test(
        String(error),
      );
      if (!contended || attempt >= attempts) throw error;
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(2000, 100 * attempt)),
      );
    }
  }
}

/**
 * The knex implementation of {@link ServiceDeliveryStore}, for SQLite and PostgreSQL.
 */
export class DatabaseServiceDeliveryStore implements ServiceDeliveryStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseServiceDeliveryStore> {
    const { database } = options;
    const client = await database.getClient();

    if (!database.migrations?.skip) {
      await migrateToLatest(client);
    }

    return new DatabaseServiceDeliveryStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async ingest<K extends RecordKind>(
    kind: K,
    records: RecordsByKind[K][],
  ): Promise<IngestOutcome> {
    const mapping = tables[kind];
    // A batch that names the same record twice keeps the last one, as sequential sends would.
    const rows = new Map<string, Row>();
    for (const record of records) {
      const row = mapping.toRow(record);
      rows.set(keyOf(row, mapping.key), row);
    }

    const client: Client =
      this.db.client.config.client === 'pg' ? 'pg' : 'sqlite';
    // Concurrent batches that share records lock them in the same order, so they cannot deadlock
    // (SQLite has one writer at a time).
    const keys = [...rows.keys()];
    if (client === 'pg') keys.sort();
    const ordered = keys.map(key => rows.get(key)!);

    if (ordered.length === 0) return { accepted: 0, updated: 0, unchanged: 0 };
    const columns = Object.keys(ordered[0]);

    return this.db.transaction(async tx => {
      const outcome: IngestOutcome = { accepted: 0, updated: 0, unchanged: 0 };
      let lastRowid = 0;
      if (client === 'sqlite') {
        const [{ last }] = await tx(mapping.table).max({ last: 'rowid' });
        lastRowid = Number(last ?? 0);
      }
      const max = rowsPerStatement(client, columns.length);
      // SQLite keeps its statements prepared: a few sizes serve every batch
      const statements =
        client === 'sqlite'
          ? slices(ordered, statementSizes(ordered.length, max))
          : chunks(ordered, max);
      for (const batch of statements) {
        const sql = upsertStatement({
          client,
          table: mapping.table,
          columns,
          key: mapping.key,
          rows: batch.length,
        });
        const bindings: Knex.Value[] = [];
        for (const row of batch) {
          for (const column of columns)
            bindings.push(row[column] as Knex.Value);
        }
        const written: Array<{ inserted?: boolean; rowid?: number }> =
          client === 'pg'
            ? (await tx.raw(sql, bindings)).rows
            : await sqliteUpsert(tx, sql, bindings);
        let inserted = 0;
        let newestRowid = lastRowid;
        for (const row of written) {
          if (client === 'pg' ? row.inserted : Number(row.rowid) > lastRowid) {
            inserted += 1;
          }
          newestRowid = Math.max(newestRowid, Number(row.rowid ?? 0));
        }
        lastRowid = newestRowid;
        outcome.accepted += inserted;
        outcome.updated += written.length - inserted;
        outcome.unchanged += batch.length - written.length;
      }
      return outcome;
    });
  }

  async listIncidents(options: {
    entityRefs: string[];
    range: TimeRange;
  }): Promise<IncidentRecord[]> {
    const { range } = options;
    return this.selectByRefs('incidents', options.entityRefs, query =>
      query
        .where('started_at', '<', range.to)
        .andWhere(q =>
          q.whereNull('resolved_at').orWhere('resolved_at', '>', range.from),
        )
        .orderBy([{ column: 'started_at' }, { column: 'id' }]),
    );
  }

  async listSli(options: {
    entityRefs: string[];
    objective?: string;
    range: TimeRange;
  }): Promise<SliRecord[]> {
    const { objective, range } = options;
    return this.selectByRefs('sli', options.entityRefs, query => {
      query
        .where('bucket_start', '>=', range.from)
        .andWhere('bucket_start', '<', range.to)
        .orderBy('bucket_start');
      if (objective !== undefined) query.andWhere('objective', objective);
      return query;
    });
  }

  async listCosts(options: {
    entityRefs: string[];
    fromMonth: string;
    toMonth: string;
  }): Promise<CostRecord[]> {
    return this.selectByRefs('costs', options.entityRefs, query =>
      query
        .where('period_start', '>=', options.fromMonth)
        .andWhere('period_start', '<=', options.toMonth)
        .orderBy([{ column: 'period_start' }, { column: 'category' }]),
    );
  }

  async listCapacity(options: {
    entityRefs: string[];
    range?: TimeRange;
  }): Promise<CapacityRecord[]> {
    const { range } = options;
    return this.selectByRefs('capacity', options.entityRefs, query => {
      if (range) {
        query.where('at', '>=', range.from).andWhere('at', '<', range.to);
      }
      return query.orderBy('at');
    });
  }

  async listDrTests(options: {
    entityRefs: string[];
  }): Promise<DrTestRecord[]> {
    return this.selectByRefs('dr-tests', options.entityRefs, query =>
      query.orderBy('performed_at', 'desc'),
    );
  }

  async latestSliBucket(options: {
    entityRef: string;
    objective: string;
    source?: string;
  }): Promise<SliRecord | undefined> {
    const { entityRef, objective, source } = options;
    return this.latest('sli', 'bucket_start', {
      entity_ref: entityRef,
      objective,
      ...(source === undefined ? {} : { source }),
    });
  }

  async latestCapacitySample(options: {
    entityRef: string;
    resource: string;
    source?: string;
  }): Promise<CapacityRecord | undefined> {
    const { entityRef, resource, source } = options;
    return this.latest('capacity', 'at', {
      entity_ref: entityRef,
      resource,
      ...(source === undefined ? {} : { source }),
    });
  }

  private async latest<K extends RecordKind>(
    kind: K,
    timeColumn: string,
    where: Record<string, string>,
  ): Promise<RecordsByKind[K] | undefined> {
    const mapping = tables[kind];
    const row: Row | undefined = await this.db(mapping.table)
      .select('*')
      .where(where)
      .orderBy(timeColumn, 'desc')
      .first();
    return row ? mapping.fromRow(row as any) : undefined;
  }

  private async selectByRefs<K extends RecordKind>(
    kind: K,
    entityRefs: string[],
    refine: (query: Knex.QueryBuilder) => Knex.QueryBuilder,
  ): Promise<RecordsByKind[K][]> {
    const mapping = tables[kind];
    const result: RecordsByKind[K][] = [];
    for (const refs of chunks([...new Set(entityRefs)], REFS_PER_QUERY)) {
      const rows: Row[] = await refine(
        this.db(mapping.table).select('*').whereIn('entity_ref', refs),
      );
      for (const row of rows) result.push(mapping.fromRow(row as any));
    }
    return result;
  }
}
