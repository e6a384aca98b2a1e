import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OverviewRow,
  RecordKind,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { declaredServiceDelivery, recordRef } from '../disciplines/declared';
import { CatalogSnapshot, declaresServiceDelivery } from './catalogSnapshot';
import { HeadlineSources } from './headlines';
import { IngestTraffic } from './IngestTraffic';
import { compositeMoved } from './headlines/availabilityHeadline';
import {
  ComputedRow,
  computeOverviewRows,
  computeOverviewRowsInBatches,
} from './overviewRows';
import { NotifiedRow, OwnerNotifier } from './OwnerNotifier';
import { RecentRows } from './recentRows';
import { SnapshotComposites } from './snapshotComposites';

/** A stored row as it was written, or undefined when there is none or it cannot be read. */
function parsedRow(
  stored: { row: string } | undefined,
): OverviewRow | undefined {
  if (!stored) return undefined;
  try {
    return JSON.parse(stored.row) as OverviewRow;
  } catch {
    return undefined;
  }
}

/** The scheduled refresh: every 10 minutes, and soon after start. */
export const DEFAULT_REFRESH_SCHEDULE: SchedulerServiceTaskScheduleDefinition =
  {
    frequency: { minutes: 10 },
    timeout: { minutes: 30 },
    initialDelay: { seconds: 10 },
  };

export const REFRESH_TASK_ID = 'service-delivery-overview-refresh';

/** How long ingests are collected before the entities they touched are refreshed. */
const DEBOUNCE_MS = 3_000;
/** A steady stream of ingests still refreshes at least this often… */
const MAX_WAIT_MS = 30_000;
/**
 * …unless refreshing takes long: then it rests this many times as long as its last pass worked (not
 * counting the time that pass let ingests go first) before the next.
 */
const REST_FACTOR = 1;
/**
 * A refresh waits for the ingests in flight before each row, but no longer than this: ingests go
 * first, and a steady stream of them still leaves the refresh a row every so often.
 */
const MAX_PAUSE_MS = 50;
/**
 * A refresh after ingests reuses a catalog read this recent when it holds every entity they touched:
 * at 10,000 services a read is dozens of catalog pages, and ingests streaming in would otherwise pay
 * for one every few seconds. Metadata edits reach their rows at most this much later.
 */
const CATALOG_REUSE_MS = 60_000;
/**
 * While ingests keep coming, the entities they touched are refreshed this many at a time, oldest
 * touched first: the rows of what arrived first are current soon, and entities touched again wait
 * for their newest data. Once ingests pause, the rest is refreshed in one pass with the dependants
 * of every entity whose incidents changed.
 */
const STREAMING_SLICE = 500;
/**
 * A pass writes its rows this many at a time as it computes them, each chunk compared with its
 * stored rows read for it: what a pass holds is a chunk's rows and their stored text, not every row
 * of the organisation (at 10,000 services a whole pass's rows held over 100 MB until the end).
 */
const WRITE_CHUNK = 1_000;

/**
 * When the entities of pending ingests are refreshed, asked at each ingest: `debounceMs` after it
 * (a pause in the ingests refreshes what they touched at once); and while they keep coming, no later
 * than `maxWaitMs` after the oldest pending one — but not before the refresher has rested
 * `restFactor` times as long as its last post-ingest refresh worked, so that refreshing takes at most
 * a `1 / (1 + restFactor)` share of the time while ingests stream in (a full recomputation of
 * thousands of services would otherwise follow every `maxWaitMs` and starve them).
 */
export function refreshDelay(options: {
  now: number;
  firstPendingAt: number;
  debounceMs: number;
  maxWaitMs: number;
  restFactor: number;
  lastRefresh?: { endedAt: number; durationMs: number };
}): number {
  const { now, firstPendingAt, debounceMs, maxWaitMs, restFactor } = options;
  const restedAt = options.lastRefresh
    ? options.lastRefresh.endedAt + restFactor * options.lastRefresh.durationMs
    : 0;
  const streamingDeadline = Math.max(firstPendingAt + maxWaitMs, restedAt);
  return Math.max(0, Math.min(debounceMs, streamingDeadline - now));
}

