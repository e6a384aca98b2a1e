import {
  CapacityRecord,
  CorrectionRecord,
  CostRecord,
  DrTestRecord,
  GateDecision,
  IncidentRecord,
  RecordKind,
  RecordProblem,
  RecordsByKind,
  SliRecord,
  UnattributedCost,
} from '@service-delivery/plugin-service-delivery-common';

/**
 * Who writes a batch, and when.
 *
 * @public
 */
export type WriteContext = {
  /**
   * The principal: a user entity ref, `service:<subject>` for a service principal (such as a
   * static token), `plugin:<id>` for the plugin's own providers.
   */
  writtenBy: string;
  /** epoch milliseconds; now when left out */
  at?: number;
  /**
   * The catalog `metadata.uid` of each entity the batch writes for (canonical ref → uid). Records
   * written for an entity of another uid under the same ref are deleted first: a new entity that
   * reuses a name starts clean.
   */
  entityUids?: Map<string, string>;
};

/**
 * A batch that names records (by source and id) which exist under another entity: nothing of it
 * was stored. Each problem names the record's index, its (source, id) and the entity it belongs to.
 */
export class RecordOwnershipError extends Error {
  constructor(readonly problems: RecordProblem[]) {
    super(
      `${problems.length} record(s) of the batch belong to another entity; nothing was stored`,
    );
    this.name = 'RecordOwnershipError';
  }
}

/**
 * One write of the audit trail.
 *
 * @public
 */
export type AuditEntry = {
  /** increasing with every write; the cursor of the next page */
  seq: number;
  entityRef: string;
  kind: RecordKind;
  source: string;
  /**
   * the records of this write: their ids, or `objective@bucketStart` (SLI), `resource@at`
   * (capacity); one write of a batch lists every record of one source it created (or updated)
   */
  ids: string[];
  action: 'created' | 'updated' | 'retracted';
  /** the principal that wrote */
  by: string;
  /** ISO 8601 */
  at: string;
};

/**
 * The entity a store holds records of, as retention sees it.
 *
 * @public
 */
export type RecordedEntity = {
  entityRef: string;
  /** the catalog uid recorded at ingest, when known */
  uid: string | null;
  /** when the entity was first seen missing from the catalog (epoch ms) */
  goneSince: number | null;
};

/**
 * The kinds of record a retraction names by (source, id).
 *
 * @public
 */
export type RetractableKind =
  | 'incidents'
  | 'costs'
  | 'dr-tests'
  | 'corrections';

/**
 * An SLA correction as stored, with who wrote it last and when.
 *
 * @public
 */
export type StoredCorrection = CorrectionRecord & {
  writtenBy: string | null;
  /** ISO 8601 */
  writtenAt: string | null;
};

/**
 * What one ingested batch did to the store.
 *
 * @public
 */
export type IngestOutcome = {
  /** records that did not exist before */
  accepted: number;
  /** records that existed and now carry different values */
  updated: number;
  /** records that existed with exactly these values */
  unchanged: number;
};

/**
 * A time range in epoch milliseconds, end exclusive.
 *
 * @public
 */
export type TimeRange = { from: number; to: number };

/**
 * Stores the measured data of the Service Delivery disciplines.
 *
 * @public
 */
export interface ServiceDeliveryStore {
  /** Stores a validated batch in one transaction: every record lands or none does. */
  ingest<K extends RecordKind>(
    kind: K,
    records: RecordsByKind[K][],
    write?: WriteContext,
  ): Promise<IngestOutcome>;

  /**
   * Stores a cost batch in one transaction, as {@link ServiceDeliveryStore.ingest} does, except
   * that the lines naming one of `unattributedRefs` (entities the catalog does not know) are held
   * unattributed by (source, id) — counted in no entity's cost. A line that existed unattributed
   * and is now sent for a known entity moves to it; one that belongs to an entity is never held
   * unattributed (the batch is refused, naming it). Answers the two parts' outcomes.
   */
  ingestCosts(
    records: CostRecord[],
    unattributedRefs: ReadonlySet<string>,
    write?: WriteContext,
  ): Promise<{ attributed: IngestOutcome; unattributed: IngestOutcome }>;

