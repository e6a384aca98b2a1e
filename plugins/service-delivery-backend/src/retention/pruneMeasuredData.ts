import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { entityRecordsFate } from '@service-delivery/plugin-service-delivery-common';
import {
  RecordedEntity,
  ServiceDeliveryStore,
} from '../database/ServiceDeliveryStore';

/** The scheduler task that prunes measured data; stable, so that replicas share it. */
export const RETENTION_TASK_ID = 'service-delivery:retention';

/** Hourly, the first run a few minutes after start (the catalog has had time to load). */
export const DEFAULT_RETENTION_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { hours: 1 },
    timeout: { minutes: 30 },
    initialDelay: { minutes: 5 },
  };

const refsPerLookup = 1000;

/** What one run of the retention did. */
export type RetentionOutcome = {
  /** records older than the retention, deleted */
  expired: number;
  /** entities gone from the catalog for longer than the grace period, their records deleted */
  pruned: string[];
  /** entities whose name a new entity took, their earlier records deleted */
  reset: string[];
  /** entities seen missing from the catalog, kept for the grace period */
  gone: string[];
};

/**
 * One run of the retention at `now`: records older than `keepMs` go; each entity the store holds
 * records of is looked up in the catalog (with the plugin's own credentials) — present and the
 * same (`metadata.uid`), kept; absent, kept for `afterEntityGoneMs` from when it was first seen
 * missing, then deleted; another entity under the same reference, the earlier records deleted.
 * A catalog that cannot be read stops the run before anything is deleted for being gone.
 */
export async function pruneMeasuredData(options: {
  store: ServiceDeliveryStore;
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  keepMs: number;
  afterEntityGoneMs: number;
  now: number;
}): Promise<RetentionOutcome> {
  const { store, catalog, auth, now } = options;
  const recorded = await store.listRecordedEntities();
  const credentials = await auth.getOwnServiceCredentials();
  const uids = new Map<string, string | null>();
  for (let first = 0; first < recorded.length; first += refsPerLookup) {
    const part = recorded.slice(first, first + refsPerLookup);
    const { items } = await catalog.getEntitiesByRefs(
      {
        entityRefs: part.map(entity => entity.entityRef),
        fields: ['kind', 'metadata.namespace', 'metadata.name', 'metadata.uid'],
      },
      { credentials },
    );
    part.forEach((entity, index) =>
      uids.set(entity.entityRef, items[index]?.metadata.uid ?? null),
    );
  }

  const outcome: RetentionOutcome = {
    expired: 0,
    pruned: [],
    reset: [],
    gone: [],
  };
  const marks: RecordedEntity[] = [];
  for (const entity of recorded) {
    const catalogUid = uids.get(entity.entityRef) ?? null;
    const fate = entityRecordsFate({
      recordedUid: entity.uid,
      catalogUid,
      goneSince: entity.goneSince,
      now,
      graceMs: options.afterEntityGoneMs,
    });
    if (fate === 'keep') {
      if (entity.uid !== catalogUid || entity.goneSince !== null) {
        marks.push({ ...entity, uid: catalogUid, goneSince: null });
      }
    } else if (fate === 'gone') {
      outcome.gone.push(entity.entityRef);
      if (entity.goneSince === null) marks.push({ ...entity, goneSince: now });
    } else if (fate === 'prune') {
      outcome.pruned.push(entity.entityRef);
    } else {
      outcome.reset.push(entity.entityRef);
      marks.push({ ...entity, uid: catalogUid, goneSince: null });
    }
  }
  if (outcome.pruned.length > 0) {
    await store.deleteEntityRecords(outcome.pruned, { forget: true });
  }
  if (outcome.reset.length > 0) {
    await store.deleteEntityRecords(outcome.reset);
  }
  if (marks.length > 0) await store.markEntities(marks);
  const expired = await store.pruneBefore(now - options.keepMs);
  for (const count of expired.values()) outcome.expired += count;
  return outcome;
}

/** Runs {@link pruneMeasuredData} on a schedule, once per cluster. */
export async function scheduleRetention(options: {
  scheduler: SchedulerService;
  schedule?: SchedulerServiceTaskScheduleDefinition;
  store: ServiceDeliveryStore;
  catalog: Pick<CatalogService, 'getEntitiesByRefs'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  logger: LoggerService;
  keepMs: number;
  afterEntityGoneMs: number;
  now?: () => number;
}): Promise<void> {
  const { scheduler, logger } = options;
  const clock = options.now ?? Date.now;
  await scheduler.scheduleTask({
    id: RETENTION_TASK_ID,
    ...(options.schedule ?? DEFAULT_RETENTION_SCHEDULE),
    scope: 'global',
    fn: async () => {
      const outcome = await pruneMeasuredData({ ...options, now: clock() });
      logger.info(
        `Service delivery retention: ${outcome.expired} expired record(s) deleted; ${outcome.pruned.length} entities gone past the grace period pruned, ${outcome.reset.length} reused names started clean, ${outcome.gone.length} gone entities kept for now`,
      );
    },
  });
}
