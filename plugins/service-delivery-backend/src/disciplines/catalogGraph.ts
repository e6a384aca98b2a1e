import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_PART_OF,
  parseEntityRef,
} from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ImpactIndex,
  ImpactNode,
  ServiceDeliverySpec,
  buildImpactIndex,
  canonicalEntityRef,
  serviceDeliveryEntityKinds,
} from '@service-delivery/plugin-service-delivery-common';
import { shareStrings } from '../database/sharedStrings';
import { declaredServiceDelivery, recordRef } from './declared';
import {
  DependencyClosure,
  dependencyEdges,
  normaliseRef,
} from './dependencyGraph';

/** The kinds that may declare `spec.serviceDelivery`, and so take part in the dependency graph. */
export const GRAPH_KINDS = serviceDeliveryEntityKinds;

/** Kinds of wholes whose parts can take them down: a System, a Component with subcomponents. */
const WHOLE_KINDS = new Set(['system', 'component']);

const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.owner',
  'spec.lifecycle',
  'spec.system',
  'spec.subcomponentOf',
  'spec.dependsOn',
  'spec.serviceDelivery',
  'relations',
];

/** One entity of the graph, with its edges normalised to lower-case `kind:namespace/name`. */
export interface GraphEntity {
  ref: string;
  /** As the catalog spells it: `Component`. */
  kind: string;
  title?: string;
  /** The entity with only the fields the graph reads. */
  entity: Entity;
  declared: ServiceDeliverySpec;
  /** `serviceDelivery.tier` when it is a string. */
  tier: string | null;
  dependsOn: string[];
  redundancy: string[][];
  /** Systems and parent components it is a part of. */
  partOf: string[];
}

/** A dependency closure stops growing here. */
const MAX_CLOSURE = 5000;

/** The dependency graph of the whole catalog as one caller may see it, at one moment. */
export class CatalogGraphSnapshot {
  private index?: ImpactIndex;
  private dependantsIndex?: Map<string, string[]>;
  private readonly keptAnswers = new Map<string, Map<string, unknown>>();

  constructor(
    readonly entities: ReadonlyMap<string, GraphEntity>,
    readonly loadedAt: number,
  ) {}

  /**
   * An answer worked out from this snapshot alone, kept with it for the next question about the
   * same entity: at most `max` of one kind, the oldest forgotten first.
   */
  keep<T>(kind: string, entityRef: string, max: number, work: () => T): T {
    let kept = this.keptAnswers.get(kind);
    if (!kept) {
      kept = new Map();
      this.keptAnswers.set(kind, kept);
    }
    if (kept.has(entityRef)) return kept.get(entityRef) as T;
    const answer = work();
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
    kept.set(entityRef, answer);
    return answer;
  }

  /**
   * The part of this snapshot one caller may see: the same entities (not copies), its indexes and
   * kept answers worked out again over that part alone, as a snapshot read with the caller's own
   * credentials would give.
   */
  restrictedTo(readable: ReadonlySet<string>): CatalogGraphSnapshot {
    const entities = new Map<string, GraphEntity>();
    for (const [ref, entity] of this.entities) {
      if (readable.has(ref)) entities.set(ref, entity);
    }
    return new CatalogGraphSnapshot(entities, this.loadedAt);
  }

  /** The reverse index for failure impact questions, built on first use. */
  impactIndex(): ImpactIndex {
    if (!this.index) {
      const nodes = new Map<string, ImpactNode>();
      for (const [ref, entity] of this.entities) {
        nodes.set(ref, {
          tier: entity.tier,
          dependsOn: entity.dependsOn,
          redundancy: entity.redundancy.map(anyOf => ({ anyOf })),
          partOf: entity.partOf,
        });
      }
      this.index = buildImpactIndex(nodes);
    }
    return this.index;
  }

  /** The entities that depend on `ref` directly (through `dependsOn` or a redundancy group). */
  dependantsOf(ref: string): readonly string[] {
    if (!this.dependantsIndex) {
      const index = new Map<string, string[]>();
      for (const [from, entity] of this.entities) {
        const targets = new Set([
          ...entity.dependsOn,
          ...entity.redundancy.flat(),
        ]);
        for (const target of targets) {
          const list = index.get(target);
          if (list) list.push(from);
          else index.set(target, [from]);
        }
      }
      this.dependantsIndex = index;
    }
    return this.dependantsIndex.get(ref) ?? [];
  }

