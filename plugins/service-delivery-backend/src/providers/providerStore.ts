import { LoggerService } from '@backstage/backend-plugin-api';
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
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';

const problemsShown = 5;

/**
 * The store as a provider sees it: batches pass the same validation as the ingest routes and are
 * stored in one transaction, or dropped whole with the problems logged.
 */
export function createProviderStore(options: {
  store: ServiceDeliveryStore;
  logger: LoggerService;
  providerName: string;
}): MeasuredDataStore {
  const { store, logger, providerName } = options;
  return {
    async ingest<K extends RecordKind>(
      kind: K,
      records: RecordsByKind[K][],
    ): Promise<MeasuredDataIngestResult> {
      // The routes cap a request at maxRecordsPerBatch; a provider's batch may be longer, so it is
      // validated in slices of that size and still stored in one transaction.
      const valid: RecordsByKind[K][] = [];
      const problems: RecordProblem[] = [];
      for (let first = 0; first < records.length; first += maxRecordsPerBatch) {
        const slice = validateRecords(
          kind,
          records.slice(first, first + maxRecordsPerBatch),
        );
        valid.push(...slice.records);
        problems.push(
          ...slice.problems.map(problem => ({
            ...problem,
            index: problem.index < 0 ? problem.index : problem.index + first,
          })),
        );
      }
      if (problems.length > 0) {
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
      }
      if (valid.length === 0) {
        return { stored: true, accepted: 0, updated: 0, unchanged: 0 };
      }
      const outcome = await store.ingest(kind, valid);
      logger.debug(
        `Stored ${valid.length} ${kind} record(s) from provider ${providerName}: ${outcome.accepted} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged`,
      );
      return { stored: true, ...outcome };
    },

    latestSliBucket: query => store.latestSliBucket(query),
    latestCapacitySample: query => store.latestCapacitySample(query),
  };
}
