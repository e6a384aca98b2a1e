import express from 'express';
import Router from 'express-promise-router';
import { RouteContext, createRouteContext } from './RouteContext';
import { registerEntityRoutes } from './routes/entityRoutes';
import { registerIngestRoutes } from './routes/ingestRoutes';
import { registerServiceLevelRoutes } from './routes/serviceLevelRoutes';

export type RouterOptions = Parameters<typeof createRouteContext>[0];

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const context: RouteContext = createRouteContext(options);
  const router = Router();
  router.use(express.json({ limit: '20mb' }));

  registerEntityRoutes(router, context);
  registerIngestRoutes(router, context);
  registerServiceLevelRoutes(router, context);

  return router;
}