export type OverviewRefresherOptions = {
  catalog: Pick<CatalogService, 'queryEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  store: ServiceDeliveryStore;
  overviewStore: DatabaseOverviewStore;
  settings: ServiceDeliverySettings;
  logger: LoggerService;
  notifier?: OwnerNotifier;
  now?: () => number;
  sources?: HeadlineSources;
  debounceMs?: number;
  /** Ingests in flight, which the refresh lets go first. */
  ingestTraffic?: IngestTraffic;
  /** How many touched entities a pass takes while ingests keep coming (500 by default). */
  streamingSlice?: number;
  /** How many rows a pass writes at a time as it computes them (1,000 by default). */
  writeChunk?: number;
  /**
   * Brings the database's planner statistics of the measured tables up to date before a refresh
   * reads them, when many rows were written since (see `analyzeWrittenTables`).
   */
  refreshStatistics?: () => Promise<string[]>;
  /**
   * How long a row computed on this instance (after an ingest, or by a full refresh) counts as
   * current for the scheduled full refresh, which then computes only the other rows; 0 (the
   * default) computes every row each time.
   */
  reuseRowsForMs?: number;
};

/**
 * Keeps the precomputed overview current: all of it on a schedule (through Backstage's scheduler,
 * so that one replica at a time does the work), and the entities an ingest touched — with everything
 * that depends on them, whose composite availability moves with theirs — a few seconds after it.
 * Refreshes on one instance run one at a time.
 */
export class OverviewRefresher {
  private readonly now: () => number;
  private queue: Promise<unknown> = Promise.resolve();
  /** Entities touched by ingests and not refreshed since, the least recently touched first. */
  private pending = new Set<string>();
  /** Entities whose incidents changed and whose dependants were not looked at since. */
  private pendingIncidents = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private firstPendingAt?: number;
  private lastIngestAt = -Infinity;
  private draining?: Promise<void>;
  private lastRefresh?: { endedAt: number; durationMs: number };
  /** How long the latest piece of serial work took, and how much of it went to other work first. */
  private lastWorkMs = 0;
  private lastYieldedMs = 0;
  /** How long the serial work under way has let other work go first. */
  private yieldedMs = 0;
  private readonly listeners = new Set<() => void>();
  private readonly recent: RecentRows;
  private lastCatalog?: { snapshot: CatalogSnapshot; readAtWall: number };
  /** When the serial work under way began (wall clock). */
  private workBegan = 0;
  /** When each entity was last touched by an ingest (wall clock). */
  private readonly touchedAt = new Map<string, number>();
  /**
   * When the work that last computed each row in full began (wall clock): a row whose work began
   * after the entity's last ingest already holds that ingest's data.
   */
  private readonly computedFrom = new Map<string, number>();

  constructor(private readonly options: OverviewRefresherOptions) {
    this.now = options.now ?? Date.now;
    this.recent = new RecentRows(options.reuseRowsForMs ?? 0);
  }

  /** Registers the scheduled full refresh. */
  async schedule(
    scheduler: SchedulerService,
    schedule: SchedulerServiceTaskScheduleDefinition = DEFAULT_REFRESH_SCHEDULE,
  ): Promise<void> {
    await scheduler.scheduleTask({
      id: REFRESH_TASK_ID,
      ...schedule,
      fn: async () => {
        await this.refreshAll();
      },
    });
  }

  /** Called after rows were written, so that this instance's cache reloads at once. */
  onRefreshed(listener: () => void): void {
    this.listeners.add(listener);
  }

  /**
   * Recomputes every entity that declares service delivery — but for rows still current (see
   * `reuseRowsForMs`) — and removes rows of the others.
   */
  refreshAll(): Promise<{ rows: number; notified: number; services: number }> {
    return this.serially(async () => {
      await this.freshStatistics();
      const snapshot = await this.readCatalog();
      const declaring = snapshot.declaring();
      const computed = await this.computeAndWrite(
        snapshot,
        this.recent.toCompute(snapshot, declaring),
      );
      const keepOnly = new Set(declaring.map(recordRef));
      const storedRefs = await this.options.overviewStore.storedRefs();
      await this.remove([...storedRefs].filter(ref => !keepOnly.has(ref)));
      this.forgetAllBut(keepOnly);
      // kept for the passes of ingests that keep coming; with none of late, a whole catalog's
      // worth of memory is not held for them
      if (Date.now() - this.lastIngestAt >= CATALOG_REUSE_MS) {
        this.lastCatalog = undefined;
      }
      const notified = await this.notify(computed);
      this.options.logger.info(
        `Service delivery overview refreshed: ${declaring.length} services, ${
          computed.length
        } computed${
          computed.length < declaring.length
            ? ` (the others computed within the last ${Math.round(
                (this.options.reuseRowsForMs ?? 0) / 1000,
              )} s)`
            : ''
        }, ${notified} notification(s) sent`,
      );
      return {
        rows: computed.length,
        notified,
        services: declaring.length,
      };
    });
  }

