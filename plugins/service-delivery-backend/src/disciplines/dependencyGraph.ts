import { Entity } from '@backstage/catalog-model';
import { canonicalEntityRef } from '@service-delivery/plugin-service-delivery-common';
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

export function normaliseRef(ref: string, from: Entity): string | undefined {
  try {
    return canonicalEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: from.metadata.namespace ?? 'default',
    });
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
