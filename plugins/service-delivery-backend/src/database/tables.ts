import {
  CapacityRecord,
  CorrectionRecord,
  CostRecord,
  DrTestRecord,
  IncidentRecord,
  RecordKind,
  RecordsByKind,
  SliRecord,
  recentResults,
} from '@service-delivery/plugin-service-delivery-common';

type Row = Record<string, string | number | boolean | null>;

/** How one record kind maps onto its table. */
export type TableMapping<T> = {
  table: string;
  key: string[];
  /** How the audit trail names a record: its id, or `objective@bucketStart`, `resource@at`. */
  recordId(row: Row): string;
  toRow(record: T): Row;
  fromRow(row: Row): T;
};

// a batch's records share a few instants (every service's bucket of the same hour)
const recentMillis = recentResults<string, number>();
const recentIsos = recentResults<number, string>();
const toMillis = (iso: string) => recentMillis(iso, Date.parse);
const toMillisOrNull = (iso: string | null | undefined) =>
  iso === null || iso === undefined ? null : Date.parse(iso);
const toIso = (value: unknown) =>
  recentIsos(Number(value), millis => new Date(millis).toISOString());
const toIsoOrNull = (value: unknown) =>
  value === null || value === undefined ? null : toIso(value);
const toNumberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

const incidents: TableMapping<IncidentRecord> = {
  table: 'sd_incidents',
  key: ['source', 'id'],
  recordId: row => String(row.id),
  toRow: r => ({
    source: r.source,
    id: r.id,
    entity_ref: r.entityRef,
    title: r.title,
    priority: r.priority ?? null,
    impact: r.impact,
    started_at: toMillis(r.startedAt),
    acknowledged_at: toMillisOrNull(r.acknowledgedAt),
    resolved_at: toMillisOrNull(r.resolvedAt),
    planned: Boolean(r.planned),
    cause: r.cause ?? null,
  }),
  fromRow: row => ({
    source: String(row.source),
    id: String(row.id),
    entityRef: String(row.entity_ref),
    title: String(row.title),
    priority: row.priority === null ? undefined : String(row.priority),
    impact: row.impact as IncidentRecord['impact'],
    startedAt: toIso(row.started_at),
    acknowledgedAt: toIsoOrNull(row.acknowledged_at),
    resolvedAt: toIsoOrNull(row.resolved_at),
    planned: Boolean(row.planned),
    cause: row.cause === null ? undefined : String(row.cause),
  }),
};

const sli: TableMapping<SliRecord> = {
  table: 'sd_sli',
  key: ['entity_ref', 'objective', 'bucket_start', 'source'],
  recordId: row => `${row.objective}@${toIso(row.bucket_start)}`,
  toRow: r => ({
    entity_ref: r.entityRef,
    objective: r.objective,
    bucket_start: toMillis(r.bucketStart),
    bucket_seconds: r.bucketSeconds,
    good: r.good,
    total: r.total,
    source: r.source,
  }),
  fromRow: row => ({
    entityRef: String(row.entity_ref),
    objective: String(row.objective),
    bucketStart: toIso(row.bucket_start),
    bucketSeconds: Number(row.bucket_seconds),
    good: Number(row.good),
    total: Number(row.total),
    source: String(row.source),
  }),
};

const costs: TableMapping<CostRecord> = {
  table: 'sd_costs',
  key: ['source', 'id'],
  recordId: row => String(row.id),
  toRow: r => ({
    source: r.source,
    id: r.id,
    entity_ref: r.entityRef,
    period_start: r.periodStart.slice(0, 7),
    category: r.category,
    amount: r.amount,
    currency: r.currency,
  }),
  fromRow: row => ({
    source: String(row.source),
    id: String(row.id),
    entityRef: String(row.entity_ref),
    periodStart: String(row.period_start),
    category: String(row.category),
    amount: Number(row.amount),
    currency: String(row.currency),
  }),
};

