import {
  ContinuityResponse,
  CostHiddenFlag,
  canonicalEntityRef,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { continuityReport } from '../../disciplines/continuity';
import { impactReport } from '../../disciplines/impact';
import { RouteContext } from '../RouteContext';
import { costReadCheck, mayReadCostOf } from '../callerScope';
import { entityRefFromParams } from '../entityRefs';

/** The Continuity routes of an entity: its continuity checks, and what fails with it. */
export function registerContinuityRoutes(
  router: Router,
  context: RouteContext,
) {
  const { store, settings } = context;

  router.get(
    '/v1/entities/:kind/:namespace/:name/continuity',
    async (req, res) => {
      const credentials = await context.httpAuth.credentials(req);
      // walked through the caller's graph snapshot, kept for a minute, not the catalog level by
      // level; the snapshot and the cost policy are asked for while the entity is read
      const snapshot = context.catalogGraph.snapshot(credentials);
      const costReadable = costReadCheck(context.permissions, credentials, {
        askNow: true,
      });
      const [{ entity, problems }, graph] = await Promise.all([
        context.readEntity(req),
        snapshot,
      ]);
      const closure = graph.closure(entity);
      const report = await continuityReport({
        entity,
        closure,
        now: context.now(),
        store,
        settings,
        problems,
      });
      if (await mayReadCostOf(costReadable, report.entityRef)) {
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
    const { ref } = entityRefFromParams(req.params);
    const credentials = await context.httpAuth.credentials(req);
    const snapshot = await context.catalogGraph.snapshot(credentials);
    // the answer is the snapshot's: an entity in it was readable to the caller when it was loaded;
    // any other (a kind the graph leaves out, or one newer than the snapshot) is read by name
    const entity =
      snapshot.entities.get(canonicalEntityRef(ref))?.entity ??
      (await context.readEntity(req)).entity;
    res.json(impactReport({ entity, snapshot, settings }));
  });
}
