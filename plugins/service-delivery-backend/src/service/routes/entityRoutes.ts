import {
  CostHiddenFlag,
  EntityServiceDeliveryResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { RouteContext } from '../RouteContext';
import { mayReadCost } from '../callerScope';

/** The declared metadata without its money: `cost`, and continuity's `businessImpact`. */
function withoutMoney(declared: unknown): unknown {
  if (!declared || typeof declared !== 'object' || Array.isArray(declared)) {
    return declared;
  }
  const { cost: _cost, ...rest } = declared as Record<string, unknown>;
  const continuity = rest.continuity;
  if (
    continuity &&
    typeof continuity === 'object' &&
    !Array.isArray(continuity)
  ) {
    const { businessImpact: _impact, ...kept } = continuity as Record<
      string,
      unknown
    >;
    rest.continuity = kept;
  }
  return rest;
}

/**
 * GET /v1/entities/{kind}/{namespace}/{name}: the declared metadata and its problems; the money in
 * it only for callers who may read the entity's cost.
 */
export function registerEntityRoutes(router: Router, context: RouteContext) {
  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const { entity, ref, problems, credentials } = await context.readEntity(
      req,
    );
    const declared =
      (entity.spec as { serviceDelivery?: unknown } | undefined)
        ?.serviceDelivery ?? null;
    const costReadable = await mayReadCost(
      context.permissions,
      credentials,
      ref,
    );
    const body: EntityServiceDeliveryResponse & CostHiddenFlag = {
      entityRef: ref,
      declared: costReadable ? declared : withoutMoney(declared),
      problems,
      ...(costReadable ? {} : { costHidden: true as const }),
    };
    res.json(body);
  });
}
