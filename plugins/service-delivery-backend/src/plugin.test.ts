import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { serviceDeliveryPlugin } from './plugin';

jest.setTimeout(30_000);

const payments: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    serviceDelivery: {
      tier: 'tier-1',
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.95 },
          ],
        },
      ],
    },
  },
};

const typo: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    serviceDelivery: { tier: 'tier-7', continuity: { rto: 'soon' } },
  },
};

const config = {
  serviceDelivery: {
    tiers: { 'tier-1': { availability: 99.95, rto: '1h' } },
  },
};

async function startBackend(
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const { server } = await startTestBackend({
    features: [
      serviceDeliveryPlugin,
      mockServices.rootConfig.factory({ data: config }),
      // requests without a token are anonymous, as in a real backend
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({ result: permission }),
      catalogServiceMock.factory({ entities: [payments, typo] }),
    ],
  });
  return server;
}

const incident = (id: string, overrides: object = {}) => ({
  id,
  source: 'pagerduty',
  entityRef: 'component:default/payments-api',
  title: 'Card payments failing',
  priority: 'P1',
  impact: 'full',
  startedAt: '2026-10-03T10:00:00Z',
  resolvedAt: '2026-10-03T11:00:00Z',
  ...overrides,
});

describe('service-delivery backend plugin', () => {
  describe('GET /v1/entities/{kind}/{namespace}/{name}', () => {
    it('answers the declared metadata and no problems for valid metadata', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/service-delivery/v1/entities/component/default/payments-api')
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        entityRef: 'component:default/payments-api',
        declared: payments.spec!.serviceDelivery,
        problems: [],
      });
    });

    it('answers every problem with its path', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/service-delivery/v1/entities/Component/default/ledger')
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(
        res.body.problems.map((p: { path: string }) => p.path).sort(),
      ).toEqual([
        'spec.serviceDelivery.continuity.rto',
        'spec.serviceDelivery.tier',
      ]);
    });

    it('answers 404 naming an unknown entity', async () => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/service-delivery/v1/entities/component/default/nope')
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(404);
      expect(res.body.error.message).toBe(
        'No entity component:default/nope in the catalog',
      );
    });

    it('requires credentials', async () => {
      const server = await startBackend();
      const res = await request(server).get(
        '/api/service-delivery/v1/entities/component/default/payments-api',
      );
      expect(res.status).toBe(401);
    });
  });

  describe('POST /v1/ingest/{kind}', () => {
    it('stores a batch and is idempotent when it is sent again', async () => {
      const server = await startBackend();
      const batch = [incident('INC-1'), incident('INC-2')];
      const first = await request(server)
        .post('/api/service-delivery/v1/ingest/incidents')
        .set('authorization', mockCredentials.service.header())
        .send(batch);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({ accepted: 2, updated: 0, unchanged: 0 });
      const again = await request(server)
        .post('/api/service-delivery/v1/ingest/incidents')
        .set('authorization', mockCredentials.user.header())
        .send(batch);
      expect(again.body).toEqual({ accepted: 0, updated: 0, unchanged: 2 });
    });

    it('rejects a batch with a bad record whole, naming index and field', async () => {
      const server = await startBackend();
      const res = await request(server)
        .post('/api/service-delivery/v1/ingest/incidents')
        .set('authorization', mockCredentials.user.header())
        .send([
          incident('INC-1'),
          incident('INC-2', { impact: 'total' }),
          incident('INC-3'),
        ]);
      expect(res.status).toBe(400);
      expect(res.body.problems).toEqual([
        expect.objectContaining({ index: 1, path: 'impact' }),
      ]);
      expect(res.body.error).toMatch(/nothing was stored/);

      const retry = await request(server)
        .post('/api/service-delivery/v1/ingest/incidents')
        .set('authorization', mockCredentials.user.header())
        .send([incident('INC-1'), incident('INC-3')]);
      expect(retry.body).toEqual({ accepted: 2, updated: 0, unchanged: 0 });
    });

    it('rejects a body that is not an array', async () => {
      const server = await startBackend();
      const res = await request(server)
        .post('/api/service-delivery/v1/ingest/sli')
        .set('authorization', mockCredentials.user.header())
        .send({ entityRef: 'component:default/payments-api' });
      expect(res.status).toBe(400);
      expect(res.body.problems[0]).toEqual(
        expect.objectContaining({ index: -1 }),
      );
    });

    it('answers 404 for an unknown record kind', async () => {
      const server = await startBackend();
      const res = await request(server)
        .post('/api/service-delivery/v1/ingest/tickets')
        .set('authorization', mockCredentials.user.header())
        .send([]);
      expect(res.status).toBe(404);
      expect(res.body.error.message).toMatch(/Unknown record kind 'tickets'/);
    });

    it('answers 401 without credentials and 403 without the write permission', async () => {
      const allowed = await startBackend();
      const anonymous = await request(allowed)
        .post('/api/service-delivery/v1/ingest/incidents')
        .send([incident('INC-1')]);
      expect(anonymous.status).toBe(401);

      const denied = await startBackend(AuthorizeResult.DENY);
      const res = await request(denied)
        .post('/api/service-delivery/v1/ingest/incidents')
        .set('authorization', mockCredentials.user.header())
        .send([incident('INC-1')]);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/service-delivery\.data\.write/);
    });
  });
});
