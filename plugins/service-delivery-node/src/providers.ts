import {
  createExtensionPoint,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  CapacityRecord,
  RecordKind,
  RecordProblem,
  RecordsByKind,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';

/**
 * What one batch handed to {@link MeasuredDataStore.ingest} did: either every record was stored,
 * or none was, because some were invalid.
 *
 * @public
 */
export type MeasuredDataIngestResult =
  | { stored: true; accepted: number; updated: number; unchanged: number }
  | { stored: false; problems: RecordProblem[] };

/**
 * The measured-data store as a provider sees it.
 *
 * @public
 */
export interface MeasuredDataStore {
  /**
   * Validates the batch whole, as the ingest routes do, and stores it in one transaction. A batch
   * with any invalid record is logged and dropped entirely; records are upserted, so handing the
   * same batch twice changes nothing.
   */
  ingest<K extends RecordKind>(
    kind: K,
    records: RecordsByKind[K][],
  ): Promise<MeasuredDataIngestResult>;

  /**
   * The latest stored SLI bucket of an objective (of one source, when given): where a provider
   * that pulls buckets in order picks up again.
   */
  latestSliBucket(options: {
    entityRef: string;
    objective: string;
    source?: string;
  }): Promise<SliRecord | undefined>;

  /** The latest stored capacity sample of a resource (of one source, when given). */
  latestCapacitySample(options: {
    entityRef: string;
    resource: string;
    source?: string;
  }): Promise<CapacityRecord | undefined>;
}

/**
 * What a provider gets for one run.
 *
 * @public
 */
export interface MeasuredDataProviderContext {
  store: MeasuredDataStore;
  logger: LoggerService;
  /** Aborted when the run times out or the backend shuts down. */
  signal: AbortSignal;
}

/**
 * Pulls measured records (incidents, SLI counts, costs, capacity samples, DR tests) from an
 * outside system on a schedule. Each provider runs through Backstage's scheduler under a task id
 * derived from its name, so across several backend replicas only one runs it at a time.
 *
 * @public
 */
export interface MeasuredDataProvider {
  /** A stable name of letters, digits, '.', '_' and '-', unique among the providers. */
  getProviderName(): string;
  /** How often to run. The task always runs in global scope: replicas share one cadence. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  run(context: MeasuredDataProviderContext): Promise<void>;
}

/**
 * Lets backend modules add measured-data providers to the Service Delivery backend.
 *
 * @public
 */
export interface ServiceDeliveryProvidersExtensionPoint {
  addProvider(
    ...providers: Array<MeasuredDataProvider | Array<MeasuredDataProvider>>
  ): void;
}

/**
 * The extension point for measured-data providers.
 *
 * @public
 */
export const serviceDeliveryProvidersExtensionPoint =
  createExtensionPoint<ServiceDeliveryProvidersExtensionPoint>({
    id: 'service-delivery.providers',
  });
