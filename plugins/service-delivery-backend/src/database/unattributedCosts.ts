import {
  CostRecord,
  RecordProblem,
  UnattributedCost,
  chunks,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import {
  IngestOutcome,
  RecordOwnershipError,
  WriteContext,
} from './ServiceDeliveryStore';
import { AuditWrites, insertAudit } from './auditTrail';
import { REFS_PER_QUERY, ROWS_PER_INSERT, Row } from './sql';
import { tables } from './tables';

/**
 * Cost lines held unattributed: lines naming an entity the catalog does not know (a finance
 * export's misspelt reference), kept apart from the costs until a line names a known entity.
 */
export const UNATTRIBUTED_COSTS = 'sd_unattributed_costs';

/**
 * Upserts cost lines into the unattributed ones by (source, id); a line that belongs to an entity
 * refuses the batch, as a record moving to another entity would.
 */
export async function holdUnattributed(
  tx: Knex.Transaction,
  records: CostRecord[],
  write: WriteContext,
): Promise<IngestOutcome> {
  const outcome: IngestOutcome = { accepted: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return outcome;
  const at = write.at ?? Date.now();
  // the same line twice in a batch keeps the last, as sequential sends would
  const rows = new Map<string, { row: Row; index: number }>();
  records.forEach((record, index) => {
    rows.set(JSON.stringify([record.source, record.id]), {
      index,
      row: {
        source: record.source,
        id: record.id,
        entity_ref: record.entityRef,
        period_start: record.periodStart.slice(0, 7),
        category: record.category,
        amount: record.amount,
        currency: record.currency,
        origin_file: record.origin?.file ?? null,
        origin_lines: record.origin
          ? JSON.stringify(record.origin.lines)
          : null,
      },
    });
  });
  const problems: RecordProblem[] = [];
  const existing = new Map<string, Row>();
  for (const part of chunks([...rows.values()], REFS_PER_QUERY)) {
    const pairs = part.map(({ row }) => [row.source, row.id] as Knex.Value[]);
    for (const found of await tx(tables.costs.table)
      .select('source', 'id', 'entity_ref')
      .whereIn(['source', 'id'], pairs)) {
      const { row, index } = rows.get(
        JSON.stringify([found.source, found.id]),
      )!;
      problems.push({
        index,
        path: 'entityRef',
        message: `record (source ${JSON.stringify(
          found.source,
        )}, id ${JSON.stringify(found.id)}) belongs to ${
          found.entity_ref
        }, not ${
          row.entity_ref
        }, which the catalog does not know; a record never moves to another entity (retract it there and send it with a new id)`,
      });
    }
    for (const found of await tx(UNATTRIBUTED_COSTS)
      .select('*')
      .whereIn(['source', 'id'], pairs)) {
      existing.set(JSON.stringify([found.source, found.id]), found);
    }
  }
  if (problems.length > 0) {
    throw new RecordOwnershipError(problems.sort((a, b) => a.index - b.index));
  }
  const valueColumns = [
    'entity_ref',
    'period_start',
    'category',
    'amount',
    'currency',
    'origin_file',
    'origin_lines',
  ];
  const inserts: Row[] = [];
  // held lines are audited under the reference they name, as records are under their entity
  const audit = new AuditWrites('costs', write.writtenBy, at);
  for (const [key, { row }] of rows) {
    const stored = existing.get(key);
    const written = { ...row, written_by: write.writtenBy, written_at: at };
    if (!stored) {
      inserts.push(written);
      outcome.accepted += 1;
      audit.add(
        String(row.entity_ref),
        String(row.source),
        'created',
        String(row.id),
      );
    } else if (
      valueColumns.some(column =>
        column === 'amount'
          ? Number(stored.amount) !== row.amount
          : (stored[column] ?? null) !== row[column],
      )
    ) {
      await tx(UNATTRIBUTED_COSTS)
        .where({ source: row.source, id: row.id })
        .update(written);
      outcome.updated += 1;
      audit.add(
        String(row.entity_ref),
        String(row.source),
        'updated',
        String(row.id),
      );
    } else {
      outcome.unchanged += 1;
    }
  }
  for (const part of chunks(inserts, ROWS_PER_INSERT)) {
    await tx(UNATTRIBUTED_COSTS).insert(part);
  }
  await insertAudit(tx, audit.list());
  return outcome;
}

/**
 * Removes one held line and audits its retraction under the reference it named; the reference,
 * or undefined when no such line is held.
 */
export async function retractUnattributed(
  tx: Knex.Transaction,
  line: { source: string; id: string },
  write: WriteContext,
): Promise<string | undefined> {
  const held = await tx(UNATTRIBUTED_COSTS)
    .select('entity_ref')
    .where(line)
    .first();
  if (!held) return undefined;
  await tx(UNATTRIBUTED_COSTS).where(line).delete();
  const entityRef = String(held.entity_ref);
  const audit = new AuditWrites(
    'costs',
    write.writtenBy,
    write.at ?? Date.now(),
  );
  audit.add(entityRef, line.source, 'retracted', line.id);
  await insertAudit(tx, audit.list());
  return entityRef;
}

/** Cost rows written for known entities leave the unattributed lines with the same (source, id). */
export async function releaseAttributed(
  tx: Knex.Transaction,
  rows: Row[],
): Promise<void> {
  if (!(await tx(UNATTRIBUTED_COSTS).first('source'))) return;
  // a line held unattributed that now names a known entity moves to it
  for (const part of chunks(rows, REFS_PER_QUERY)) {
    await tx(UNATTRIBUTED_COSTS)
      .whereIn(
        ['source', 'id'],
        part.map(row => [row.source, row.id] as Knex.Value[]),
      )
      .delete();
  }
}

/** The unattributed lines of the months from `fromMonth` to `toMonth` (yyyy-mm), in order. */
export async function readUnattributedCosts(
  db: Knex,
  options: { fromMonth: string; toMonth: string },
): Promise<UnattributedCost[]> {
  const rows: Row[] = await db(UNATTRIBUTED_COSTS)
    .select('*')
    .where('period_start', '>=', options.fromMonth)
    .andWhere('period_start', '<=', options.toMonth)
    .orderBy([
      { column: 'period_start' },
      { column: 'source' },
      { column: 'id' },
    ]);
  return rows.map(row => ({
    source: String(row.source),
    id: String(row.id),
    entityRef: String(row.entity_ref),
    periodStart: String(row.period_start),
    category: String(row.category),
    amount: Number(row.amount),
    currency: String(row.currency),
    origin:
      row.origin_file === null || row.origin_file === undefined
        ? null
        : {
            file: String(row.origin_file),
            lines: JSON.parse(String(row.origin_lines ?? '[]')),
          },
    writtenBy: String(row.written_by),
    writtenAt: new Date(Number(row.written_at)).toISOString(),
  }));
}
