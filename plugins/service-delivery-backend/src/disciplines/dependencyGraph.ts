import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { declaredServiceDelivery } from './declared';

/** Entities reachable over `dependsOn` from a root, keyed by lower-case entity reference. */
export type DependencyClosure = {
  root: string;
  entities: Map<string, Entity>;
  /** normalised `dependsOn` and redundancy groups of each entity */
  edges: Map<string, { dependsOn: string[]; redundancy: string[][] }>;
  /** references that are not in the catalog */
  missing: string[];
};

const MAX_ENTITIES = 5000;

export function normaliseRef(ref: string, from: Entity): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, {
        defaultKind: 'component',
        defaultNamespace: from.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

export function dependencyEdges(entity: Entity): {
  dependsOn: string[];
  redundancy: string[][];
} {
  const dependsOn = Array.isArray(entity.spec?.dependsOn)
    ? (entity.spec!.dependsOn as unknown[])
    : [];
  const spec = declaredServiceDelivery(entity);
  const groups = Array.isArray(spec.redundancy) ? spec.redundancy : [];
  const refs = (values: unknown[]) =>
    values
      .filter((v): v is string => typeof v === 'string')
      .map(v => normaliseRef(v, entity))
      .filter((v): v is string => v !== undefined);
  return {
    dependsOn: [...new Set(refs(dependsOn))],
    redundancy: groups
      .filter(g => g && Array.isArray(g.anyOf))
      .map(g => refs(g.anyOf)),
  };
}

/** Walks `dependsOn` (and redundancy members) from the root through the catalog. */
export async function loadDependencyClosure(options: {
  root: Entity;
  catalog: CatalogService;
  credentials: BackstageCredentials;
}): Promise<DependencyClosure> {
  const { root, catalog, credentials } = options;
  const rootRef = stringifyEntityRef(root).toLocaleLowerCase('en-US');
  const entities = new Map<string, Entity>([[rootRef, root]]);
  const edges = new Map<
    string,
    { dependsOn: string[]; redundancy: string[][] }
  >();
  const missing: string[] = [];

  let frontier = [root];
  while (frontier.length > 0 && entities.size < MAX_ENTITIES) {
    const wanted = new Set<string>();
    for (const entity of frontier) {
      const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      const own = dependencyEdges(entity);
      edges.set(ref, own);
      for (const dep of [...own.dependsOn, ...own.redundancy.flat()]) {
        if (!entities.has(dep)) wanted.add(dep);
      }
    }
    if (wanted.size === 0) break;
    const refs = [...wanted];
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: refs },
      { credentials },
    );
    const next: Entity[] = [];
    for (const [index, entity] of items.entries()) {
      if (!entity) {
        missing.push(refs[index]);
        continue;
      }
      entities.set(refs[index], entity);
      next.push(entity);
    }
    frontier = next;
  }
  return { root: rootRef, entities, edges, missing };
}
