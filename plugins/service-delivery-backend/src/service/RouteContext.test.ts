import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import express from 'express';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { createRouteContext } from './RouteContext';

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

const service = (name: string, target: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    serviceDelivery: {
      agreements: [
        {
          name: `${name}-sla`,
          type: 'SLA',
          objectives: [{ name: 'up', kind: 'availability', target }],
        },
      ],
    },
  },
});

function setUp(entities: Entity[]) {
  const catalog = catalogServiceMock({ entities });
  const byRef = jest.spyOn(catalog, 'getEntityByRef');
  const context = createRouteContext({
    logger: mockServices.logger.mock(),
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    catalog,
    store: {} as ServiceDeliveryStore,
    settings: readServiceDeliverySettings(new ConfigReader({})),
  });
  const read = (user: string, kind: string, name: string) =>
    context.readEntity({
      params: { kind, namespace: 'default', name },
      headers: { authorization: mockCredentials.user.header(user) },
    } as unknown as express.Request);
  return { context, byRef, read };
}

describe('readEntity', () => {
  it("reads the entity from the caller's loaded graph snapshot, and from the catalog otherwise", async () => {
    const api: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: { name: 'payments-openapi', namespace: 'default' },
      spec: { type: 'openapi', owner: 'group:default/payments' },
    };
    const { context, byRef, read } = setUp([service('payments', 99.9), api]);

    // nothing loaded yet: the catalog answers
    expect((await read(ALICE, 'component', 'payments')).entity).toMatchObject({
      metadata: { name: 'payments' },
    });
    expect(byRef).toHaveBeenCalledTimes(1);

    await context.catalogGraph.snapshot(mockCredentials.user(ALICE));
    // the name as the address spells it, in any case
    const fromSnapshot = await read(ALICE, 'Component', 'Payments');
    expect(byRef).toHaveBeenCalledTimes(1);
    expect(fromSnapshot.ref).toBe('component:default/payments');
    expect(fromSnapshot.entity.spec?.serviceDelivery).toEqual(
      service('payments', 99.9).spec!.serviceDelivery,
    );
    expect(fromSnapshot.problems).toEqual([]);

    // another caller's snapshot is not theirs: the catalog, with their credentials
    await read(BOB, 'component', 'payments');
    expect(byRef).toHaveBeenCalledTimes(2);
    expect(byRef.mock.calls[1][1]).toEqual({
      credentials: mockCredentials.user(BOB),
    });

    // a kind the graph leaves out, and an entity the snapshot does not hold, from the catalog
    expect((await read(ALICE, 'api', 'payments-openapi')).entity.kind).toBe(
      'API',
    );
    await expect(read(ALICE, 'component', 'ledger')).rejects.toThrow(
      'No entity component:default/ledger in the catalog',
    );
    expect(byRef).toHaveBeenCalledTimes(4);
  });
});
