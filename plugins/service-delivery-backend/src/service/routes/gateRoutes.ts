import {
  GateDecisionsResponse,
  GateResponse,
  releaseGateDecision,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { recordRef } from '../../disciplines/declared';
import { policyStepsOf } from '../../disciplines/errorBudgetPolicy';
import { serviceLevelReport } from '../../disciplines/serviceLevel';
import { writerOf } from '../../records/writers';
import { RouteContext } from '../RouteContext';
import { gateDecisionsQuery, gateQuery } from '../queryParameters';

/**
 * The release gate:
 * - `GET /v1/entities/{kind}/{namespace}/{name}/gate?change=feature|fix`: whether the entity's
 *   error-budget policies, evaluated from the current periods, let the change through, and why;
 *   every answer is recorded with who asked.
 * - `GET /v1/entities/{kind}/{namespace}/{name}/gate/decisions?limit=`: the recorded answers,
 *   newest first (50 by default, 500 at most).
 * Both read the entity with the caller's credentials: 404 when they cannot see it.
 */
export function registerGateRoutes(router: Router, context: RouteContext) {
  const { store, settings } = context;

  router.get('/v1/entities/:kind/:namespace/:name/gate', async (req, res) => {
    const { change } = gateQuery(req.query);
    const now = context.now();
    const { entity, problems, credentials } = await context.readEntity(req);
    const report = await serviceLevelReport({
      entity,
      now,
      store,
      settings,
      problems,
    });
    const steps = policyStepsOf(report);
    const { allow, reasons } = releaseGateDecision(change, steps);
    const evaluatedAt = new Date(now).toISOString();
    await store.recordGateDecision({
      entityRef: report.entityRef,
      change,
      allow,
      reasons,
      requestedBy: writerOf(credentials),
      evaluatedAt,
    });
    const body: GateResponse = {
      entityRef: report.entityRef,
      change,
      allow,
      reasons,
      steps,
      evaluatedAt,
    };
    res.json(body);
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/gate/decisions',
    async (req, res) => {
      const { limit } = gateDecisionsQuery(req.query);
      const { entity } = await context.readEntity(req);
      const body: GateDecisionsResponse = {
        decisions: await store.listGateDecisions({
          entityRef: recordRef(entity),
          limit,
        }),
      };
      res.json(body);
    },
  );
}
