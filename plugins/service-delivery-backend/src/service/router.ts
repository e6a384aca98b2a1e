import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  EntityServiceDeliveryResponse,
  IngestErrorResponse,
  PeriodError,
  RecordKind,
  serviceDeliveryWritePermission,
  validateEntityServiceDelivery,
  validateRecords,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import express from 'express';
import Router from 'express-promise-router';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { entityRefFromParams } from './entityRefs';
import { availabilityReport } from '../disciplines/availability';
import { loadDependencyClosure } from '../disciplines/dependencyGraph';
import { serviceLevelReport } from '../disciplines/serviceLevel';

const recordKinds: RecordKind[] = [
  'incidents',
  'sli',
  'costs',
  'capacity',
  'dr-tests',
];

export interface RouterOptions {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  /** the clock; tests pin it */
  now?: () => number;
}

function periodParam(query: express.Request['query']): string | undefined {
  const { period } = query;
  if (period === undefined || period === '') return undefined;
  if (typeof period !== 'string') {
    throw new InputError(
      "Invalid query parameter 'period': give it once, as YYYY-MM, YYYY-Qn, rolling-28d or rolling-30d",
    );
  }
  return period;
}

/** Runs a calculation, answering a malformed period as 400 naming the parameter. */
async function withPeriod<T>(compute: () => Promise<T>): Promise<T> {
  try {
    return await compute();
  } catch (error) {
    if (error instanceof PeriodError) {
      throw new InputError(
        `Invalid query parameter 'period': ${error.message}`,
      );
    }
    throw error;
  }
}

export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { logger, httpAuth, permissions, catalog, store, settings } = options;
  const tiers = Object.keys(settings.tiers);
  const now = options.now ?? Date.now;

  const readEntity = async (req: express.Request) => {
    const { compound, ref } = entityRefFromParams(req.params);
    const credentials = await httpAuth.credentials(req);
    const entity: Entity | undefined = await catalog.getEntityByRef(compound, {
      credentials,
    });
    if (!entity) {
      throw new NotFoundError(`No entity ${ref} in the catalog`);
    }
    return {
      entity,
      ref,
      credentials,
      problems: validateEntityServiceDelivery(entity, { tiers }),
    };
  };

  const router = Router();
  router.use(express.json({ limit: '20mb' }));

  router.get('/v1/entities/:kind/:namespace/:name', async (req, res) => {
    const { entity, ref, problems } = await readEntity(req);
    const body: EntityServiceDeliveryResponse = {
      entityRef: ref,
      declared:
        (entity.spec as { serviceDelivery?: unknown } | undefined)
          ?.serviceDelivery ?? null,
      problems,
    };
    res.json(body);
  });

  router.get('/v1/entities/:kind/:namespace/:name/sla', async (req, res) => {
    const period = periodParam(req.query);
    const { entity, problems } = await readEntity(req);
    res.json(
      await withPeriod(() =>
        serviceLevelReport({
          entity,
          period,
          now: now(),
          store,
          settings,
          problems,
        }),
      ),
    );
  });

  router.get(
    '/v1/entities/:kind/:namespace/:name/availability',
    async (req, res) => {
      const period = periodParam(req.query);
      const { entity, problems, credentials } = await readEntity(req);
      const closure = await loadDependencyClosure({
        root: entity,
        catalog,
        credentials,
      });
      res.json(
        await withPeriod(() =>
          availabilityReport({
            entity,
            period,
            now: now(),
            store,
            settings,
            closure,
            problems,
          }),
        ),
      );
    },
  );

  router.post('/v1/ingest/:kind', async (req, res) => {
    const kind = req.params.kind as RecordKind;
    if (!recordKinds.includes(kind)) {
      throw new NotFoundError(
        `Unknown record kind '${
          req.params.kind
        }': expected one of ${recordKinds.join(', ')}`,
      );
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: serviceDeliveryWritePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Writing service-delivery data needs the ${serviceDeliveryWritePermission.name} permission`,
      );
    }

    const { records, problems } = validateRecords(kind, req.body);
    if (problems.length > 0) {
      const body: IngestErrorResponse = {
        error: `The ${kind} batch was rejected: ${problems.length} problem(s); nothing was stored`,
        problems,
      };
      res.status(400).json(body);
      return;
    }
    const outcome = await store.ingest(kind, records);
    logger.info(
      `Ingested ${records.length} ${kind} record(s): ${outcome.accepted} new, ${outcome.updated} updated, ${outcome.unchanged} unchanged`,
    );
    res.json(outcome);
  });

  return router;
}
