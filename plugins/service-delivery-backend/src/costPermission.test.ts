import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
      cost: { currency: 'EUR', budget: { monthly: 42000 } },
      capacity: { resources: [{ name: 'cpu', capacity: 64, warning: 70 }] },
    },
  },
};

async function startBackend(
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const { server } = await startTestBackend({
    features: [
      serviceDeliveryPlugin,
      mockServices.rootConfig.factory({ data: {} }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      mockServices.permissions.factory({ result: permission }),
      catalogServiceMock.factory({ entities: [payments] }),
    ],
  });
  return server;
}

describe('reading cost data', () => {
  it('answers 403 for cost without the permission, and the capacity still', async () => {
    const server = await startBackend(AuthorizeResult.DENY);
    const cost = await request(server)
      .get(
        '/api/service-delivery/v1/entities/component/default/payments-api/cost',
      )
      .set('authorization', mockCredentials.user.header());
    expect(cost.status).toBe(403);
    expect(cost.body.error.message).toBe(
      'Reading cost data of component:default/payments-api needs the service-delivery.cost.read permission',
    );

    const capacity = await request(server)
      .get(
        '/api/service-delivery/v1/entities/component/default/payments-api/capacity',
      )
      .set('authorization', mockCredentials.user.header());
    expect(capacity.status).toBe(200);
    expect(capacity.body.resources).toEqual([
      expect.objectContaining({ name: 'cpu', capacity: 64, status: 'no-data' }),
    ]);

    const entity = await request(server)
      .get('/api/service-delivery/v1/entities/component/default/payments-api')
      .set('authorization', mockCredentials.user.header());
    expect(entity.status).toBe(200);
  });

  it('answers the cost with the permission, and 401 without credentials', async () => {
    const server = await startBackend(AuthorizeResult.ALLOW);
    const cost = await request(server)
      .get(
        '/api/service-delivery/v1/entities/component/default/payments-api/cost',
      )
      .set('authorization', mockCredentials.user.header());
    expect(cost.status).toBe(200);
    expect(cost.body).toEqual(
      expect.objectContaining({
        currency: 'EUR',
        total: 0,
        budgetTotal: 504000,
      }),
    );

    const anonymous = await request(server).get(
      '/api/service-delivery/v1/entities/component/default/payments-api/cost',
    );
    expect(anonymous.status).toBe(401);
  });
});
