import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import request from 'supertest';
import catalogModuleServiceDelivery from './index';

jest.setTimeout(60_000);

const entities = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  description: Takes the customer's money
  tags: [payments]
spec:
  type: service
  lifecycle: production
  owner: group:payments
  dependsOn: [resource:payments-db]
  serviceDelivery:
    tier: tier-1
    agreements:
      - name: retail-sla
        type: SLA
        customer: group:retail-banking
        period: month
        objectives:
          - { name: availability, kind: availability, target: 99.95 }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
  description: Books every movement
spec:
  type: service
  lifecycle: production
  owner: group:payments
  serviceDelivery:
    tier: tier-1
    agreements:
      - name: ledger-ola
        type: OLO
        period: fortnight
        objectives:
          - { name: availability, kind: availability, target: 120 }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: split-file
spec:
  type: service
  lifecycle: production
  owner: group:payments
  serviceDelivery:
    $yaml: ./service-delivery/split-file.yaml
`;

async function startCatalog(validation: 'warn' | 'strict') {
  const dir = createMockDirectory({
    content: {
      'catalog-info.yaml': entities,
      'service-delivery/split-file.yaml':
        'tier: tier-1\ncontinuity: { rto: 30m, rpo: 5m, strategy: hot-standby }\n',
    },
  });
  const { server } = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleServiceDelivery,
      mockServices.rootConfig.factory({
        data: {
          catalog: {
            rules: [{ allow: ['Component', 'Location'] }],
            locations: [
              { type: 'file', target: dir.resolve('catalog-info.yaml') },
            ],
          },
          serviceDelivery: {
            validation,
            tiers: { 'tier-1': { availability: 99.95 } },
          },
        },
      }),
    ],
  });
  return server;
}

async function getEntity(server: any, name: string) {
  const res = await request(server)
    .get(`/api/catalog/entities/by-name/component/default/${name}`)
    .set('authorization', mockCredentials.user.header());
  return res.status === 200 ? res.body : undefined;
}

async function waitFor<T>(read: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error('timed out');
}

describe('catalogModuleServiceDelivery', () => {
  it('in warn mode keeps an entity with invalid metadata in the catalog, whole', async () => {
    const server = await startCatalog('warn');
    const ledger = await waitFor(() => getEntity(server, 'ledger'));
    expect(ledger.metadata.description).toBe('Books every movement');
    expect(ledger.spec.owner).toBe('group:payments');
    expect(ledger.spec.serviceDelivery.agreements[0].type).toBe('OLO');
    expect(ledger.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/payments' },
      ]),
    );
  });

  it('emits customer and provider relations for agreements', async () => {
    const server = await startCatalog('warn');
    const checkout = await waitFor(async () => {
      const entity = await getEntity(server, 'checkout');
      return entity?.relations?.some(
        (r: { type: string }) => r.type === 'hasServiceCustomer',
      )
        ? entity
        : undefined;
    });
    expect(checkout.relations).toEqual(
      expect.arrayContaining([
        {
          type: 'hasServiceCustomer',
          targetRef: 'group:default/retail-banking',
        },
        // the provider defaults to the owner
        { type: 'hasServiceProvider', targetRef: 'group:default/payments' },
        { type: 'dependsOn', targetRef: 'resource:default/payments-db' },
      ]),
    );
  });

  it('inlines a $yaml file next to a local catalog file', async () => {
    const server = await startCatalog('warn');
    const split = await waitFor(() => getEntity(server, 'split-file'));
    expect(split.spec.serviceDelivery).toEqual({
      tier: 'tier-1',
      continuity: { rto: '30m', rpo: '5m', strategy: 'hot-standby' },
    });
  });

  it('in strict mode turns the problems into processing errors that keep the entity out', async () => {
    const server = await startCatalog('strict');
    await waitFor(() => getEntity(server, 'checkout'));
    const errors = await waitFor(async () => {
      const res = await request(server)
        .get('/api/catalog/locations')
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      const ledger = await getEntity(server, 'ledger');
      return ledger === undefined ? res.body : undefined;
    });
    expect(errors).toBeDefined();
    // valid neighbours from the same file are unaffected
    expect(await getEntity(server, 'split-file')).toBeDefined();
    // give the loop another pass: still out
    await new Promise(resolve => setTimeout(resolve, 1500));
    expect(await getEntity(server, 'ledger')).toBeUndefined();
  });
});
