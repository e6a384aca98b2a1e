import {
  ContinuityResponse,
  CostHiddenFlag,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { continuityReport } from '../../disciplines/continuity';
import { impactReport } from '../../disciplines/impact';
import { RouteContext } from '../RouteContext';
import { mayReadCost } from '../callerScope';

/** The Continuity routes of an entity: its continuity checks, and what fails with it. */
export function registerContinuityRoutes(
  router: Router,
  context: RouteContext,
) {
  const { store, settings } = context;

  router.get(
    '/v1/entities/:kind/:namespace/:name/continuity',
    async (req, res) => {
      const { entity, problems, credentials } = await context.readEntity(req);
      // walked through the caller's graph snapshot, kept for a minute, not the catalog level by level
      const closure = (
        await context.catalogGraph.snapshot(credentials)
      ).closure(entity);
      const report = await continuityReport({
        entity,
        closure,
        now: context.now(),
        store,
        settings,
        problems,
      });
      if (
        await mayReadCost(context.permissions, credentials, report.entityRef)
      ) {
        res.json(report);
        return;
      }
      // the cost of an hour down and the expected annual loss are money too
      const body: ContinuityResponse & CostHiddenFlag = {
        ...report,
        businessImpact: null,
        expectedAnnualLoss: null,
        costHidden: true,
      };
      res.json(body);
    },
  );

  router.get('/v1/entities/:kind/:namespace/:name/impact', async (req, res) => {
    const { entity, credentials } = await context.readEntity(req);
    const snapshot = await context.catalogGraph.snapshot(credentials);
    res.json(impactReport({ entity, snapshot, settings }));
  });
}