  /**
   * Removes one cost line held unattributed, audited as retracted under the reference it named:
   * that reference, or undefined when no such line is held.
   */
  retractUnattributedCost(options: {
    source: string;
    id: string;
    write: WriteContext;
  }): Promise<string | undefined>;

  /** The unattributed cost lines of months `fromMonth`..`toMonth` (YYYY-MM, inclusive). */
  listUnattributedCosts(options: {
    fromMonth: string;
    toMonth: string;
  }): Promise<UnattributedCost[]>;

  /** The entity a record (by source and id) belongs to, if it exists. */
  findRecordEntity(options: {
    kind: RetractableKind;
    source: string;
    id: string;
  }): Promise<string | undefined>;

  /**
   * Deletes one record and keeps the retraction in the audit trail. Answers the entity it belonged
   * to, or undefined when there was no such record (of `entityRef`, when given).
   */
  retract(options: {
    kind: RetractableKind;
    source: string;
    id: string;
    entityRef: string;
    write: WriteContext;
  }): Promise<string | undefined>;

  /** The writes of one entity's records, newest first; `before` is the previous page's last seq. */
  listAudit(options: {
    entityRef: string;
    limit: number;
    before?: number;
    excludeKinds?: RecordKind[];
  }): Promise<AuditEntry[]>;

  /** Keeps one answer of the release gate. */
  recordGateDecision(decision: GateDecision): Promise<void>;

  /** The release gate's answers for one entity, newest first. */
  listGateDecisions(options: {
    entityRef: string;
    limit: number;
  }): Promise<GateDecision[]>;

  /** Every entity the store holds records or an entity entry of. */
  listRecordedEntities(): Promise<RecordedEntity[]>;

  /** Records, or updates, the uid and disappearance of entities. */
  markEntities(entities: RecordedEntity[]): Promise<void>;

  /**
   * Deletes every record and audit entry of the entities (and, with `forget`, their entries);
   * answers how many records went.
   */
  deleteEntityRecords(
    entityRefs: string[],
    options?: { forget?: boolean },
  ): Promise<number>;

  /**
   * Deletes records and audit entries older than `earliest` (epoch ms; cost lines of months before
   * the one holding it; incidents resolved before it); answers how many records went, by entity.
   */
  pruneBefore(earliest: number): Promise<Map<string, number>>;

  /** Incidents of the entities whose impact interval overlaps the range (open ones included). */
  listIncidents(options: {
    entityRefs: string[];
    range: TimeRange;
  }): Promise<IncidentRecord[]>;

  /** SLI buckets of the entities that start within the range. */
  listSli(options: {
    entityRefs: string[];
    objective?: string;
    range: TimeRange;
  }): Promise<SliRecord[]>;

  /** Cost lines of the entities for the months `fromMonth`..`toMonth` (YYYY-MM, inclusive). */
  listCosts(options: {
    entityRefs: string[];
    fromMonth: string;
    toMonth: string;
  }): Promise<CostRecord[]>;

  /** Capacity samples of the entities, oldest first. */
  listCapacity(options: {
    entityRefs: string[];
    range?: TimeRange;
  }): Promise<CapacityRecord[]>;

  /**
   * The capacity samples a forecast at `until` reads, oldest first: those after `since`, the latest
   * one before it that carries a capacity, and — for a resource without samples after `since` — its
   * latest one.
   */
  listCapacityForForecast(options: {
    entityRefs: string[];
    since: number;
    until: number;
  }): Promise<CapacityRecord[]>;

  /** The SLA corrections of the entities, by source and id. */
  listCorrections(options: {
    entityRefs: string[];
  }): Promise<StoredCorrection[]>;

  /** DR tests of the entities, newest first. */
  listDrTests(options: { entityRefs: string[] }): Promise<DrTestRecord[]>;

  /**
   * The SLI bucket of an objective (of one source, when given) that starts last. Where several
   * sources report one bucket, every read counts the one written last (ties: the source first by
   * name).
   */
  latestSliBucket(options: {
    entityRef: string;
    objective: string;
    source?: string;
  }): Promise<SliRecord | undefined>;

  /** The capacity sample of a resource (of one source, when given) taken last. */
  latestCapacitySample(options: {
    entityRef: string;
    resource: string;
    source?: string;
  }): Promise<CapacityRecord | undefined>;
}
