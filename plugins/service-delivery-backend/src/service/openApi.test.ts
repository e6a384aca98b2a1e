import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import { NOW, entities, settings } from '../__testUtils__/overviewFixtures';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { spec } from '../schema/openapi';
import { QUERY_READERS } from './openApiErrors';
import { OverviewReader } from './routes/overviewRoutes';
import { createRouter } from './router';

/*
 * src/schema/openapi.yaml is the API's contract: the router is made from it and validates every
 * request against it. Here: the routes and the document's operations are the same set (a route
 * added without the document, or a path documented without a route, fails), and what the
 * validator refuses still answers 400 naming the parameter.
 */

/** Routes are only registered here, never called: the store and overview are never read. */
async function createTestRouter() {
  return createRouter({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    catalog: catalogServiceMock({ entities }),
    store: {} as ServiceDeliveryStore,
    settings,
    overview: {} as OverviewReader,
    now: () => NOW,
  });
}

type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/** `get /v1/entities/{kind}/...` for each route registered on the router. */
function registeredRoutes(router: express.Router): string[] {
  return (router.stack as Layer[]).flatMap(layer => {
    const route = layer.route;
    // the routes of a router used within (at its root: none is mounted on a path)
    if (!route) {
      const inner = layer.handle?.stack;
      return inner ? registeredRoutes({ stack: inner } as express.Router) : [];
    }
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    return Object.keys(route.methods)
      .filter(method => route.methods[method])
      .map(method => `${method} ${path}`);
  });
}

function documentedOperations(): string[] {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter(key => methods.includes(key))
      .map(method => `${method} ${path}`),
  );
}

describe('the OpenAPI document', () => {
  let router: express.Router;
  let app: express.Express;

  beforeAll(async () => {
    router = await createTestRouter();
    app = express()
      .use(router)
      .use(
        MiddlewareFactory.create({
          config: mockServices.rootConfig({ data: {} }),
          logger: mockServices.logger.mock(),
        }).error(),
      );
  });

  it('describes every route the router serves, and no route it does not serve', () => {
    const routes = registeredRoutes(router).filter(
      // the document itself, served by @backstage/backend-openapi-utils
      route => route !== 'get /openapi.json',
    );
    expect(routes.length).toBeGreaterThan(15);
    expect([...routes].sort()).toEqual([...documentedOperations()].sort());
  });

  it('gives every operation an id and every parameter a description or a shared definition', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === 'parameters') continue;
        const { operationId, parameters = [] } = operation as {
          operationId?: string;
          parameters?: Array<{ $ref?: string; description?: string }>;
        };
        expect({ path, method, operationId }).toEqual({
          path,
          method,
          operationId: expect.stringMatching(/^[a-z][A-Za-z]+$/),
        });
        for (const parameter of parameters) {
          expect(parameter.$ref ?? parameter.description).toBeTruthy();
        }
      }
    }
  });

  it('has a reader in queryParameters.ts for every operation that takes a query, and no other', () => {
    const withQuery = Object.values(spec.paths).flatMap(item =>
      Object.values(item).flatMap(operation => {
        const { operationId, parameters = [] } = operation as {
          operationId?: string;
          parameters?: Array<{ $ref?: string; in?: string }>;
        };
        const inQuery = parameters.some(
          parameter =>
            parameter.in === 'query' ||
            (parameter.$ref?.startsWith('#/components/parameters/') &&
              (spec.components.parameters as Record<string, { in: string }>)[
                parameter.$ref.split('/').pop()!
              ].in === 'query'),
        );
        return operationId && inQuery ? [operationId] : [];
      }),
    );
    expect(Object.keys(QUERY_READERS).sort()).toEqual(withQuery.sort());
  });

  it('serves itself at /openapi.json', async () => {
    const res = await request(app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/v1/overview', '/v1/ingest/{kind}']),
    );
  });

  it('answers a body that is not JSON with 400 saying what it must be', async () => {
    const res = await request(app)
      .post('/v1/ingest/incidents')
      .set('content-type', 'text/plain')
      .send('id,title');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'The request body must be JSON, sent with Content-Type: application/json (given: text/plain)',
    );
  });

  it.each([
    [
      '/v1/entities/component/default/payments-api/sla?colour=red',
      "Unknown query parameter 'colour': expected period",
    ],
    [
      '/v1/entities/component/default/payments-api/impact?period=2026-10',
      "Unknown query parameter 'period': this route takes no query parameters",
    ],
    [
      '/v1/entities/component/default/payments-api/gate',
      "Missing query parameter 'change': say which change is to be released, feature or fix",
    ],
    [
      '/v1/entities/component/default/payments-api/gate?change=hotfix',
      "Invalid query parameter 'change': must be feature or fix (got 'hotfix')",
    ],
    [
      '/v1/entities/component/default/payments-api/cost?months=twelve',
      "Invalid query parameter 'months': 'twelve' must be a whole number from 1 to 120",
    ],
    [
      '/v1/entities/component/default/payments-api/sla?period=',
      "Invalid query parameter 'period': give it a value, or leave it out",
    ],
    [
      '/v1/entities/comp%20onent/default/payments-api',
      "Invalid path parameter 'kind': 'comp onent' must match pattern",
    ],
    [
      '/v1/overview?status=fine',
      "Invalid query parameter 'status': 'fine' is not one of",
    ],
    [
      '/v1/findings?limit=10&limit=20',
      "Invalid query parameter 'limit': give it once, not 2 times",
    ],
  ])(
    'answers %s with 400 naming the parameter before any route reads it',
    async (url, message) => {
      const res = await request(app).get(url);
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toContain(message);
    },
  );
});