  /**
   * Recomputes the given entities and (unless `missing` is false) any entity that declares service
   * delivery but has no row yet; then, of everything that depends on them, the rows whose composite
   * ceiling moved.
   */
  refreshEntities(
    entityRefs: Iterable<string>,
    options: {
      /** whether to look at dependants: of every given entity (the default), or only of these */
      dependants?: boolean | Iterable<string>;
      /** reuse the latest catalog read when younger than this and it holds every given entity */
      catalogReuseMs?: number;
      /** whether to add the rows of entities that have none yet (true by default) */
      missing?: boolean;
      /**
       * whether to leave out what was computed since the ingests that touched it (a scheduled full
       * refresh that ran in between): the touched entities whose rows were, and the dependants
       * whose rows were computed after every given entity's last ingest
       */
      skipCurrent?: boolean;
    } = {},
  ): Promise<{ rows: number; notified: number }> {
    const touched = new Set(entityRefs);
    const movedBy =
      options.dependants === false
        ? new Set<string>()
        : new Set(
            options.dependants === true || options.dependants === undefined
              ? touched
              : options.dependants,
          );
    return this.serially(async () => {
      // a dependant is current when computed after the last ingest of everything it was asked for
      let lastTouch = Infinity;
      if (options.skipCurrent) {
        for (const ref of [...touched]) {
          if (this.computedSince(ref, this.touchedAt.get(ref))) {
            touched.delete(ref);
          }
        }
        lastTouch = -Infinity;
        for (const ref of movedBy) {
          lastTouch = Math.max(lastTouch, this.touchedAt.get(ref) ?? Infinity);
        }
      }
      // a scheduled full refresh that ran since the ingests computed it all (the missing rows too)
      if (options.skipCurrent && touched.size === 0 && movedBy.size === 0) {
        return { rows: 0, notified: 0 };
      }
      await this.freshStatistics();
      const { overviewStore } = this.options;
      const snapshot = await this.readCatalog(
        options.catalogReuseMs
          ? {
              maxAgeMs: options.catalogReuseMs,
              touched: new Set([...touched, ...movedBy]),
            }
          : undefined,
      );
      // a System's budget findings count its parts' cost: new data of a part refreshes its System
      for (const ref of [...touched]) {
        const entity = snapshot.get(ref);
        const system = entity ? snapshot.systemOf(entity) : null;
        if (system && system !== ref) touched.add(system);
      }
      const composites = this.composites(snapshot);
      const declaring = snapshot.declaring();
      const storedRefs = await overviewStore.storedRefs();
      const entities = declaring.filter(e => {
        const ref = recordRef(e);
        return (
          touched.has(ref) ||
          (options.missing !== false && !storedRefs.has(ref))
        );
      });
      const gone = [...touched].filter(ref => {
        const entity = snapshot.get(ref);
        return (
          storedRefs.has(ref) && (!entity || !declaresServiceDelivery(entity))
        );
      });
      const computed = await this.computeAndWrite(snapshot, entities, {
        composites,
      });
      if (movedBy.size > 0) {
        const done = new Set(entities.map(recordRef));
        const dependants = snapshot.dependantsOf(movedBy);
        const candidates = declaring.filter(e => {
          const ref = recordRef(e);
          return (
            !done.has(ref) &&
            dependants.has(ref) &&
            !this.computedSince(ref, lastTouch)
          );
        });
        // a platform has thousands of dependants: their stored rows are read a chunk at a time
        const size = this.writeChunk;
        for (let start = 0; start < candidates.length; start += size) {
          const chunk = candidates.slice(start, start + size);
          const stored = await overviewStore.readSerialised(
            chunk.map(recordRef),
          );
          const moved: Entity[] = [];
          // a dependant's own data did not change: only what composes from its dependencies is
          // computed again, the rest of its row kept
          const keep = new Map<string, OverviewRow>();
          for (const [index, entity] of chunk.entries()) {
            // thousands of dependants of a platform are looked at: let ingests in now and then
            if (index % 25 === 0) await this.pause();
            const ref = recordRef(entity);
            const storedRow = parsedRow(stored.get(ref));
            if (
              await this.compositeMoved(
                entity,
                storedRow,
                composites,
                snapshot.readAt,
              )
            ) {
              moved.push(entity);
              if (storedRow) keep.set(ref, storedRow);
            }
          }
          computed.push(
            ...(await this.computeAndWrite(snapshot, moved, {
              composites,
              keep,
              stored,
            })),
          );
        }
      }
      await this.remove(gone);
      this.recent.forget(gone);
      for (const map of [this.computedFrom, this.touchedAt]) {
        for (const ref of gone) map.delete(ref);
      }
      const notified = await this.notify(computed);
      return { rows: computed.length, notified };
    });
  }

