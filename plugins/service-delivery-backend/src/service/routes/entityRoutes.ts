import { EntityServiceDeliveryResponse } from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { RouteContext } from '../RouteContext';

/** GET /v1/entities/{kind}/{namespace}/{name}: the declared metadata and its problems. */
export function registerEntityRoutes(router: Router, context: RouteContext) {
  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const { entity, ref, problems } = await context.readEntity(req);
    const body: EntityServiceDeliveryResponse = {
      entityRef: ref,
      declared:
        (entity.spec as { serviceDelivery?: unknown } | undefined)
          ?.serviceDelivery ?? null,
      problems,
    };
    res.json(body);
  });
}