const capacity: TableMapping<CapacityRecord> = {
  table: 'sd_capacity',
  key: ['entity_ref', 'resource', 'at', 'source'],
  recordId: row => `${row.resource}@${toIso(row.at)}`,
  toRow: r => ({
    entity_ref: r.entityRef,
    resource: r.resource,
    at: toMillis(r.at),
    used: r.used,
    capacity: r.capacity ?? null,
    source: r.source,
  }),
  fromRow: row => ({
    entityRef: String(row.entity_ref),
    resource: String(row.resource),
    at: toIso(row.at),
    used: Number(row.used),
    capacity: toNumberOrNull(row.capacity) ?? undefined,
    source: String(row.source),
  }),
};

const drTests: TableMapping<DrTestRecord> = {
  table: 'sd_dr_tests',
  key: ['source', 'id'],
  recordId: row => String(row.id),
  toRow: r => ({
    source: r.source,
    id: r.id,
    entity_ref: r.entityRef,
    performed_at: toMillis(r.performedAt),
    result: r.result,
    achieved_rto: r.achievedRto ?? null,
    achieved_rpo: r.achievedRpo ?? null,
    notes: r.notes ?? null,
  }),
  fromRow: row => ({
    source: String(row.source),
    id: String(row.id),
    entityRef: String(row.entity_ref),
    performedAt: toIso(row.performed_at),
    result: row.result as DrTestRecord['result'],
    achievedRto: toNumberOrNull(row.achieved_rto) ?? undefined,
    achievedRpo: toNumberOrNull(row.achieved_rpo) ?? undefined,
    notes: row.notes === null ? undefined : String(row.notes),
  }),
};

const corrections: TableMapping<CorrectionRecord> = {
  table: 'sd_corrections',
  key: ['source', 'id'],
  recordId: row => String(row.id),
  toRow: r => ({
    source: r.source,
    id: r.id,
    entity_ref: r.entityRef,
    agreement: r.agreement ?? null,
    incident_source: r.incident?.source ?? null,
    incident_id: r.incident?.id ?? null,
    from_at: toMillisOrNull(r.from),
    to_at: toMillisOrNull(r.to),
    reason: r.reason,
    note: r.note,
  }),
  fromRow: row => ({
    source: String(row.source),
    id: String(row.id),
    entityRef: String(row.entity_ref),
    ...(row.agreement === null ? {} : { agreement: String(row.agreement) }),
    ...(row.incident_id === null
      ? {}
      : {
          incident: {
            source: String(row.incident_source),
            id: String(row.incident_id),
          },
        }),
    ...(row.from_at === null ? {} : { from: toIso(row.from_at) }),
    ...(row.to_at === null ? {} : { to: toIso(row.to_at) }),
    reason: row.reason as CorrectionRecord['reason'],
    note: String(row.note),
  }),
};

export const tables: { [K in RecordKind]: TableMapping<RecordsByKind[K]> } = {
  incidents,
  sli,
  costs,
  capacity,
  'dr-tests': drTests,
  corrections,
};

/**
 * The SLI buckets and capacity samples that count. Several sources may report one bucket or
 * sample instant (each is kept); the figures count the one written last, ties going to the
 * source first by name — the value an overwrite would have left when the key had no source. A
 * condition on `table` (unaliased) that keeps the counted rows only.
 */
export function countedSeriesCondition(kind: 'sli' | 'capacity'): string {
  const table = tables[kind].table;
  const same = tables[kind].key
    .filter(column => column !== 'source')
    .map(column => `o.${column} = ${table}.${column}`)
    .join(' and ');
  const written = (alias: string) => `coalesce(${alias}.written_at, 0)`;
  return `not exists (select 1 from ${table} o where ${same} and (${written(
    'o',
  )} > ${written(table)} or (${written('o')} = ${written(
    table,
  )} and o.source < ${table}.source)))`;
}
