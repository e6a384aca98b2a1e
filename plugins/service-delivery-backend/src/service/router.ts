import express from 'express';
import { IngestTraffic } from '../overview/IngestTraffic';
import { createOpenApiRouter } from '../schema/openapi';
import { RouteContext, createRouteContext } from './RouteContext';
import { nameTheParameter } from './openApiErrors';
import { registerEntityRoutes } from './routes/entityRoutes';
import {
  authorizeIngestsFirst,
  registerIngestRoutes,
} from './routes/ingestRoutes';
import { registerRecordRoutes } from './routes/recordRoutes';
import { registerContinuityRoutes } from './routes/continuityRoutes';
import { registerServiceLevelRoutes } from './routes/serviceLevelRoutes';
import { registerCostRoutes } from './routes/costRoutes';
import { registerCapacityRoutes } from './routes/capacityRoutes';
import {
  OverviewReader,
  registerOverviewRoutes,
} from './routes/overviewRoutes';
import { registerReportRoutes } from './routes/reportRoutes';
import { registerGateRoutes } from './routes/gateRoutes';
import {
  registerCostCoverageRoutes,
  registerUnattributedCostRoutes,
} from './routes/costAttributionRoutes';
import { TooManyRequestsError } from '../overview/periodComputationBudget';

/** A body that is not JSON, or too large, answers in the shape of the ingest problems. */
const answerUnreadableBodies: express.ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed' || type === 'entity.too.large') {
    const message =
      type === 'entity.too.large'
        ? 'is larger than the 20 MB a request may carry; send smaller batches'
        : `is not valid JSON: ${(error as Error).message}`;
    res.status(type === 'entity.too.large' ? 413 : 400).json({
      error: `The request body ${message}`,
      problems: [{ index: -1, path: '', message }],
    });
    return;
  }
  next(error);
};

/** A 429 says when to try again; Backstage's error handler then answers it. */
const sayWhenToRetry: express.ErrorRequestHandler = (
  error,
  _req,
  res,
  next,
) => {
  if (error instanceof TooManyRequestsError) {
    res.setHeader('Retry-After', String(error.retryAfterSeconds));
  }
  next(error);
};

export type RouterOptions = Parameters<typeof createRouteContext>[0] & {
  /** the precomputed overview; without it the org-wide routes are not offered */
  overview?: OverviewReader;
  /** counts the ingest requests in flight, which the overview's refresh lets go first */
  ingestTraffic?: Pick<IngestTraffic, 'begin'>;
};

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const context: RouteContext = createRouteContext(options);
  // Every request is validated against src/schema/openapi.yaml before a route sees it.
  const router = await createOpenApiRouter({
    middleware: [
      // Any JSON value parses, so that a body which is not an array gets the ingest problem shape.
      express.json({ limit: '20mb', strict: false }),
      // express tells error handlers by their four parameters; the option's type only names plain ones
      answerUnreadableBodies as unknown as express.RequestHandler,
    ],
  });
  router.use(nameTheParameter(context));

  registerEntityRoutes(router, context);
  registerIngestRoutes(router, context);
  registerRecordRoutes(router, context);
  registerServiceLevelRoutes(router, context);
  registerContinuityRoutes(router, context);
  registerCostRoutes(router, context);
  registerUnattributedCostRoutes(router, context);
  registerCapacityRoutes(router, context);
  registerGateRoutes(router, context);
  if (options.overview) {
    registerOverviewRoutes(router, context, options.overview);
    registerReportRoutes(router, context, options.overview);
    registerCostCoverageRoutes(router, context, options.overview);
  }
  router.use(sayWhenToRetry);

  // An ingest is counted as traffic from its start and authorised before its body is read. It
  // stands ahead of the OpenAPI router, which would answer any error of its own middleware as 400.
  return express
    .Router()
    .use(authorizeIngestsFirst(context, options.ingestTraffic))
    .use(router);
}
