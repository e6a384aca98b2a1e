import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  canonicalEntityRef,
  ServiceDeliverySpec,
  validateServiceDelivery,
} from '@service-delivery/plugin-service-delivery-common';

/** The PromQL of one objective: a pair of event counts or a ratio. */
export type SliQueries = { good: string; total: string } | { ratio: string };

/** An objective whose SLI counts are pulled. */
export interface SliTarget {
  entityRef: string;
  objective: string;
  queries: SliQueries;
}

/** A capacity resource whose usage is sampled. */
export interface UsageTarget {
  entityRef: string;
  resource: string;
  used: string;
}

const root = 'spec.serviceDelivery';

/**
 * The objectives and resources of an entity that declare PromQL. Those whose name or queries
 * have validation problems are left out: the catalog already reports them on the entity.
 */
export function prometheusTargetsOf(entity: Entity): {
  slis: SliTarget[];
  usages: UsageTarget[];
} {
  const spec = (entity.spec?.serviceDelivery ?? {}) as ServiceDeliverySpec;
  const problemPaths = validateServiceDelivery(spec).map(p => p.path);
  const isSound = (path: string) =>
    !problemPaths.some(
      problem =>
        problem === path ||
        problem.startsWith(`${path}.`) ||
        problem.startsWith(`${path}[`),
    );
  const entityRef = canonicalEntityRef(stringifyEntityRef(entity));

  const slis: SliTarget[] = [];
  const seen = new Set<string>();
  (Array.isArray(spec.agreements) ? spec.agreements : []).forEach(
    (agreement, a) => {
      const objectives = Array.isArray(agreement?.objectives)
        ? agreement.objectives
        : [];
      objectives.forEach((objective, o) => {
        const path = `${root}.agreements[${a}].objectives[${o}]`;
        const queries = objective?.prometheus;
        if (
          !queries ||
          !isSound(`${path}.name`) ||
          !isSound(`${path}.prometheus`) ||
          // one objective name is one SLI series, whichever agreement declares it first
          seen.has(objective.name)
        ) {
          return;
        }
        seen.add(objective.name);
        slis.push({
          entityRef,
          objective: objective.name,
          queries:
            queries.ratio !== undefined
              ? { ratio: queries.ratio }
              : { good: queries.good!, total: queries.total! },
        });
      });
    },
  );

  const usages: UsageTarget[] = [];
  const resources = Array.isArray(spec.capacity?.resources)
    ? spec.capacity!.resources
    : [];
  resources.forEach((resource, r) => {
    const path = `${root}.capacity.resources[${r}]`;
    if (
      resource?.prometheus &&
      isSound(`${path}.name`) &&
      isSound(`${path}.prometheus`)
    ) {
      usages.push({
        entityRef,
        resource: resource.name,
        used: resource.prometheus.used,
      });
    }
  });

  return { slis, usages };
}

/** Puts the bucket's length, in Prometheus' notation, where a query says `$bucket`. */
export function withBucket(query: string, bucketSeconds: number): string {
  return query.replace(/\$bucket\b/g, promDuration(bucketSeconds));
}

export function promDuration(seconds: number): string {
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (seconds % size === 0) {
      return `${seconds / size}${unit}`;
    }
  }
  return `${seconds}s`;
}
