import { DatabaseService } from '@backstage/backend-plugin-api';
import {
  CapacityRecord,
  CostRecord,
  DrTestRecord,
  GateDecision,
  IncidentRecord,
  RecordKind,
  RecordProblem,
  RecordsByKind,
  SliRecord,
  UnattributedCost,
  chunks,
  earliestCostMonth,
  recordKinds,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import {
  AuditEntry,
  IngestOutcome,
  RecordOwnershipError,
  RecordedEntity,
  RetractableKind,
  StoredCorrection,
  ServiceDeliveryStore,
  TimeRange,
  WriteContext,
} from './ServiceDeliveryStore';
import {
  Client,
  REFS_PER_QUERY,
  ROWS_PER_INSERT,
  Row,
  clientOf,
  jsonUpsertStatement,
  keyOf,
  migrateToLatest,
  pgColumnTypes,
  sqliteRowsPerStatement,
  slices,
  sqliteUpsert,
  sqliteUpsertStatement,
  statementSizes,
} from './sql';
import { readCapacityForForecast } from './capacityReads';
import { countedSeriesCondition, tables } from './tables';
import { AUDIT, AuditWrites, insertAudit, readAudit } from './auditTrail';
import {
  UNATTRIBUTED_COSTS,
  holdUnattributed,
  readUnattributedCosts,
  releaseAttributed,
  retractUnattributed,
} from './unattributedCosts';

const GATE_DECISIONS = 'sd_gate_decisions';
const ENTITIES = 'sd_entities';
/** who wrote a record when the caller did not say */
const UNKNOWN_WRITER = 'unknown';
/** Rows written to a table since its statistics were last gathered here that make them stale. */
const ANALYZE_AFTER_ROWS = 10_000;
/** rows per upsert on PostgreSQL, bound as one JSON text (about 1 MB at this many) */
const PG_ROWS_PER_UPSERT = 5000;

const loneSurrogate =
  /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Rows as the JSON text PostgreSQL's upsert reads. JSON.stringify escapes a lone UTF-16 surrogate
 * (and only such), which PostgreSQL refuses to turn into text: such a string is stored with the
 * replacement character instead, as the pg driver writes a value bound on its own.
 */
function rowsAsJson(rows: Row[]): string {
  const json = JSON.stringify(rows);
  if (!/\\u[dD][89a-fA-F]/.test(json)) return json;
  return JSON.stringify(
    rows.map(row =>
      Object.fromEntries(
        Object.entries(row).map(([column, value]) => [
          column,
          typeof value === 'string'
            ? value.replace(loneSurrogate, '\ufffd')
            : value,
        ]),
      ),
    ),
  );
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

  /** Rows written to each measured table since this instance last analysed it. */
  private readonly writtenSinceAnalyze = new Map<string, number>();

  /** The measured tables' column types on PostgreSQL, read once: see jsonUpsertStatement. */
  private readonly columnTypes = new Map<
    string,
    Promise<Map<string, string>>
  >();

  private constructor(private readonly db: Knex) {}

  private pgColumnTypes(
    tx: Knex.Transaction,
    table: string,
  ): Promise<Map<string, string>> {
    let types = this.columnTypes.get(table);
    if (!types) {
      types = pgColumnTypes(tx, table);
      this.columnTypes.set(table, types);
      types.catch(() => this.columnTypes.delete(table));
    }
    return types;
  }

  /**
   * Gathers PostgreSQL's planner statistics of the measured tables this instance wrote many rows
   * to since it last did: right after a bulk ingest autovacuum has not analysed them yet, and the
   * refresh's reads are planned as if the tables were nearly empty (a capacity read of 100
   * entities at 10,000 services: 1.35 s before, 0.16–0.27 s after). An analyse samples a bounded
   * number of rows, whatever the table's size. Answers the tables analysed; nothing on SQLite.
   */
  async analyzeWrittenTables(
    minRows: number = ANALYZE_AFTER_ROWS,
  ): Promise<string[]> {
    if (this.client() !== 'pg') return [];
    const due = [...this.writtenSinceAnalyze]
      .filter(([, rows]) => rows >= minRows)
      .map(([table]) => table);
    for (const table of due) {
      this.writtenSinceAnalyze.delete(table);
      await this.db.raw('analyze ??', [table]);
    }
    return due;
  }

  async ingest<K extends RecordKind>(
    kind: K,
    records: RecordsByKind[K][],
    write: WriteContext = { writtenBy: UNKNOWN_WRITER },
  ): Promise<IngestOutcome> {
    if (records.length === 0) return { accepted: 0, updated: 0, unchanged: 0 };
    return this.db.transaction(tx => this.ingestIn(tx, kind, records, write));
  }

  async ingestCosts(
    records: CostRecord[],
    unattributedRefs: ReadonlySet<string>,
    write: WriteContext = { writtenBy: UNKNOWN_WRITER },
  ): Promise<{ attributed: IngestOutcome; unattributed: IngestOutcome }> {
    const attributed: CostRecord[] = [];
    const attributedIndex: number[] = [];
    const held: CostRecord[] = [];
    const heldIndex: number[] = [];
    records.forEach((record, index) => {
      if (unattributedRefs.has(record.entityRef)) {
        held.push(record);
        heldIndex.push(index);
      } else {
        attributed.push(record);
        attributedIndex.push(index);
      }
    });
    const none = { accepted: 0, updated: 0, unchanged: 0 };
    const inBatch = (indexes: number[]) => (error: unknown) => {
      if (error instanceof RecordOwnershipError) {
        throw new RecordOwnershipError(
          error.problems.map(problem => ({
            ...problem,
            index: indexes[problem.index],
          })),
        );
      }
      throw error;
    };
    return this.db.transaction(async tx => ({
      attributed:
        attributed.length === 0
          ? none
          : await this.ingestIn(tx, 'costs', attributed, write).catch(
              inBatch(attributedIndex),
            ),
      unattributed: await holdUnattributed(tx, held, write).catch(
        inBatch(heldIndex),
      ),
    }));
  }

  async retractUnattributedCost(options: {
    source: string;
    id: string;
    write: WriteContext;
  }): Promise<string | undefined> {
    const { source, id, write } = options;
    return this.db.transaction(tx =>
      retractUnattributed(tx, { source, id }, write),
    );
  }

  async listUnattributedCosts(options: {
    fromMonth: string;
    toMonth: string;
  }): Promise<UnattributedCost[]> {
    return readUnattributedCosts(this.db, options);
  }

  private async ingestIn<K extends RecordKind>(
    tx: Knex.Transaction,
    kind: K,
    records: RecordsByKind[K][],
    write: WriteContext,
  ): Promise<IngestOutcome> {
    const mapping = tables[kind];
    const at = write.at ?? Date.now();
    // A batch that names the same record twice keeps the last one, as sequential sends would.
    const rows = new Map<string, Row>();
    const indexOf = new Map<string, number>();
    records.forEach((record, index) => {
      const row: Row = mapping.toRow(record);
      row.written_by = write.writtenBy;
      row.written_at = at;
      const key = keyOf(row, mapping.key);
      rows.set(key, row);
      indexOf.set(key, index);
    });

    const client = this.client();
    // Concurrent batches that share records lock them in the same order, so they cannot deadlock
    // (SQLite has one writer at a time).
    const keys = [...rows.keys()];
    if (client === 'pg') keys.sort();
    const ordered = keys.map(key => rows.get(key)!);

    if (ordered.length === 0) return { accepted: 0, updated: 0, unchanged: 0 };
    const columns = Object.keys(ordered[0]);

    if (write.entityUids && write.entityUids.size > 0) {
      await this.adoptEntities(tx, write.entityUids);
    }
    if (kind === 'costs') await releaseAttributed(tx, ordered);
    const outcome: IngestOutcome = { accepted: 0, updated: 0, unchanged: 0 };
    const audit = new AuditWrites(kind, write.writtenBy, at);
    // records keyed without their entity: what the upsert wrote, to tell another entity's apart
    const ownedBySourceAndId = !mapping.key.includes('entity_ref');
    const writtenRows: Row[] = [];
    let lastRowid = 0;
    if (client === 'sqlite') {
      const [{ last }] = await tx(mapping.table).max({ last: 'rowid' });
      lastRowid = Number(last ?? 0);
    }
    // SQLite keeps its statements prepared: a few sizes serve every batch
    const statements =
      client === 'sqlite'
        ? slices(
            ordered,
            statementSizes(
              ordered.length,
              sqliteRowsPerStatement(columns.length),
            ),
          )
        : chunks(ordered, PG_ROWS_PER_UPSERT);
    const pgSql =
      client === 'pg'
        ? jsonUpsertStatement({
            table: mapping.table,
            columns,
            columnTypes: await this.pgColumnTypes(tx, mapping.table),
            key: mapping.key,
          })
        : undefined;
    for (const batch of statements) {
      // each written row answers its key and entity: all the audit trail names it by
      let written: Array<{ inserted?: boolean; rowid?: number } & Row>;
      if (pgSql) {
        written = (await tx.raw(pgSql, [rowsAsJson(batch)])).rows;
      } else {
        const bindings: Knex.Value[] = [];
        for (const row of batch) {
          for (const column of columns) {
            bindings.push(row[column] as Knex.Value);
          }
        }
        const sql = sqliteUpsertStatement({
          table: mapping.table,
          columns,
          key: mapping.key,
          rows: batch.length,
        });
        written = await sqliteUpsert(tx, sql, bindings);
      }
      let inserted = 0;
      let newestRowid = lastRowid;
      for (const returned of written) {
        const created =
          client === 'pg'
            ? Boolean(returned.inserted)
            : Number(returned.rowid) > lastRowid;
        if (created) inserted += 1;
        newestRowid = Math.max(newestRowid, Number(returned.rowid ?? 0));
        audit.add(
          String(returned.entity_ref),
          String(returned.source),
          created ? 'created' : 'updated',
          mapping.recordId(returned as any),
        );
        if (ownedBySourceAndId) writtenRows.push(returned);
      }
      lastRowid = newestRowid;
      outcome.accepted += inserted;
      outcome.updated += written.length - inserted;
      outcome.unchanged += batch.length - written.length;
    }
    this.writtenSinceAnalyze.set(
      mapping.table,
      (this.writtenSinceAnalyze.get(mapping.table) ?? 0) +
        outcome.accepted +
        outcome.updated,
    );
    if (ownedBySourceAndId && writtenRows.length < rows.size) {
      // the upsert leaves alone a record that exists under another entity: of the rows it did not
      // write (unchanged, or another entity's), refuse the batch if any is another entity's
      const writtenKeys = new Set(
        writtenRows.map(row => keyOf(row, mapping.key)),
      );
      await this.refuseMovedRecords(
        tx,
        kind,
        new Map([...rows].filter(([key]) => !writtenKeys.has(key))),
        indexOf,
      );
    }
    await insertAudit(tx, audit.list());
    return outcome;
  }

  /**
   * Refuses a batch naming a record (by source and id) that exists under another entity: records
   * never move between entities.
   */
  private async refuseMovedRecords(
    tx: Knex.Transaction,
    kind: RecordKind,
    rows: Map<string, Row>,
    indexOf: Map<string, number>,
  ): Promise<void> {
    const mapping = tables[kind];
    const problems: RecordProblem[] = [];
    for (const part of chunks([...rows.values()], REFS_PER_QUERY)) {
      const existing: Row[] = await tx(mapping.table)
        .select('source', 'id', 'entity_ref')
        .whereIn(
          ['source', 'id'],
          part.map(row => [row.source, row.id] as Knex.Value[]),
        );
      for (const found of existing) {
        const key = keyOf(found, mapping.key);
        const row = rows.get(key);
        if (row && row.entity_ref !== found.entity_ref) {
          problems.push({
            index: indexOf.get(key)!,
            path: 'id',
            message: `record (source ${JSON.stringify(
              found.source,
            )}, id ${JSON.stringify(found.id)}) belongs to ${
              found.entity_ref
            }, not ${
              row.entity_ref
            }; a record never moves to another entity (retract it there and send it with a new id)`,
          });
        }
      }
    }
    if (problems.length > 0) {
      throw new RecordOwnershipError(
        problems.sort((a, b) => a.index - b.index),
      );
    }
  }

  /**
   * Records the catalog uid of the entities a batch writes for. Records of an entity that carried
   * another uid under the same reference are deleted first: the new entity starts clean.
   */
  private async adoptEntities(
    tx: Knex.Transaction,
    uids: Map<string, string>,
  ): Promise<void> {
    const refs = [...uids.keys()].sort();
    const recorded = new Map<string, Row>();
    for (const part of chunks(refs, REFS_PER_QUERY)) {
      for (const row of await tx(ENTITIES)
        .select('*')
        .whereIn('entity_ref', part)) {
        recorded.set(String(row.entity_ref), row);
      }
    }
    const reused = refs.filter(ref => {
      const uid = recorded.get(ref)?.uid;
      return uid !== undefined && uid !== null && uid !== uids.get(ref);
    });
    if (reused.length > 0) await this.deleteRecordsIn(tx, reused);
    const changed = refs.filter(ref => {
      const row = recorded.get(ref);
      return !row || row.uid !== uids.get(ref) || row.gone_since !== null;
    });
    for (const part of chunks(changed, ROWS_PER_INSERT)) {
      await tx(ENTITIES)
        .insert(
          part.map(ref => ({
            entity_ref: ref,
            uid: uids.get(ref)!,
            gone_since: null,
          })),
        )
        .onConflict('entity_ref')
        .merge(['uid', 'gone_since']);
    }
  }

  private async deleteRecordsIn(
    tx: Knex.Transaction,
    entityRefs: string[],
  ): Promise<number> {
    let deleted = 0;
    for (const part of chunks(entityRefs, REFS_PER_QUERY)) {
      for (const kind of recordKinds) {
        deleted += Number(
          await tx(tables[kind].table).whereIn('entity_ref', part).delete(),
        );
      }
      await tx(AUDIT).whereIn('entity_ref', part).delete();
    }
    return deleted;
  }

  private client(): Client {
    return clientOf(this.db);
  }

  async findRecordEntity(options: {
    kind: RetractableKind;
    source: string;
    id: string;
  }): Promise<string | undefined> {
    const row = await this.db(tables[options.kind].table)
      .select('entity_ref')
      .where({ source: options.source, id: options.id })
      .first();
    return row ? String(row.entity_ref) : undefined;
  }

  async retract(options: {
    kind: RetractableKind;
    source: string;
    id: string;
    entityRef: string;
    write: WriteContext;
  }): Promise<string | undefined> {
    const { kind, source, id, entityRef, write } = options;
    return this.db.transaction(async tx => {
      const deleted = await tx(tables[kind].table)
        .where({ source, id, entity_ref: entityRef })
        .delete();
      if (Number(deleted) === 0) return undefined;
      await insertAudit(tx, [
        {
          entityRef,
          kind,
          source,
          action: 'retracted',
          actor: write.writtenBy,
          at: write.at ?? Date.now(),
          ids: [id],
        },
      ]);
      return entityRef;
    });
  }

  async listAudit(options: {
    entityRef: string;
    limit: number;
    before?: number;
    excludeKinds?: RecordKind[];
  }): Promise<AuditEntry[]> {
    return readAudit(this.db, options);
  }

  async recordGateDecision(decision: GateDecision): Promise<void> {
    await this.db(GATE_DECISIONS).insert({
      entity_ref: decision.entityRef,
      change: decision.change,
      allow: decision.allow,
      reasons: JSON.stringify(decision.reasons),
      requested_by: decision.requestedBy,
      evaluated_at: Date.parse(decision.evaluatedAt),
    });
  }

  async listGateDecisions(options: {
    entityRef: string;
    limit: number;
  }): Promise<GateDecision[]> {
    const rows: Row[] = await this.db(GATE_DECISIONS)
      .select('*')
      .where('entity_ref', options.entityRef)
      .orderBy('seq', 'desc')
      .limit(options.limit);
    return rows.map(row => ({
      entityRef: String(row.entity_ref),
      change: row.change as GateDecision['change'],
      allow: Boolean(row.allow),
      reasons: JSON.parse(String(row.reasons)),
      requestedBy: String(row.requested_by),
      evaluatedAt: new Date(Number(row.evaluated_at)).toISOString(),
    }));
  }

  async listRecordedEntities(): Promise<RecordedEntity[]> {
    const entities = new Map<string, RecordedEntity>();
    for (const row of await this.db(ENTITIES).select('*')) {
      entities.set(String(row.entity_ref), {
        entityRef: String(row.entity_ref),
        uid: row.uid === null ? null : String(row.uid),
        goneSince: row.gone_since === null ? null : Number(row.gone_since),
      });
    }
    for (const kind of recordKinds) {
      const rows: Row[] = await this.db(tables[kind].table).distinct(
        'entity_ref',
      );
      for (const row of rows) {
        const entityRef = String(row.entity_ref);
        if (!entities.has(entityRef)) {
          entities.set(entityRef, { entityRef, uid: null, goneSince: null });
        }
      }
    }
    return [...entities.values()].sort((a, b) =>
      a.entityRef < b.entityRef ? -1 : 1,
    );
  }

  async markEntities(entities: RecordedEntity[]): Promise<void> {
    for (const part of chunks(entities, ROWS_PER_INSERT)) {
      await this.db(ENTITIES)
        .insert(
          part.map(entity => ({
            entity_ref: entity.entityRef,
            uid: entity.uid,
            gone_since: entity.goneSince,
          })),
        )
        .onConflict('entity_ref')
        .merge(['uid', 'gone_since']);
    }
  }

  async deleteEntityRecords(
    entityRefs: string[],
    options: { forget?: boolean } = {},
  ): Promise<number> {
    if (entityRefs.length === 0) return 0;
    return this.db.transaction(async tx => {
      const deleted = await this.deleteRecordsIn(tx, entityRefs);
      for (const part of chunks(entityRefs, REFS_PER_QUERY)) {
        await tx(GATE_DECISIONS).whereIn('entity_ref', part).delete();
      }
      if (options.forget) {
        for (const part of chunks(entityRefs, REFS_PER_QUERY)) {
          await tx(ENTITIES).whereIn('entity_ref', part).delete();
        }
      }
      return deleted;
    });
  }

  async pruneBefore(earliest: number): Promise<Map<string, number>> {
    const old: Record<RecordKind, (q: Knex.QueryBuilder) => Knex.QueryBuilder> =
      {
        incidents: q =>
          q.whereNotNull('resolved_at').andWhere('resolved_at', '<', earliest),
        sli: q => q.where('bucket_start', '<', earliest),
        costs: q => q.where('period_start', '<', earliestCostMonth(earliest)),
        capacity: q => q.where('at', '<', earliest),
        'dr-tests': q => q.where('performed_at', '<', earliest),
        // an incident's correction goes when it was last written before the retention
        corrections: q =>
          q.whereRaw('coalesce(to_at, written_at, 0) < ?', [earliest]),
      };
    const pruned = new Map<string, number>();
    await this.db.transaction(async tx => {
      for (const kind of recordKinds) {
        const table = tables[kind].table;
        const counts: Row[] = await old[kind](
          tx(table).select('entity_ref').count({ n: '*' }),
        ).groupBy('entity_ref');
        if (counts.length === 0) continue;
        for (const row of counts) {
          const ref = String(row.entity_ref);
          pruned.set(ref, (pruned.get(ref) ?? 0) + Number(row.n));
        }
        await old[kind](tx(table)).delete();
      }
      await tx(AUDIT).where('at', '<', earliest).delete();
      await tx(GATE_DECISIONS).where('evaluated_at', '<', earliest).delete();
      await tx(UNATTRIBUTED_COSTS)
        .where('period_start', '<', earliestCostMonth(earliest))
        .delete();
    });
    return pruned;
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
        .whereRaw(countedSeriesCondition('sli'))
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
      return query.whereRaw(countedSeriesCondition('capacity')).orderBy('at');
    });
  }

  listCapacityForForecast(options: {
    entityRefs: string[];
    since: number;
    until: number;
  }): Promise<CapacityRecord[]> {
    return readCapacityForForecast(this.db, options);
  }

  async listCorrections(options: {
    entityRefs: string[];
  }): Promise<StoredCorrection[]> {
    const mapping = tables.corrections;
    const result: StoredCorrection[] = [];
    for (const refs of chunks(
      [...new Set(options.entityRefs)],
      REFS_PER_QUERY,
    )) {
      const rows: Row[] = await this.db(mapping.table)
        .select('*')
        .whereIn('entity_ref', refs)
        .orderBy([{ column: 'source' }, { column: 'id' }]);
      for (const row of rows) {
        result.push({
          ...mapping.fromRow(row as any),
          writtenBy: row.written_by === null ? null : String(row.written_by),
          writtenAt:
            row.written_at === null
              ? null
              : new Date(Number(row.written_at)).toISOString(),
        });
      }
    }
    return result;
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
    // of several sources at the latest instant, the one the figures count
    const row: Row | undefined = await this.db(mapping.table)
      .select('*')
      .where(where)
      .orderBy(timeColumn, 'desc')
      .orderByRaw('coalesce(written_at, 0) desc')
      .orderBy('source', 'asc')
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
