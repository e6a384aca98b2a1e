import { Router } from 'express';
import { capacityReport, declaredResources } from '../../disciplines/capacity';
import { RouteContext } from '../RouteContext';
import { capacityChanges, capacityQuery } from '../queryParameters';

/** The Capacity route of an entity, with what-if modelling. */
export function registerCapacityRoutes(router: Router, context: RouteContext) {
  router.get(
    '/v1/entities/:kind/:namespace/:name/capacity',
    async (req, res) => {
      const query = capacityQuery(req.query);
      const { windowSeconds, growth } = query;
      const { entity, problems } = await context.readEntity(req);
      const now = context.now();
      const changes = capacityChanges(
        query.changes,
        declaredResources(entity).map(r => r.name),
        now,
      );
      res.json(
        await capacityReport({
          entity,
          now,
          windowSeconds,
          growth,
          changes,
          store: context.store,
          problems,
        }),
      );
    },
  );
}
