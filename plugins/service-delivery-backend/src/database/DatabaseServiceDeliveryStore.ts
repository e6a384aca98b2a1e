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
 * Rows per insert statement: PostgreSQL binds at most 65,535 values in one statement; knex writes a
 * multi-row insert for SQLite as a compound SELECT, which SQLite limits to 500 terms.
 */
function rowsPerStatement(client: 'pg' | 'sqlite', columns: number): number {
  return client === 'pg'
    ? Math.max(1, Math.floor(65_000 / columns))
    : Math.max(1, Math.min(500, Math.floor(32_000 / columns)));
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
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

    // Concurrent batches that share records lock them in the same order, so they cannot deadlock.
    const ordered = [...rows.keys()].sort().map(key => rows.get(key)!);

    if (ordered.length === 0) return { accepted: 0, updated: 0, unchanged: 0 };
    const columns = Object.keys(ordered[0]);
    const updatable = columns.filter(column => !mapping.key.includes(column));
    const client = this.db.client.config.client === 'pg' ? 'pg' : 'sqlite';
    // An existing row is written again only when a value differs, and so counts as updated.
    const changed = this.db.raw(
      client === 'pg'
        ? `(${updatable.map(() => '??').join(', ')}) is distinct from (${updatable
            .map(() => '??')
            .join(', ')})`
        : updatable.map(() => '?? is not ??').join(' or '),
      client === 'pg'
        ? [
            ...updatable.map(column => `${mapping.table}.${column}`),
            ...updatable.map(column => `excluded.${column}`),
          ]
        : updatable.flatMap(column => [
            `${mapping.table}.${column}`,
            `excluded.${column}`,
          ]),
    );

    return this.db.transaction(async tx => {
      const outcome: IngestOutcome = { accepted: 0, updated: 0, unchanged: 0 };
      // SQLite gives a new row a rowid above every existing one; an updated row keeps its rowid.
      let lastRowid = 0;
      if (client === 'sqlite') {
        const [{ last }] = await tx(mapping.table).max({ last: 'rowid' });
        lastRowid = Number(last ?? 0);
      }
      for (const batch of chunks(
        ordered,
        rowsPerStatement(client, columns.length),
      )) {
        const written: Array<{ inserted?: boolean; rowid?: number }> = await tx(
          mapping.table,
        )
          .insert(batch)
          .onConflict(mapping.key)
          .merge(updatable)
          .where(changed)
          .returning(
            client === 'pg' ? tx.raw('(xmax = 0) as inserted') : 'rowid',
          );
        let inserted = 0;
        for (const row of written) {
          if (client === 'pg' ? row.inserted : Number(row.rowid) > lastRowid) {
            inserted += 1;
          }
        }
        if (client === 'sqlite') {
          for (const row of written) {
            lastRowid = Math.max(lastRowid, Number(row.rowid));
          }
        }
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
