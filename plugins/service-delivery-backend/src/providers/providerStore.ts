import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  maxRecordsPerBatch,
  RecordKind,
  RecordProblem,
  RecordsByKind,
  validateRecords,
} from '@service-delivery/plugin-service-delivery-common';
import {
  MeasuredDataIngestResult,
  MeasuredDataStore,
} from '@service-delivery/plugin-service-delivery-node';
import {
  RecordOwnershipError,
  ServiceDeliveryStore,
} from '../database/ServiceDeliveryStore';
import { knownEntities } from '../records/knownEntities';
import { pluginWriter } from '../records/writers';

const problemsShown = 5;

/**
 * The store as a provider sees it: batches pass the same validation as the ingest routes (instants
 * inside the retention, entities the catalog knows, records that stay with their entity) and are
 * stored in one transaction, written by `plugin:service-delivery`, or dropped whole with the
 * problems logged.
 */
export function createProviderStore(options: {
  store: ServiceDeliveryStore;
  logger: LoggerService;
  providerName: string;
  /** without it, entities are not looked up */
  catalog?: Pick<CatalogService, 'getEntitiesByRefs'>;
  auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** how long measured data is kept; without it instants are not checked */
  retentionMs?: number;
  now?: () => number;
}): MeasuredDataStore {
  const { store, logger, providerName, catalog, auth, retentionMs } = options;
  const clock = options.now ?? Date.now;

  const drop = <K extends RecordKind>(
    kind: K,
    records: RecordsByKind[K][],
    problems: RecordProblem[],
  ): MeasuredDataIngestResult => {
    const shown = problems
      .slice(0, problemsShown)
      .map(p => `[${p.index}]${p.path ? `.${p.path}` : ''}: ${p.message}`)
      .join('; ');
    const more =
      problems.length > problemsShown
        ? ` and ${problems.length - problemsShown} more`
        : '';
    logger.warn(
      `Dropped a batch of ${records.length} ${kind} record(s) from provider ${providerName}, nothing of it was stored: ${shown}${more}`,
    );
    return { stored: false, problems };
  };

  return {
    async ingest<K extends RecordKind>(
      kind: K,
      records: RecordsByKind[K][],
    ): Promise<MeasuredDataIngestResult> {
      // The routes cap a request at maxRecordsPerBatch; a provider's batch may be longer, so it is
      // validated in slices of that size and still stored in one transaction.
      const valid: RecordsByKind[K][] = [];
      const problems: RecordProblem[] = [];
      const now = clock();
      for (let first = 0; first < records.length; first += maxRecordsPerBatch) {
        const slice = validateRecords(
          kind,
          records.slice(first, first + maxRecordsPerBatch),
          { now, retentionMs },
        );
        valid.push(...slice.records);
        problems.push(
          ...slice.problems.map(problem => ({
            ...problem,
            index: problem.index < 0 ? problem.index : problem.index + first,
          })),
        );
      }
      if (problems.length > 0) return drop(kind, records, problems);
      if (valid.length === 0) {
        return { stored: true, accepted: 0, updated: 0, unchanged: 0 };
      }
      let entityUids: Map<string, string> | undefined;
      if (catalog && auth) {
        const known = await knownEntities({
          catalog,
          auth,
          records: valid,
          credentials: await auth.getOwnServiceCredentials(),
        });
        if (known.problems.length > 0) {
          return drop(kind, records, known.problems);
        }
        entityUids = known.uids;
      }
      let outcome;
      try {
        outcome = await store.ingest(kind, valid, {
          writtenBy: pluginWriter,
          at: now,
          entityUids,
        });
      } catch (error) {
        if (error instanceof RecordOwnershipError) {
          return drop(kind, records, error.problems);
        }
        throw error;
      }
      logger.debug(
        `Stored ${valid.length} ${kind} record(s) from provider ${providerName}: ${outcome.accepted} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged`,
      );
      return { stored: true, ...outcome };
    },

    latestSliBucket: query => store.latestSliBucket(query),
    latestCapacitySample: query => store.latestCapacitySample(query),
  };
}