  /**
   * The root and everything it depends on, walked through the snapshot instead of asking the
   * catalog level by level. The root's own edges are read from the given entity (it may be of a
   * kind the graph leaves out).
   */
  closure(root: Entity): DependencyClosure {
    const rootRef = recordRef(root);
    const entities = new Map<string, Entity>([[rootRef, root]]);
    const edges = new Map<
      string,
      { dependsOn: string[]; redundancy: string[][] }
    >();
    const missing: string[] = [];
    const pending = [rootRef];
    while (pending.length > 0 && entities.size < MAX_CLOSURE) {
      const ref = pending.pop()!;
      // the root as the snapshot holds it (its entity keeps no relations), else as given
      const own =
        ref === rootRef
          ? this.entities.get(rootRef) ?? graphEntity(root)
          : this.entities.get(ref)!;
      edges.set(ref, { dependsOn: own.dependsOn, redundancy: own.redundancy });
      for (const dep of [...own.dependsOn, ...own.redundancy.flat()]) {
        if (entities.has(dep)) continue;
        const found = this.entities.get(dep);
        if (!found) {
          if (!missing.includes(dep)) missing.push(dep);
          continue;
        }
        entities.set(dep, found.entity);
        pending.push(dep);
      }
    }
    return { root: rootRef, entities, edges, missing };
  }
}

/** Reads the graph fields of one entity. */
export function graphEntity(entity: Entity): GraphEntity {
  const ref = recordRef(entity);
  const declared = declaredServiceDelivery(entity);
  const edges = dependencyEdges(entity);
  const dependsOn = new Set(edges.dependsOn);
  const partOf = new Set<string>();
  const spec = entity.spec ?? {};
  const addWhole = (value: unknown, defaultKind: string) => {
    if (typeof value !== 'string') return;
    try {
      const whole = parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      });
      if (WHOLE_KINDS.has(whole.kind.toLocaleLowerCase('en-US'))) {
        partOf.add(canonicalEntityRef(whole));
      }
    } catch {
      // an invalid reference is the catalog's to report
    }
  };
  if (entity.kind.toLocaleLowerCase('en-US') !== 'system') {
    addWhole(spec.system, 'system');
  }
  addWhole(spec.subcomponentOf, 'component');
  for (const relation of entity.relations ?? []) {
    if (relation.type === RELATION_PART_OF) {
      addWhole(relation.targetRef, 'component');
    } else if (relation.type === RELATION_DEPENDS_ON) {
      const target = normaliseRef(relation.targetRef, entity);
      if (target) dependsOn.add(target);
    }
  }
  dependsOn.delete(ref);
  partOf.delete(ref);
  return {
    ref,
    kind: entity.kind,
    title: entity.metadata.title,
    entity,
    declared,
    tier: typeof declared.tier === 'string' ? declared.tier : null,
    dependsOn: [...dependsOn],
    redundancy: edges.redundancy,
    partOf: [...partOf],
  };
}

/** Who is asking, as a cache key: what the catalog shows may differ by caller. */
export function principalKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as
    | { type: 'user'; userEntityRef: string }
    | { type: 'service'; subject: string }
    | { type: string };
  if ('userEntityRef' in principal) return `user:${principal.userEntityRef}`;
  if ('subject' in principal) return `service:${principal.subject}`;
  return principal.type;
}

type CachedSnapshot = {
  at: number;
  snapshot: Promise<CatalogGraphSnapshot>;
  /** set once the load is done */
  loaded?: CatalogGraphSnapshot;
};

/**
 * Loads the dependency graph of every Component, Resource and System in the catalog as one caller
 * may see it, and keeps it for a short while, so that blast-radius questions and overviews do not
 * reload the catalog on every request. Concurrent requests of one caller share one load.
 *
 * Given the plugin's own credentials and the permission service, the catalog is read once per
 * while with the plugin's credentials and that one snapshot serves every caller whom the
 * catalog's `catalog.entity.read` permission lets read every entity; a caller it lets read only
 * some (a conditional decision) gets the part of it whose references the catalog returns to their
 * credentials, and a caller it denies gets none. At 10,000 services a snapshot is some 23 MB; one
 * per caller, with relations, was 40-50 MB for every person who opened a tab in the last minute.
 * Without the plugin's credentials and the permission service each caller's snapshot is read with
 * the caller's credentials.
 */
