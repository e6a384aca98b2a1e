import {
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  PeriodError,
  ValidationProblem,
  resolvePeriod,
  validateEntityServiceDelivery,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import express from 'express';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { CatalogGraph } from '../disciplines/catalogGraph';
import { CostCurrencies } from '../disciplines/costCurrency';
import { entityRefFromParams } from './entityRefs';

/** What every route module gets. */
export interface RouteContext {
  logger: LoggerService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  /** The whole catalog's dependency graph, cached briefly per caller. */
  catalogGraph: CatalogGraph;
  /** Services' cost currencies, cached briefly per caller. */
  costCurrencies: CostCurrencies;
  /** the plugin's own credentials, for catalog lookups made for an outside tool */
  auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
  now(): number;
  /** Reads the entity of `/:kind/:namespace/:name` with the caller's credentials, or answers 404. */
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
    'readEntity' | 'now' | 'catalogGraph' | 'costCurrencies'
  > & {
    now?: () => number;
  },
): RouteContext {
  const tiers = Object.keys(options.settings.tiers);
  return {
    ...options,
    now: options.now ?? Date.now,
    catalogGraph: new CatalogGraph({
      catalog: options.catalog,
      now: options.now,
    }),
    costCurrencies: new CostCurrencies({
      catalog: options.catalog,
      settings: options.settings,
      auth: options.auth,
    }),
    async readEntity(req) {
      const { compound, ref } = entityRefFromParams(req.params);
      const credentials = await options.httpAuth.credentials(req);
      const entity = await options.catalog.getEntityByRef(compound, {
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
    },
  };
}

/** Reads an optional single-valued query parameter. */
export function queryParam(
  query: express.Request['query'],
  name: string,
): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (Array.isArray(value)) {
    throw new InputError(
      `Invalid query parameter '${name}': give it once, not ${value.length} times`,
    );
  }
  if (typeof value !== 'string') {
    throw new InputError(
      `Invalid query parameter '${name}': give it once, as text, not as ${name}[…]`,
    );
  }
  return value;
}

/**
 * The `period` query parameter: YYYY-MM, YYYY-Qn, rolling-28d or rolling-30d. Anything else answers
 * 400 naming the parameter and those forms, before anything is computed; the period is resolved
 * later in each service's timezone, which does not change whether it is understood.
 */
export function periodParam(
  query: express.Request['query'],
  now: number,
): string | undefined {
  return checkedPeriod(queryParam(query, 'period'), now);
}

/** A `period` query parameter that is understood, or a 400 naming it and the forms of a period. */
export function checkedPeriod(
  period: string | undefined,
  now: number,
): string | undefined {
  if (period !== undefined) {
    try {
      resolvePeriod(period, { defaultPeriod: 'month', now });
    } catch (error) {
      if (error instanceof PeriodError) {
        throw new InputError(
          `Invalid query parameter 'period': ${error.message}`,
        );
      }
      throw error;
    }
  }
  return period;
}
