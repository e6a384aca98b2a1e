import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CostRecord,
  RecordKind,
  RecordProblem,
  RecordValidationOptions,
  RecordsByKind,
} from '@service-delivery/plugin-service-delivery-common';
import {
  ServiceDeliverySettings,
  retentionOf,
} from '@service-delivery/plugin-service-delivery-node';
import {
  IngestOutcome,
  RecordOwnershipError,
  ServiceDeliveryStore,
} from '../database/ServiceDeliveryStore';
import { KnownEntityCache, knownEntities } from './knownEntities';
import { writerOf } from './writers';

/** What validateRecords checks at `now`: instants inside the configured retention. */
export function recordValidationOptions(
  settings: Pick<ServiceDeliverySettings, 'retention'>,
  now: number,
): RecordValidationOptions {
  return { now, retentionMs: retentionOf(settings).keepMs };
}

/** Records for entities the catalog does not know, and the uids of those it does. */
export function writableRecordProblems(
  context: {
    catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
    auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
    knownEntities?: KnownEntityCache;
  },
  records: ReadonlyArray<{ entityRef: string }>,
  credentials: BackstageCredentials,
): ReturnType<typeof knownEntities> {
  return knownEntities({
    catalog: context.catalog,
    auth: context.auth,
    records,
    credentials,
    cache: context.knownEntities,
  });
}

/**
 * Stores a checked batch as written by the caller; a batch naming records of other entities is
 * answered with its problems, nothing of it stored.
 */
export async function storeBatch<K extends RecordKind>(
  store: ServiceDeliveryStore,
  kind: K,
  records: RecordsByKind[K][],
  write: {
    credentials: BackstageCredentials;
    at: number;
    entityUids?: Map<string, string>;
  },
): Promise<{ outcome: IngestOutcome } | { problems: RecordProblem[] }> {
  try {
    return {
      outcome: await store.ingest(kind, records, {
        writtenBy: writerOf(write.credentials),
        at: write.at,
        entityUids: write.entityUids,
      }),
    };
  } catch (error) {
    if (error instanceof RecordOwnershipError) {
      return { problems: error.problems };
    }
    throw error;
  }
}

/**
 * Stores a checked cost batch as written by the caller, the lines naming one of
 * `unattributedRefs` held unattributed; answered like {@link storeBatch}, with how many lines are
 * held unattributed.
 */
export async function storeCostBatch(
  store: ServiceDeliveryStore,
  records: CostRecord[],
  unattributedRefs: ReadonlySet<string>,
  write: {
    credentials: BackstageCredentials;
    at: number;
    entityUids?: Map<string, string>;
  },
): Promise<
  | { outcome: IngestOutcome & { unattributed: IngestOutcome } }
  | { problems: RecordProblem[] }
> {
  try {
    const { attributed, unattributed } = await store.ingestCosts(
      records,
      unattributedRefs,
      {
        writtenBy: writerOf(write.credentials),
        at: write.at,
        entityUids: write.entityUids,
      },
    );
    return { outcome: { ...attributed, unattributed } };
  } catch (error) {
    if (error instanceof RecordOwnershipError) {
      return { problems: error.problems };
    }
    throw error;
  }
}