export class CatalogGraph {
  private readonly catalog: CatalogService;
  private readonly ttlMs: number;
  private readonly maxCallers: number;
  private readonly pageSize: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CachedSnapshot>();
  private shared?: CachedSnapshot;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
      permissions?: Pick<PermissionsService, 'authorizeConditional'>;
      /** How long a snapshot is reused; 60 s by default. */
      ttlMs?: number;
      /** How many callers' snapshots are kept at once. */
      maxCallers?: number;
      /** Entities read from the catalog per request. */
      pageSize?: number;
      now?: () => number;
    },
  ) {
    this.catalog = options.catalog;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.maxCallers = options.maxCallers ?? 100;
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  snapshot(credentials: BackstageCredentials): Promise<CatalogGraphSnapshot> {
    const key = principalKey(credentials);
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && this.fresh(cached, now)) return cached.snapshot;

    const snapshot = this.forCaller(credentials, now);
    const kept: CachedSnapshot = { at: now, snapshot };
    this.cache.delete(key);
    this.cache.set(key, kept);
    this.keepForAWhile(kept, () => {
      if (this.cache.get(key)?.snapshot === snapshot) this.cache.delete(key);
    });
    for (const [oldKey, entry] of this.cache) {
      if (this.cache.size <= this.maxCallers && now - entry.at < this.ttlMs) {
        break;
      }
      this.cache.delete(oldKey);
    }
    return snapshot;
  }

  /**
   * The caller's snapshot if one is loaded and still fresh; never starts a load (a whole catalog's
   * worth of reading for a caller who may not need it).
   */
  loaded(credentials: BackstageCredentials): CatalogGraphSnapshot | undefined {
    const cached = this.cache.get(principalKey(credentials));
    if (!cached || !this.fresh(cached, this.now())) return undefined;
    return cached.loaded;
  }

  /**
   * Asked for less than the time to live ago, and read less than that ago: a caller given the
   * shared snapshot late in its while is not kept on it for a whole while more.
   */
  private fresh(cached: CachedSnapshot, now: number): boolean {
    return (
      now - cached.at < this.ttlMs &&
      (!cached.loaded || now - cached.loaded.loadedAt < this.ttlMs)
    );
  }

  /** Notes the load once done; a failed load is not kept, nor one past its time. */
  private keepForAWhile(kept: CachedSnapshot, forget: () => void): void {
    kept.snapshot.then(loaded => {
      kept.loaded = loaded;
    }, forget);
    setTimeout(forget, this.ttlMs).unref?.();
  }

  private async forCaller(
    credentials: BackstageCredentials,
    now: number,
  ): Promise<CatalogGraphSnapshot> {
    const { auth, permissions } = this.options;
    if (!auth || !permissions) return this.load(credentials, now);
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      return new CatalogGraphSnapshot(new Map(), now);
    }
    const shared = this.sharedSnapshot(auth, now);
    if (decision.result === AuthorizeResult.ALLOW) return shared;
    const [readable, whole] = await Promise.all([
      entityRefsOf({
        catalog: this.catalog,
        credentials,
        filter: { kind: GRAPH_KINDS },
        pageSize: this.pageSize,
      }),
      shared,
    ]);
    return whole.restrictedTo(readable);
  }

  /** The snapshot read with the plugin's own credentials, shared by every caller for a while. */
  private sharedSnapshot(
    auth: Pick<AuthService, 'getOwnServiceCredentials'>,
    now: number,
  ): Promise<CatalogGraphSnapshot> {
    const shared = this.shared;
    if (shared && now - shared.at < this.ttlMs) return shared.snapshot;
    const snapshot = auth
      .getOwnServiceCredentials()
      .then(own => this.load(own, now));
    const kept: CachedSnapshot = { at: now, snapshot };
    this.shared = kept;
    this.keepForAWhile(kept, () => {
      if (this.shared === kept) this.shared = undefined;
    });
    return snapshot;
  }

  private async load(
    credentials: BackstageCredentials,
    at: number,
  ): Promise<CatalogGraphSnapshot> {
    const entities = new Map<string, GraphEntity>();
    // the relations the edges were read from are not kept, and the strings entities repeat (the
    // references their edges name, owners, systems, tiers) are held once per snapshot
    const pool = new Map<string, string>();
    let cursor: string | undefined;
    do {
      const page = await this.catalog.queryEntities(
        cursor
          ? { cursor, limit: this.pageSize, fields: FIELDS }
          : {
              filter: { kind: GRAPH_KINDS },
              limit: this.pageSize,
              fields: FIELDS,
            },
        { credentials },
      );
      for (const entity of page.items) {
        const node = graphEntity(entity);
        const { relations: _read, ...kept } = node.entity;
        node.entity = shareStrings(kept, pool);
        node.ref = shareStrings(node.ref, pool);
        shareStrings(node.dependsOn, pool);
        shareStrings(node.redundancy, pool);
        shareStrings(node.partOf, pool);
        entities.set(node.ref, node);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return new CatalogGraphSnapshot(entities, at);
  }
}

const REF_FIELDS = ['kind', 'metadata.namespace', 'metadata.name'];

/** The references of the entities the catalog returns to the caller for a filter, page by page. */
export async function entityRefsOf(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  filter:
    | Record<string, string | string[]>
    | Array<Record<string, string | string[]>>;
  pageSize: number;
}): Promise<Set<string>> {
  const { catalog, credentials, filter, pageSize } = options;
  const refs = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      cursor
        ? { cursor, limit: pageSize, fields: REF_FIELDS }
        : { filter, limit: pageSize, fields: REF_FIELDS },
      { credentials },
    );
    for (const entity of page.items) refs.add(recordRef(entity));
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return refs;
}
