import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  RESOURCE_TYPE_CATALOG_ENTITY,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  canonicalEntityRef,
  isOwnKey,
  serviceDeliveryCostReadPermission,
} from '@service-delivery/plugin-service-delivery-common';
import {
  GRAPH_KINDS,
  entityRefsOf,
  principalKey,
} from '../disciplines/catalogGraph';

/** Every entity, or the entity references (canonical, as rows and records spell them) listed. */
export type EntitySet = 'all' | ReadonlySet<string>;

function has(set: EntitySet, ref: string): boolean {
  return set === 'all' || set.has(ref);
}

/**
 * What one caller may see: the entities the catalog lets them read, and those whose cost they may
 * read. Shared rows are filtered through it; it never changes once made (a later request of the
 * same caller may get a newer one), so results derived from it can be kept with it.
 */
export class CallerScope {
  private readonly covered = new WeakMap<object, boolean>();

  constructor(
    readonly readable: EntitySet,
    readonly costReadable: EntitySet,
    /** the entities whose cost was decided one by one; undefined when decided for every entity */
    readonly costDecided?: ReadonlySet<string>,
  ) {}

  /**
   * Whether the cost of every readable one of these rows was decided, worked out once per list:
   * rows that appeared after the scope was made were not asked about.
   */
  decidesCostOf(rows: ReadonlyArray<{ entityRef: string }>): boolean {
    const decided = this.costDecided;
    if (!decided) return true;
    let answer = this.covered.get(rows);
    if (answer === undefined) {
      answer = rows.every(
        row => !this.canRead(row.entityRef) || decided.has(row.entityRef),
      );
      this.covered.set(rows, answer);
    }
    return answer;
  }

  /** Everything readable, every cost too: nothing to filter. */
  get seesEverything(): boolean {
    return this.readable === 'all' && this.costReadable === 'all';
  }

  /** Whether the caller may read cost figures of any entity at all. */
  get costVisible(): boolean {
    const some = (set: EntitySet) => set === 'all' || set.size > 0;
    return some(this.readable) && some(this.costReadable);
  }

  canRead(ref: string): boolean {
    return has(this.readable, ref);
  }

  canReadCost(ref: string): boolean {
    return has(this.readable, ref) && has(this.costReadable, ref);
  }
}

type EntityFilterQuery =
  | Record<string, string[]>
  | Array<Record<string, string[]>>;

/** One catalog condition as a catalog filter; null when it matches nothing, undefined when unknown. */
function conditionFilter(
  condition: PermissionCondition,
): Record<string, string[]> | null | undefined {
  const params = (condition.params ?? {}) as Record<string, unknown>;
  const strings = (value: unknown) =>
    Array.isArray(value) && value.every(v => typeof v === 'string')
      ? (value as string[])
      : undefined;
  // the catalog's own rules, filtered as the catalog filters them (`toQuery`)
  const byRule: Record<string, [string, unknown]> = {
    IS_ENTITY_OWNER: ['relations.ownedBy', params.claims],
    IS_ENTITY_KIND: ['kind', params.kinds],
  };
  if (!isOwnKey(byRule, condition.rule)) return undefined;
  const [key, given] = byRule[condition.rule];
  const values = strings(given);
  if (!values) return undefined;
  return values.length === 0 ? null : { [key]: values };
}

/**
 * A conditional decision of the catalog's owner and kind rules, combined by anyOf and allOf, as
 * the catalog filters that select the same entities (any of them); undefined for anything else,
 * which is then checked entity by entity.
 */
export function catalogFiltersOf(
  decision: PolicyDecision,
): Array<Record<string, string[]>> | undefined {
  if (
    decision.result !== AuthorizeResult.CONDITIONAL ||
    decision.pluginId !== 'catalog' ||
    decision.resourceType !== RESOURCE_TYPE_CATALOG_ENTITY
  ) {
    return undefined;
  }
  const anyOf = (
    criteria: PermissionCriteria<PermissionCondition>,
  ): Array<Record<string, string[]>> | undefined => {
    if ('anyOf' in criteria) {
      const parts = criteria.anyOf.map(anyOf);
      return parts.some(p => p === undefined)
        ? undefined
        : (parts.flat() as Array<Record<string, string[]>>);
    }
    if ('allOf' in criteria) {
      const merged: Record<string, string[]> = {};
      for (const part of criteria.allOf) {
        if ('anyOf' in part || 'allOf' in part || 'not' in part)
          return undefined;
        const filter = conditionFilter(part);
        if (filter === undefined) return undefined;
        if (filter === null) return [];
        for (const [key, values] of Object.entries(filter)) {
          if (key in merged) return undefined;
          merged[key] = values;
        }
      }
      return [merged];
    }
    if ('not' in criteria) return undefined;
    const filter = conditionFilter(criteria);
    if (filter === undefined) return undefined;
    return filter === null ? [] : [filter];
  };
  return anyOf(decision.conditions);
}

