import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { canonicalEntityRef } from '@service-delivery/plugin-service-delivery-common';
import { dependencyEdges } from '../disciplines/dependencyGraph';
import { recordRef } from '../disciplines/declared';

/** What the overview reads of the catalog: the services and what places them in the organisation. */
const KINDS = ['Component', 'Resource', 'System', 'Domain', 'Group'];

const FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.parent',
  'spec.dependsOn',
  'spec.serviceDelivery',
];

const PAGE_SIZE = 500;

/** `spec.serviceDelivery` is declared, whatever its content (invalid metadata is a finding too). */
export function declaresServiceDelivery(entity: Entity): boolean {
  return (
    (entity.spec as { serviceDelivery?: unknown } | undefined)
      ?.serviceDelivery !== undefined
  );
}

/**
 * The catalog at one moment, as the overview needs it: every entity that declares service delivery,
 * its owner with the groups above it, its system and the system's domain, and its dependencies.
 */
export class CatalogSnapshot {
  readonly entities: ReadonlyMap<string, Entity>;
  /** Worked out from the entities alone, so shared with the same entities at other moments. */
  private readonly derived: {
    edges: Map<string, { dependsOn: string[]; redundancy: string[][] }>;
    dependants?: Map<string, Set<string>>;
    declaring?: Entity[];
    parts?: Map<string, string[]>;
  };

  /** `entities` may be another snapshot: its entities and what is worked out from them are shared. */
  constructor(
    entities: Iterable<Entity> | CatalogSnapshot,
    readonly readAt: number,
  ) {
    if (entities instanceof CatalogSnapshot) {
      this.entities = entities.entities;
      this.derived = entities.derived;
      return;
    }
    const map = new Map<string, Entity>();
    for (const entity of entities) map.set(recordRef(entity), entity);
    this.entities = map;
    this.derived = { edges: new Map() };
  }

  /** Reads the catalog page by page with the given (the plugin's own) credentials. */
  static async read(
    catalog: Pick<CatalogService, 'queryEntities'>,
    credentials: BackstageCredentials,
    now: number,
  ): Promise<CatalogSnapshot> {
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE, fields: FIELDS }
          : { filter: { kind: KINDS }, limit: PAGE_SIZE, fields: FIELDS },
        { credentials },
      );
      entities.push(...page.items);
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return new CatalogSnapshot(entities, now);
  }

  /** The same entities, as at another moment. */
  at(now: number): CatalogSnapshot {
    if (now === this.readAt) return this;
    return new CatalogSnapshot(this, now);
  }

  /** Every entity that declares `spec.serviceDelivery`, by reference. */
  declaring(): Entity[] {
    // worked out once: a refresh pass asks for it again with every slice of ingests
    this.derived.declaring ??= [...this.entities]
      .filter(([, entity]) => declaresServiceDelivery(entity))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([, entity]) => entity);
    return [...this.derived.declaring];
  }

  get(ref: string): Entity | undefined {
    return this.entities.get(ref);
  }

  ownerOf(entity: Entity): string | null {
    return refOrNull(entity.spec?.owner, entity, 'group');
  }

  /** The owner, then its parent group, and so on up the organisation. */
  ownerAncestry(owner: string | null): string[] {
    const chain: string[] = [];
    let current = owner;
    while (current && !chain.includes(current)) {
      chain.push(current);
      const group = this.entities.get(current);
      current =
        group && group.kind.toLocaleLowerCase('en-US') === 'group'
          ? refOrNull(group.spec?.parent, group, 'group')
          : null;
    }
    return chain;
  }

  /** A System is its own system; anything else names one in `spec.system`. */
  systemOf(entity: Entity): string | null {
    if (entity.kind.toLocaleLowerCase('en-US') === 'system') {
      return recordRef(entity);
    }
    return refOrNull(entity.spec?.system, entity, 'system');
  }

  /** The components and resources whose `spec.system` names a System, by reference, sorted. */
  partsOf(system: string): string[] {
    if (!this.derived.parts) {
      const parts = new Map<string, string[]>();
      for (const [ref, entity] of this.entities) {
        const kind = entity.kind.toLocaleLowerCase('en-US');
        if (kind !== 'component' && kind !== 'resource') continue;
        const of = this.systemOf(entity);
        if (!of) continue;
        const list = parts.get(of) ?? [];
        list.push(ref);
        parts.set(of, list);
      }
      for (const list of parts.values()) list.sort();
      this.derived.parts = parts;
    }
    return this.derived.parts.get(system) ?? [];
  }

  /** The domain of the entity's system. */
  domainOf(entity: Entity): string | null {
    const system = this.systemOf(entity);
    const systemEntity = system ? this.entities.get(system) : undefined;
    return systemEntity
      ? refOrNull(systemEntity.spec?.domain, systemEntity, 'domain')
      : null;
  }

  /** The normalised `dependsOn` and redundancy groups of an entity of the snapshot. */
  edgesOf(ref: string): { dependsOn: string[]; redundancy: string[][] } {
    let edges = this.derived.edges.get(ref);
    if (!edges) {
      const entity = this.entities.get(ref);
      edges = entity
        ? dependencyEdges(entity)
        : { dependsOn: [], redundancy: [] };
      this.derived.edges.set(ref, edges);
    }
    return edges;
  }

  /** Every entity of the snapshot that some other entity depends on. */
  dependencies(): string[] {
    return [...this.dependants().keys()].filter(ref => this.entities.has(ref));
  }

  /** The entities that depend on any of `refs`, directly or through others. */
  dependantsOf(refs: Iterable<string>): Set<string> {
    const index = this.dependants();
    const found = new Set<string>();
    const pending = [...refs];
    while (pending.length > 0) {
      for (const dependant of index.get(pending.pop()!) ?? []) {
        if (!found.has(dependant)) {
          found.add(dependant);
          pending.push(dependant);
        }
      }
    }
    return found;
  }

  private dependants(): Map<string, Set<string>> {
    if (!this.derived.dependants) {
      const index = new Map<string, Set<string>>();
      for (const ref of this.entities.keys()) {
        const edges = this.edgesOf(ref);
        for (const dep of [...edges.dependsOn, ...edges.redundancy.flat()]) {
          const set = index.get(dep) ?? new Set();
          set.add(ref);
          index.set(dep, set);
        }
      }
      this.derived.dependants = index;
    }
    return this.derived.dependants;
  }
}

/** An entity reference written in a spec field (`owner`, `system`, `parent`…), in full, or null. */
export function refOrNull(
  value: unknown,
  from: Entity,
  defaultKind: string,
): string | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    return canonicalEntityRef(value, {
      defaultKind,
      defaultNamespace: from.metadata.namespace ?? 'default',
    });
  } catch {
    return null;
  }
}
