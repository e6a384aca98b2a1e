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

// SQLite allows 999 bound variables per statement; the widest table has 11 columns.
const ROWS_PER_STATEMENT = 80;
const REFS_PER_QUERY = 500;

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

function sameRow(stored: Row, incoming: Row): boolean {
  return Object.keys(incoming).every(column => {
    const a = stored[column];
    const b = incoming[column];
    if (a === null || a === undefined || b === null || b === undefined) {
      return (a ?? null) === (b ?? null);
    }
    if (typeof b === 'boolean') return Boolean(a) === b;
    if (typeof b === 'number') return Number(a) === b;
    return String(a) === String(b);
  });
}

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

    return this.db.transaction(async tx => {
      const outcome: IngestOutcome = { accepted: 0, updated: 0, unchanged: 0 };
      for (const batch of chunks(ordered, ROWS_PER_STATEMENT)) {
        const existing = new Map<string, Row>();
        const stored: Row[] = await tx(mapping.table)
          .select('*')
          .where(builder => {
            for (const row of batch) {
              builder.orWhere(
                Object.fromEntries(mapping.key.map(c => [c, row[c]])),
              );
            }
          });
        for (const row of stored) existing.set(keyOf(row, mapping.key), row);

        for (const row of batch) {
          const before = existing.get(keyOf(row, mapping.key));
          if (!before) outcome.accepted += 1;
          else if (sameRow(before, row)) outcome.unchanged += 1;
          else outcome.updated += 1;
        }

        const columns = Object.keys(batch[0]).filter(
          column => !mapping.key.includes(column),
        );
        await tx(mapping.table)
          .insert(batch)
          .onConflict(mapping.key)
          .merge(columns);
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
