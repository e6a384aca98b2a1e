import {
  CapacityRecord,
  CostRecord,
  DrTestRecord,
  IncidentRecord,
  RecordKind,
  RecordsByKind,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';

/** What one ingested batch did to the store. */
export type IngestOutcome = {
  /** records that did not exist before */
  accepted: number;
  /** records that existed and now carry different values */
  updated: number;
  /** records that existed with exactly these values */
  unchanged: number;
};

/** A time range in epoch milliseconds, end exclusive. */
export type TimeRange = { from: number; to: number };

/**
 * Stores the measured data of the Service Delivery disciplines.
 */
export interface ServiceDeliveryStore {
  /** Stores a validated batch in one transaction: every record lands or none does. */
  ingest<K extends RecordKind>(
    kind: K,
    records: RecordsByKind[K][],
  ): Promise<IngestOutcome>;

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

  /** DR tests of the entities, newest first. */
  listDrTests(options: { entityRefs: string[] }): Promise<DrTestRecord[]>;

  /** The SLI bucket of an objective (of one source, when given) that starts last. */
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
