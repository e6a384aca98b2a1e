import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import { recordRef } from '../disciplines/declared';
import { createRouter } from '../service/router';
import {
  NOW,
  createOverviewHarness,
  entities,
  settings,
} from './overviewFixtures';

/** What a user may do with one entity, by permission name; missing permissions are allowed. */
export type EntityRule = (user: string, entityRef: string) => boolean;

export type TestPolicy = Partial<
  Record<
    | 'catalog.entity.read'
    | 'service-delivery.cost.read'
    | 'service-delivery.cost.unattributed.read'
    | 'service-delivery.data.write',
    'allow' | 'deny' | EntityRule
  >
>;

function userOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as { userEntityRef?: string };
  return principal.userEntityRef;
}

/**
 * A stand-in for a permission policy with catalog conditions, isolating the routes from the
 * permission backend: for users, a rule answers CONDITIONAL without a resource and decides each
 * entity by name; service principals are always allowed. Every call is recorded.
 */
export function testPermissions(policy: TestPolicy) {
  const calls: Array<{ conditional: boolean; names: string[] }> = [];
  const decide = (
    name: string,
    credentials: BackstageCredentials,
    resourceRef?: string,
  ): PolicyDecision => {
    const rule = (policy as Record<string, TestPolicy[keyof TestPolicy]>)[name];
    const user = userOf(credentials);
    if (!user || rule === undefined || rule === 'allow') {
      return { result: AuthorizeResult.ALLOW };
    }
    if (rule === 'deny') return { result: AuthorizeResult.DENY };
    if (resourceRef === undefined) {
      return {
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'catalog',
        resourceType: 'catalog-entity',
        // a rule of the policy's own: decided entity by entity, as the rule says
        conditions: {
          rule: 'TEST_RULE',
          resourceType: 'catalog-entity',
          params: {},
        },
      };
    }
    return {
      result: rule(user, resourceRef)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    };
  };
  const permissions = {
    async authorize(requests, options) {
      calls.push({
        conditional: false,
        names: requests.map(r => r.permission.name),
      });
      return requests.map(r => {
        const decision = decide(
          r.permission.name,
          options.credentials,
          r.resourceRef,
        );
        if (decision.result === AuthorizeResult.CONDITIONAL) {
          throw new Error(`${r.permission.name} needs a resourceRef`);
        }
        return { result: decision.result };
      });
    },
    async authorizeConditional(requests, options) {
      calls.push({
        conditional: true,
        names: requests.map(r => r.permission.name),
      });
      return requests.map(r =>
        decide(r.permission.name, options.credentials),
      ) as any;
    },
  } as PermissionsService;
  return { permissions, calls };
}

/**
 * The catalog as a user sees it under the read rule: the entities the rule refuses are not returned
 * to that user (as the catalog does with a conditional read decision); services see everything.
 */
export function catalogSeenThrough(
  catalog: CatalogService,
  read: EntityRule,
): CatalogService {
  const visible = (credentials: BackstageCredentials) => (entity?: Entity) => {
    const user = userOf(credentials);
    return !!entity && (!user || read(user, recordRef(entity)));
  };
  const seen = Object.create(catalog) as CatalogService;
  seen.getEntityByRef = async (ref, options) => {
    const entity = await catalog.getEntityByRef(ref, options);
    return visible(options.credentials)(entity) ? entity : undefined;
  };
  seen.getEntities = async (request, options) => {
    const answer = await catalog.getEntities(request, options);
    return { items: answer.items.filter(visible(options.credentials)) };
  };
  seen.getEntitiesByRefs = async (request, options) => {
    const answer = await catalog.getEntitiesByRefs(request, options);
    const isVisible = visible(options.credentials);
    return {
      items: answer.items.map(e => (isVisible(e) ? e : undefined)),
    };
  };
  seen.queryEntities = async (request, options) => {
    const answer = await catalog.queryEntities(request, options);
    const items = answer.items.filter(visible(options.credentials));
    return { ...answer, items, totalItems: items.length };
  };
  return seen;
}

/** Owners of the overview fixtures' services: reporting is data's, the rest payments'. */
export const ownerInFixtures = (entityRef: string) =>
  entityRef.endsWith('/reporting') || entityRef === 'system:default/analytics'
    ? 'data'
    : 'payments';

/**
 * An app over a harness's overview and store whose routes read the catalog through the read rule
 * (the harness's refresher still reads all of it, with its own credentials).
 */
export async function appSeenThrough(
  harness: Awaited<ReturnType<typeof createOverviewHarness>>,
  options: {
    permissions: PermissionsService;
    read?: EntityRule;
    /** the catalog's entities, when not the fixtures' */
    catalogEntities?: Entity[];
  },
): Promise<express.Express> {
  const all = catalogServiceMock({
    entities: options.catalogEntities ?? entities,
  });
  const router = await createRouter({
    logger: harness.logger,
    httpAuth: mockServices.httpAuth(),
    auth: mockServices.auth(),
    permissions: options.permissions,
    catalog: options.read ? catalogSeenThrough(all, options.read) : all,
    store: harness.store,
    settings,
    overview: harness.cache,
    ingestTraffic: harness.ingestTraffic,
    now: () => NOW,
  });
  return express()
    .use(router)
    .use(
      MiddlewareFactory.create({
        config: mockServices.rootConfig({ data: {} }),
        logger: harness.logger,
      }).error(),
    );
}
