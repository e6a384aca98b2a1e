import { Entity } from '@backstage/catalog-model';
import {
  ImpactResponse,
  criticalFailures,
  failureImpact,
  tierRank,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { CatalogGraphSnapshot } from './catalogGraph';
import { tierPoliciesInSeconds } from './continuity';
import { declaredServiceDelivery, recordRef } from './declared';

/** How many entities' answers are kept with one caller's graph snapshot. */
const KEPT_PER_SNAPSHOT = 16;

/**
 * GET /entities/{ref}/impact: what fails with the entity, over the whole catalog's graph. The
 * answer depends only on the snapshot and the entity's reference and tier, so it is kept with the
 * snapshot (as long as the snapshot is, a minute by default) for the next request about the entity.
 */
export function impactReport(options: {
  entity: Entity;
  snapshot: CatalogGraphSnapshot;
  settings: ServiceDeliverySettings;
}): ImpactResponse {
  return options.snapshot.keep(
    'impact',
    recordRef(options.entity),
    KEPT_PER_SNAPSHOT,
    () => computeImpactReport(options),
  );
}

function computeImpactReport(options: {
  entity: Entity;
  snapshot: CatalogGraphSnapshot;
  settings: ServiceDeliverySettings;
}): ImpactResponse {
  const { entity, snapshot, settings } = options;
  const entityRef = recordRef(entity);
  const tiers = tierPoliciesInSeconds(settings.tiers);
  const index = snapshot.impactIndex();
  const impact = failureImpact(index, entityRef);
  const tierOf = (ref: string) => snapshot.entities.get(ref)?.tier ?? null;
  const ownTier = declaredServiceDelivery(entity).tier;

  return {
    entityRef,
    tier: typeof ownTier === 'string' ? ownTier : null,
    failsWith: impact.failsWith.map(failed => {
      const node = snapshot.entities.get(failed.ref);
      const tier = tierOf(failed.ref);
      return {
        entityRef: failed.ref,
        kind: (node?.kind ?? failed.ref.split(':')[0]).toLowerCase(),
        ...(node?.title ? { title: node.title } : {}),
        tier,
        tierRank: tierRank(tiers, tier),
        depth: failed.depth,
        cause: failed.cause,
        via: failed.via,
      };
    }),
    singlePointOfFailureFor: criticalFailures(impact, index, tiers).map(
      failed => ({ entityRef: failed.ref, tier: tierOf(failed.ref)! }),
    ),
    survives: impact.survives.map(survivor => ({
      entityRef: survivor.ref,
      tier: tierOf(survivor.ref),
      lost: survivor.lost,
      alternatives: survivor.alternatives,
    })),
    graph: {
      entities: snapshot.entities.size,
      loadedAt: new Date(snapshot.loadedAt).toISOString(),
    },
  };
}
