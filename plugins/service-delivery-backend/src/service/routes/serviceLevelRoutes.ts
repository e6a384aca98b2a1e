import { Router } from 'express';
import { availabilityReport } from '../../disciplines/availability';
import { serviceLevelReport } from '../../disciplines/serviceLevel';
import { RouteContext } from '../RouteContext';
import { periodQuery } from '../queryParameters';

/** The SLA and Availability routes of an entity. */
export function registerServiceLevelRoutes(
  router: Router,
  context: RouteContext,
) {
  const { store, settings } = context;

  router.get('/v1/entities/:kind/:namespace/:name/sla', async (req, res) => {
    const now = context.now();
    const { period } = periodQuery(req.query, now);
    const { entity, problems, credentials } = await context.readEntity(req);
    // burn is attributed only to the dependencies the caller can see
    const closure = (await context.catalogGraph.snapshot(credentials)).closure(
      entity,
    );
    res.json(
      await serviceLevelReport({
        entity,
        period,
        now,
        store,
        settings,
        problems,
        closure,
      }),
    );
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/availability',
    async (req, res) => {
      const now = context.now();
      const { period } = periodQuery(req.query, now);
      const { entity, problems, credentials } = await context.readEntity(req);
      // walked through the caller's graph snapshot, kept for a minute, not the catalog level by level
      const closure = (
        await context.catalogGraph.snapshot(credentials)
      ).closure(entity);
      res.json(
        await availabilityReport({
          entity,
          period,
          now,
          store,
          settings,
          closure,
          problems,
        }),
      );
    },
  );
}