  /**
   * Collects the entities of ingested batches and refreshes them once the ingests settle (in slices
   * while they keep coming). Only incidents move what others compose from an entity; their
   * dependants are refreshed with them.
   */
  entitiesChanged(entityRefs: string[], kind?: RecordKind): void {
    const touchedAt = Date.now();
    for (const ref of entityRefs) {
      // touched again: its row waits for this ingest's data, so it goes to the back
      this.pending.delete(ref);
      this.pending.add(ref);
      this.touchedAt.set(ref, touchedAt);
    }
    if (kind === undefined || kind === 'incidents') {
      for (const ref of entityRefs) this.pendingIncidents.add(ref);
    }
    // timers run on the wall clock, whatever `now` the figures are computed at
    const now = Date.now();
    this.lastIngestAt = now;
    // a pass under way takes what arrived on its next slice
    if (!this.draining) this.scheduleFlush(now);
  }

  private scheduleFlush(now: number, pendingSince = now): void {
    this.firstPendingAt ??= pendingSince;
    if (this.timer) clearTimeout(this.timer);
    const delay = refreshDelay({
      now,
      firstPendingAt: this.firstPendingAt,
      debounceMs: this.debounceMs,
      maxWaitMs: MAX_WAIT_MS,
      restFactor: REST_FACTOR,
      lastRefresh: this.lastRefresh,
    });
    this.timer = setTimeout(() => this.flush(), delay);
    this.timer.unref?.();
  }

  /** Refreshes what ingests touched now, without waiting for the debounce. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPendingAt = undefined;
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
      // left by a slice, or touched during the pass: waiting since the oldest of them was touched,
      // so that a backlog is taken on as soon as the refresher has rested, not a maximum wait
      // after the next ingest
      if (this.pending.size > 0) {
        const oldest: string = this.pending.values().next().value!;
        this.scheduleFlush(Date.now(), this.touchedAt.get(oldest));
      }
    });
    return this.draining;
  }

  private get writeChunk(): number {
    return this.options.writeChunk ?? WRITE_CHUNK;
  }

  private get debounceMs(): number {
    return this.options.debounceMs ?? DEBOUNCE_MS;
  }

  /**
   * Refreshes the pending entities until none is left. The entities are taken when a pass starts,
   * not when it was asked for, so ingests that arrive during a pass join the next one instead of
   * queueing passes of their own. While ingests keep coming a pass takes a slice of them and
   * ends the drain: the next slice waits for the timer (`refreshDelay`), so that the refresh rests
   * between slices instead of taking one after another for as long as the ingests last. Each row
   * waits for the ingests in flight (`ingestTraffic`), so that a pass uses the pauses between them.
   */
  private async drain(): Promise<void> {
    while (this.pending.size > 0 || this.pendingIncidents.size > 0) {
      const streaming = () => Date.now() - this.lastIngestAt < this.debounceMs;
      const slice = this.options.streamingSlice ?? STREAMING_SLICE;
      const whole = !streaming() || this.pending.size <= slice;
      const refs: string[] = [];
      for (const ref of this.pending) {
        if (!whole && refs.length >= slice) break;
        refs.push(ref);
      }
      for (const ref of refs) this.pending.delete(ref);
      // dependants are looked at once the pass reaches the newest ingests: a dependant composes
      // from all its dependencies, and more of their incidents may still be on the way
      const withDependants = whole ? this.pendingIncidents : new Set<string>();
      if (whole) this.pendingIncidents = new Set();
      try {
        const { rows } = await this.refreshEntities(refs, {
          dependants: withDependants,
          catalogReuseMs: CATALOG_REUSE_MS,
          missing: !streaming(),
          skipCurrent: true,
        });
        this.options.logger.info(
          `Service delivery overview refreshed after ingests: ${
            refs.length
          } entities touched, ${rows} rows computed in ${(
            this.lastWorkMs / 1000
          ).toFixed(1)} s (${(this.lastYieldedMs / 1000).toFixed(
            1,
          )} s of it letting ingests and requests go first)${
            this.pending.size > 0
              ? `, ${this.pending.size} touched since wait their turn`
              : ''
          }`,
        );
      } catch (error) {
        this.options.logger.warn(
          `Could not refresh the service delivery overview after an ingest: ${error}`,
        );
        return;
      } finally {
        // only the pass's own work counts: not the wait behind a scheduled full refresh, nor the
        // time it let ingests go first (counted, a pass that mostly waited for them rested as if
        // it had computed all along, and fell ever further behind a steady stream)
        this.lastRefresh = {
          endedAt: Date.now(),
          durationMs: this.lastWorkMs - this.lastYieldedMs,
        };
      }
      // ingests still coming: the rest waits for the timer, after the refresher has rested
      if (streaming()) return;
    }
  }

