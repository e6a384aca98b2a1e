import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ValidationProblem,
  canonicalEntityRef,
  validateEntityServiceDelivery,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import express from 'express';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { CatalogGraph } from '../disciplines/catalogGraph';
import { CostCurrencies } from '../disciplines/costCurrency';
import { entityRefFromParams } from './entityRefs';
import { KnownEntityCache } from '../records/knownEntities';

/** What every route module gets. */
export interface RouteContext {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  /** The whole catalog's dependency graph as each caller may see it, kept briefly. */
  catalogGraph: CatalogGraph;
  /** Services' cost currencies, cached briefly per caller. */
  costCurrencies: CostCurrencies;
  /** The entities a caller's recent ingests named that the catalog knew, cached briefly. */
  knownEntities: KnownEntityCache;
  /** the plugin's own credentials, for catalog lookups made for an outside tool */
  auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
  now(): number;
  /**
   * Reads the entity of `/:kind/:namespace/:name` with the caller's credentials, or answers 404:
   * from the caller's graph snapshot when one is loaded (at most a minute old), else the catalog.
   */
  readEntity(req: express.Request): Promise<{
    entity: Entity;
    ref: string;
    credentials: BackstageCredentials;
    problems: ValidationProblem[];
  }>;
}

export function createRouteContext(
  options: Omit<
    RouteContext,
    'readEntity' | 'now' | 'catalogGraph' | 'costCurrencies' | 'knownEntities'
  > & {
    now?: () => number;
  },
): RouteContext {
  const tiers = Object.keys(options.settings.tiers);
  const catalogGraph = new CatalogGraph({
    catalog: options.catalog,
    auth: options.auth,
    permissions: options.permissions,
    now: options.now,
  });
  return {
    ...options,
    now: options.now ?? Date.now,
    catalogGraph,
    costCurrencies: new CostCurrencies({
      catalog: options.catalog,
      settings: options.settings,
      auth: options.auth,
    }),
    knownEntities: new KnownEntityCache({ now: options.now }),
    async readEntity(req) {
      const { compound, ref } = entityRefFromParams(req.params);
      const credentials = await options.httpAuth.credentials(req);
      // The caller's graph snapshot, once loaded, holds the entity as the catalog showed it to them
      // (with their credentials, at most a minute ago): no second request through the catalog.
      const entity =
        catalogGraph
          .loaded(credentials)
          ?.entities.get(canonicalEntityRef(compound))?.entity ??
        (await options.catalog.getEntityByRef(compound, { credentials }));
      if (!entity) {
        throw new NotFoundError(`No entity ${ref} in the catalog`);
      }
      return {
        entity,
        ref,
        credentials,
        problems: validateEntityServiceDelivery(entity, { tiers }),
      };
    },
  };
}