/** How many resource checks go to the permission service in one request. */
const AUTHORIZE_CHUNK = 1000;

/** The entities of those given for which the permission is allowed, each checked by name. */
export async function authorizeEach(options: {
  permissions: PermissionsService;
  permission: ResourcePermission<'catalog-entity'>;
  credentials: BackstageCredentials;
  entityRefs: readonly string[];
}): Promise<Set<string>> {
  const { permissions, permission, credentials } = options;
  const allowed = new Set<string>();
  const refs = [...new Set(options.entityRefs)];
  for (let i = 0; i < refs.length; i += AUTHORIZE_CHUNK) {
    const chunk = refs.slice(i, i + AUTHORIZE_CHUNK);
    const decisions = await permissions.authorize(
      chunk.map(resourceRef => ({ permission, resourceRef })),
      { credentials },
    );
    decisions.forEach((d, index) => {
      if (d.result === AuthorizeResult.ALLOW) allowed.add(chunk[index]);
    });
  }
  return allowed;
}

/**
 * The caller's cost-read decisions for the span of one request: the policy's answer without a
 * resource is asked for once, however many entities are asked about, and entity by entity only
 * when that answer is conditional. With `askNow` the policy is asked at once, so that its answer
 * comes while the route reads the entity it is about (a failure is kept for the first check).
 */
export function costReadCheck(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  options: { askNow?: boolean } = {},
): (entityRefs: readonly string[]) => Promise<EntitySet> {
  let decision: Promise<PolicyDecision> | undefined;
  const ask = () =>
    (decision ??= permissions
      .authorizeConditional(
        [{ permission: serviceDeliveryCostReadPermission }],
        { credentials },
      )
      .then(([answer]) => answer));
  if (options.askNow) ask().catch(() => undefined);
  return async entityRefs => {
    const answer = await ask();
    if (answer.result === AuthorizeResult.ALLOW) return 'all';
    if (answer.result === AuthorizeResult.DENY || entityRefs.length === 0) {
      return new Set();
    }
    return authorizeEach({
      permissions,
      permission: serviceDeliveryCostReadPermission,
      credentials,
      entityRefs,
    });
  };
}

/** Whether a request's cost-read decisions (see costReadCheck) let the caller read one entity's. */
export async function mayReadCostOf(
  costReadable: (entityRefs: readonly string[]) => Promise<EntitySet>,
  entityRef: string,
): Promise<boolean> {
  const ref = canonicalEntityRef(entityRef);
  return has(await costReadable([ref]), ref);
}

/** Whether the caller may read the cost figures of one entity. */
export function mayReadCost(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  entityRef: string,
): Promise<boolean> {
  return mayReadCostOf(costReadCheck(permissions, credentials), entityRef);
}

/**
 * Works out each caller's {@link CallerScope} and keeps it for a short while (30 s by default) for
 * a bounded number of callers, so that paging and sorting through the overview asks the permission
 * policy and the catalog once, not on every request. Concurrent requests of one caller share one.
 * For one more such while, a request gets the kept scope at once and the next one is worked out
 * behind it: a decision is never more than two whiles old, and no request waits for a renewal.
 *
 * Reading: the catalog's own `catalog.entity.read` permission. ALLOW → every entity, without
 * looking at any (the allow-all path costs one permission call per caller and half-minute); DENY →
 * none; CONDITIONAL → the entities the catalog itself returns to the caller's credentials, so its
 * conditions are applied exactly as the catalog applies them.
 * Cost: `service-delivery.cost.read` the same way; when conditional, batched per-entity checks of
 * the readable entities among the candidates given (the overview's rows).
 */
function sameSet(a: EntitySet, b: EntitySet): boolean {
  if (a === 'all' || b === 'all') return a === b;
  if (a.size !== b.size) return false;
  for (const ref of a) if (!b.has(ref)) return false;
  return true;
}

function sameScope(a: CallerScope, b: CallerScope): boolean {
  return (
    sameSet(a.readable, b.readable) &&
    sameSet(a.costReadable, b.costReadable) &&
    sameSet(a.costDecided ?? 'all', b.costDecided ?? 'all')
  );
}

type ScopeEntry = {
  at: number;
  scope: Promise<CallerScope>;
  settled?: CallerScope;
  renewing?: boolean;
};

export class CallerScopes {
  private readonly cache = new Map<string, ScopeEntry>();
  private readonly ttlMs: number;
  private readonly maxCallers: number;
  private readonly pageSize: number;
  private readonly now: () => number;