  /** Rows for another period than the current one: computed on request, never stored. */
  async computePeriod(period: string): Promise<ComputedRow[]> {
    const snapshot = await this.readCatalog();
    return computeOverviewRows({
      ...this.rowsOptions(snapshot, snapshot.declaring(), { period }),
      // not serial work: its pauses are not taken off the rest of a refresh running beside it
      pause: this.letOthersIn,
    });
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Forgets when entities that no longer declare service delivery were touched and computed. */
  private forgetAllBut(declaring: ReadonlySet<string>): void {
    for (const map of [this.computedFrom, this.touchedAt]) {
      for (const ref of map.keys()) {
        if (!declaring.has(ref)) map.delete(ref);
      }
    }
  }

  /** Whether the entity's row was computed in full by work that began after `touchedAt`. */
  private computedSince(ref: string, touchedAt: number | undefined): boolean {
    const from = this.computedFrom.get(ref);
    return touchedAt !== undefined && from !== undefined && from > touchedAt;
  }

  /** A refresh goes on with stale statistics rather than not at all. */
  private async freshStatistics(): Promise<void> {
    try {
      const analyzed = (await this.options.refreshStatistics?.()) ?? [];
      if (analyzed.length > 0) {
        this.options.logger.debug(
          `Service delivery: statistics gathered for ${analyzed.join(', ')}`,
        );
      }
    } catch (error) {
      this.options.logger.warn(
        `Could not gather the database's statistics before a refresh: ${error}`,
      );
    }
  }

  /** Lets other work in: the ingests in flight first. */
  private readonly letOthersIn = (): Promise<void> =>
    this.options.ingestTraffic
      ? this.options.ingestTraffic.pause(MAX_PAUSE_MS)
      : new Promise(resolve => setImmediate(resolve));

  /**
   * As `letOthersIn`, for the serial work: the time it takes is not the refresh's own, and the rest
   * between slices is reckoned without it.
   */
  private readonly pause = async (): Promise<void> => {
    const began = Date.now();
    await this.letOthersIn();
    this.yieldedMs += Date.now() - began;
  };

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const timedWork = async () => {
      const began = Date.now();
      this.workBegan = began;
      this.yieldedMs = 0;
      try {
        return await work();
      } finally {
        this.lastWorkMs = Date.now() - began;
        this.lastYieldedMs = this.yieldedMs;
      }
    };
    const result = this.queue.then(timedWork, timedWork);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readCatalog(reuse?: {
    maxAgeMs: number;
    touched: ReadonlySet<string>;
  }): Promise<CatalogSnapshot> {
    const last = this.lastCatalog;
    if (
      reuse &&
      last &&
      Date.now() - last.readAtWall < reuse.maxAgeMs &&
      [...reuse.touched].every(ref => last.snapshot.get(ref))
    ) {
      return last.snapshot.at(this.now());
    }
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const readAtWall = Date.now();
    const snapshot = await CatalogSnapshot.read(
      this.options.catalog,
      credentials,
      this.now(),
    );
    this.lastCatalog = { snapshot, readAtWall };
    // a whole catalog's worth of memory, not kept past its use: the timer holds only when it was
    // read, so that a read let go sooner (see refreshAll) is not held by the timer either
    setTimeout(() => {
      if (this.lastCatalog?.readAtWall === readAtWall) {
        this.lastCatalog = undefined;
      }
    }, CATALOG_REUSE_MS).unref?.();
    return snapshot;
  }

  private composites(snapshot: CatalogSnapshot): SnapshotComposites {
    return new SnapshotComposites({
      snapshot,
      store: this.options.store,
      settings: this.options.settings,
    });
  }

  /** Whether a dependant's stored row would show another composite ceiling now. */
  private async compositeMoved(
    entity: Entity,
    stored: OverviewRow | undefined,
    composites: SnapshotComposites,
    now: number,
  ): Promise<boolean> {
    if (!stored) return true;
    try {
      return await compositeMoved(
        {
          entity,
          entityRef: recordRef(entity),
          spec: declaredServiceDelivery(entity),
          settings: this.options.settings,
          now,
          composites,
        },
        stored.availability,
      );
    } catch {
      return true;
    }
  }

  /**
   * Computes the current rows of the given entities and writes them a chunk at a time (see
   * `WRITE_CHUNK`), each chunk compared with its stored rows (`stored`, or read for the chunk).
   * Returns what the rows' owners are to be notified of.
   */
  private async computeAndWrite(
    snapshot: CatalogSnapshot,
    entities: Entity[],
    options: {
      composites?: SnapshotComposites;
      keep?: ReadonlyMap<string, OverviewRow>;
      stored?: ReadonlyMap<string, { row: string; findings: string }>;
    } = {},
  ): Promise<NotifiedRow[]> {
    const notified: NotifiedRow[] = [];
    let chunk: ComputedRow[] = [];
    const write = async () => {
      const rows = chunk;
      chunk = [];
      const stored =
        options.stored ??
        (await this.options.overviewStore.readSerialised(
          rows.map(({ row }) => row.entityRef),
        ));
      await this.store(rows, stored);
      for (const { row, findings } of rows) {
        notified.push({
          row: { entityRef: row.entityRef, owner: row.owner },
          findings,
        });
      }
    };
    await computeOverviewRowsInBatches({
      ...this.rowsOptions(snapshot, entities, options),
      onRows: async rows => {
        for (const row of rows) {
          chunk.push(row);
          if (chunk.length >= this.writeChunk) await write();
        }
      },
    });
    if (chunk.length > 0) await write();
    this.noteComputed(snapshot, entities, options.keep);
    return notified;
  }

  private rowsOptions(
    snapshot: CatalogSnapshot,
    entities: Entity[],
    options: {
      period?: string;
      composites?: SnapshotComposites;
      keep?: ReadonlyMap<string, OverviewRow>;
    },
  ) {
    return {
      entities,
      snapshot,
      store: this.options.store,
      aggregates: this.options.overviewStore,
      settings: this.options.settings,
      // every row of one refresh is computed at the moment its catalog snapshot was read
      now: snapshot.readAt,
      period: options.period,
      logger: this.options.logger,
      sources: this.options.sources,
      composites: options.composites,
      keep: options.keep,
      pause: this.pause,
    };
  }

  /** Remembers which rows were computed in full, and when (a kept row's own headlines are as old as it was). */
  private noteComputed(
    snapshot: CatalogSnapshot,
    entities: Entity[],
    keep?: ReadonlyMap<string, OverviewRow>,
  ): void {
    const inFull = keep
      ? entities.filter(e => !keep.has(recordRef(e)))
      : entities;
    this.recent.computed(snapshot, inFull);
    for (const entity of inFull) {
      this.computedFrom.set(recordRef(entity), this.workBegan);
    }
  }

  /** Writes the rows that differ from their stored text. */
  private async store(
    computed: ComputedRow[],
    stored: ReadonlyMap<string, { row: string; findings: string }>,
  ): Promise<void> {
    const rows = computed
      .map(({ row, findings }) => ({
        entityRef: row.entityRef,
        row: JSON.stringify(row),
        findings: JSON.stringify(findings),
      }))
      .filter(r => {
        const before = stored.get(r.entityRef);
        return (
          !before || before.row !== r.row || before.findings !== r.findings
        );
      });
    await this.write(rows, []);
  }

  /** Removes the rows of entities that no longer declare service delivery. */
  private async remove(entityRefs: string[]): Promise<void> {
    await this.write([], entityRefs);
  }

  /** Writes and removes rows, if any, and tells this instance's listeners. */
  private async write(
    rows: Array<{ entityRef: string; row: string; findings: string }>,
    remove: string[],
  ): Promise<void> {
    if (rows.length === 0 && remove.length === 0) return;
    await this.options.overviewStore.write({
      rows,
      computedAt: this.now(),
      remove,
    });
    for (const listener of this.listeners) listener();
  }

  private async notify(computed: NotifiedRow[]): Promise<number> {
    if (!this.options.notifier) return 0;
    try {
      return (
        await this.options.notifier.notify(computed, { pause: this.pause })
      ).sent;
    } catch (error) {
      this.options.logger.warn(
        `Could not notify owners of service delivery changes: ${error}`,
      );
      return 0;
    }
  }
}
