import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_DEPENDS_ON,
  RELATION_PART_OF,
  parseEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ImpactIndex,
  ImpactNode,
  ServiceDeliverySpec,
  buildImpactIndex,
  canonicalEntityRef,
  serviceDeliveryEntityKinds,
} from '@service-delivery/plugin-service-delivery-common';
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
      const own = ref === rootRef ? graphEntity(root) : this.entities.get(ref)!;
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
 * Loads the dependency graph of every Component, Resource and System in the catalog — with the
 * caller's credentials, since what the catalog shows may differ by caller — and keeps it for a short
 * while, so that blast-radius questions and overviews do not reload the catalog on every request.
 * Concurrent requests of one caller share one load.
 */
export class CatalogGraph {
  private readonly catalog: CatalogService;
  private readonly ttlMs: number;
  private readonly maxCallers: number;
  private readonly pageSize: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, CachedSnapshot>();

  constructor(options: {
    catalog: CatalogService;
    /** How long a snapshot is reused; 60 s by default. */
    ttlMs?: number;
    /** How many callers' snapshots are kept at once. */
    maxCallers?: number;
    /** Entities read from the catalog per request. */
    pageSize?: number;
    now?: () => number;
  }) {
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
    if (cached && now - cached.at < this.ttlMs) return cached.snapshot;

    const snapshot = this.load(credentials, now);
    const kept: CachedSnapshot = { at: now, snapshot };
    this.cache.delete(key);
    this.cache.set(key, kept);
    const forget = () => {
      if (this.cache.get(key)?.snapshot === snapshot) this.cache.delete(key);
    };
    // a failed load is not kept, nor one past its time: a whole catalog's worth of memory
    snapshot.then(loaded => {
      kept.loaded = loaded;
    }, forget);
    setTimeout(forget, this.ttlMs).unref?.();
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
    if (!cached || this.now() - cached.at >= this.ttlMs) return undefined;
    return cached.loaded;
  }

  private async load(
    credentials: BackstageCredentials,
    at: number,
  ): Promise<CatalogGraphSnapshot> {
    const entities = new Map<string, GraphEntity>();
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
        entities.set(node.ref, node);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return new CatalogGraphSnapshot(entities, at);
  }
}