  constructor(
    private readonly options: {
      permissions: PermissionsService;
      catalog: CatalogService;
      ttlMs?: number;
      maxCallers?: number;
      pageSize?: number;
      now?: () => number;
    },
  ) {
    this.ttlMs = options.ttlMs ?? 30_000;
    this.maxCallers = options.maxCallers ?? 200;
    this.pageSize = options.pageSize ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /**
   * The caller's scope. `candidates` names the entities whose cost may be shown (asked only when the
   * cost decision is conditional).
   */
  forCaller(
    credentials: BackstageCredentials,
    candidates: () => Promise<readonly string[]>,
  ): Promise<CallerScope> {
    const key = principalKey(credentials);
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.scope;
    if (cached?.settled && now - cached.at < 2 * this.ttlMs) {
      // a scope one period old still answers at once while the next one is worked out
      if (!cached.renewing) {
        cached.renewing = true;
        this.start(key, credentials, candidates, now, true).catch(() => {
          cached.renewing = false;
        });
      }
      return Promise.resolve(cached.settled);
    }
    return this.start(key, credentials, candidates, now);
  }

  /** Forgets the caller's scope: the next request works it out again. */
  forget(credentials: BackstageCredentials): void {
    this.cache.delete(principalKey(credentials));
  }

  private start(
    key: string,
    credentials: BackstageCredentials,
    candidates: () => Promise<readonly string[]>,
    now: number,
    renewal = false,
  ): Promise<CallerScope> {
    const previous = this.cache.get(key)?.settled;
    // an unchanged scope stays the same object, so that what was derived from it is kept
    const scope = this.load(credentials, candidates).then(next =>
      previous && sameScope(previous, next) ? previous : next,
    );
    const entry: ScopeEntry = { at: now, scope };
    scope.then(
      settled => {
        entry.settled = settled;
        const current = this.cache.get(key);
        if (current && current !== entry && current.at > entry.at) return;
        // a renewal replaces the entry it renews only once it is ready
        this.cache.delete(key);
        this.cache.set(key, entry);
        this.evict(this.now());
      },
      () => {
        if (this.cache.get(key) === entry) this.cache.delete(key);
      },
    );
    if (!renewal) {
      this.cache.delete(key);
      this.cache.set(key, entry);
      this.evict(now);
    }
    return scope;
  }

  /** Oldest first: drops what is too old to be used, and beyond the bound the least recent. */
  private evict(now: number) {
    for (const [key, entry] of this.cache) {
      if (
        this.cache.size <= this.maxCallers &&
        now - entry.at < 2 * this.ttlMs
      ) {
        break;
      }
      this.cache.delete(key);
    }
  }

  private async load(
    credentials: BackstageCredentials,
    candidates: () => Promise<readonly string[]>,
  ): Promise<CallerScope> {
    const { permissions } = this.options;
    const [read, cost] = await permissions.authorizeConditional(
      [
        { permission: catalogEntityReadPermission },
        { permission: serviceDeliveryCostReadPermission },
      ],
      { credentials },
    );
    let readable: EntitySet;
    if (read.result === AuthorizeResult.ALLOW) readable = 'all';
    else if (read.result === AuthorizeResult.DENY) readable = new Set();
    else readable = await this.readableEntities(credentials);

    let costReadable: EntitySet;
    let costDecided: Set<string> | undefined;
    if (cost.result === AuthorizeResult.ALLOW) costReadable = 'all';
    else if (
      cost.result === AuthorizeResult.DENY ||
      (readable !== 'all' && readable.size === 0)
    ) {
      costReadable = new Set();
    } else {
      const filters = catalogFiltersOf(cost);
      if (filters) {
        // conditions the catalog can apply itself: one query instead of a check per entity, and
        // an answer for every entity
        costReadable =
          filters.length === 0
            ? new Set<string>()
            : await this.entityRefs(credentials, filters);
      } else {
        const refs = (await candidates()).filter(ref => has(readable, ref));
        costDecided = new Set(refs);
        costReadable = await authorizeEach({
          permissions,
          permission: serviceDeliveryCostReadPermission,
          credentials,
          entityRefs: refs,
        });
      }
    }
    return new CallerScope(readable, costReadable, costDecided);
  }

  /** The entities that may declare service delivery which the catalog returns to the caller. */
  private readableEntities(
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    return this.entityRefs(credentials, { kind: GRAPH_KINDS });
  }

  private entityRefs(
    credentials: BackstageCredentials,
    filter: EntityFilterQuery,
  ): Promise<Set<string>> {
    return entityRefsOf({
      catalog: this.options.catalog,
      credentials,
      filter,
      pageSize: this.pageSize,
    });
  }
}

const scopesByContext = new WeakMap<object, CallerScopes>();

/** The one {@link CallerScopes} of a router's routes, made on first use. */
export function callerScopesOf(context: {
  permissions: PermissionsService;
  catalog: CatalogService;
  now(): number;
}): CallerScopes {
  let scopes = scopesByContext.get(context);
  if (!scopes) {
    scopes = new CallerScopes({
      permissions: context.permissions,
      catalog: context.catalog,
      now: () => context.now(),
    });
    scopesByContext.set(context, scopes);
  }
  return scopes;
}
