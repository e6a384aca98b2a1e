import {
  RecordKind,
  chunks,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { AuditEntry } from './ServiceDeliveryStore';
import {
  Row,
  SQLITE_ROWS_PER_STATEMENT,
  clientOf,
  slices,
  sqliteRun,
  statementSizes,
} from './sql';

/** The audit trail: who wrote, updated or retracted which records, and when. */
export const AUDIT = 'sd_audit';
/** rows per audit insert on PostgreSQL (SQLite keeps to SQLITE_ROWS_PER_STATEMENT) */
const AUDIT_ROWS_PER_STATEMENT = 3000;

const auditColumns = [
  'entity_ref',
  'kind',
  'source',
  'record_id',
  'record_count',
  'record_ids',
  'action',
  'actor',
  'at',
];

/** One entry of the audit trail: a write of one or more records of one entity, kind and source. */
export type AuditWrite = {
  entityRef: string;
  kind: RecordKind;
  source: string;
  action: AuditEntry['action'];
  actor: string;
  at: number;
  ids: string[];
};

/**
 * The entries of a batch's writes: the records of one entity and source that it created, and those
 * it updated, each one entry.
 */
export class AuditWrites {
  private readonly entries = new Map<string, AuditWrite>();

  constructor(
    private readonly kind: RecordKind,
    private readonly actor: string,
    private readonly at: number,
  ) {}

  add(
    entityRef: string,
    source: string,
    action: AuditEntry['action'],
    id: string,
  ) {
    const key = `${action}\u0000${entityRef}\u0000${source}`;
    const entry = this.entries.get(key);
    if (entry) {
      entry.ids.push(id);
      return;
    }
    this.entries.set(key, {
      entityRef,
      kind: this.kind,
      source,
      action,
      actor: this.actor,
      at: this.at,
      ids: [id],
    });
  }

  list(): AuditWrite[] {
    return [...this.entries.values()];
  }
}

/** Audit entries in multi-row VALUES statements (knex writes SQLite's as a SELECT of 500 terms at most). */
export async function insertAudit(
  tx: Knex.Transaction,
  writes: AuditWrite[],
): Promise<void> {
  const tuple = `(${auditColumns.map(() => '?').join(', ')})`;
  // on SQLite a few statement sizes, prepared once, serve every batch
  const sqlite = clientOf(tx) === 'sqlite';
  const parts = sqlite
    ? slices(writes, statementSizes(writes.length, SQLITE_ROWS_PER_STATEMENT))
    : chunks(writes, AUDIT_ROWS_PER_STATEMENT);
  for (const part of parts) {
    const bindings: Knex.Value[] = [];
    for (const write of part) {
      bindings.push(
        write.entityRef,
        write.kind,
        write.source,
        write.ids[0],
        write.ids.length,
        write.ids.length > 1 ? JSON.stringify(write.ids) : null,
        write.action,
        write.actor,
        write.at,
      );
    }
    const sql = `insert into ${AUDIT} (${auditColumns.join(
      ', ',
    )}) values ${new Array(part.length).fill(tuple).join(', ')}`;
    if (sqlite) await sqliteRun(tx, sql, bindings);
    else await tx.raw(sql, bindings);
  }
}

/** The entity's audit entries, newest first. */
export async function readAudit(
  db: Knex,
  options: {
    entityRef: string;
    limit: number;
    before?: number;
    excludeKinds?: RecordKind[];
  },
): Promise<AuditEntry[]> {
  const query = db(AUDIT)
    .select('*')
    .where('entity_ref', options.entityRef)
    .orderBy('seq', 'desc')
    .limit(options.limit);
  if (options.before !== undefined) query.andWhere('seq', '<', options.before);
  if (options.excludeKinds?.length) {
    query.whereNotIn('kind', options.excludeKinds);
  }
  const rows: Row[] = await query;
  return rows.map(row => ({
    seq: Number(row.seq),
    entityRef: String(row.entity_ref),
    kind: row.kind as RecordKind,
    source: String(row.source),
    ids:
      row.record_ids === null || row.record_ids === undefined
        ? [String(row.record_id)]
        : JSON.parse(String(row.record_ids)),
    action: row.action as AuditEntry['action'],
    by: String(row.actor),
    at: new Date(Number(row.at)).toISOString(),
  }));
}
