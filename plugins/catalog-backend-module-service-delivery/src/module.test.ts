import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
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

type ProcessingFailure = { name: string; errors: string[] };

/** The catalog's report of each entity whose processing failed, as it makes it. */
function recordProcessingFailures(failures: ProcessingFailure[]) {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-processing-failures',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.setOnProcessingErrorHandler(
            ({ unprocessedEntity, errors }) => {
              failures.push({
                name: unprocessedEntity.metadata.name,
                errors: errors.map(error => error.message),
              });
            },
          );
        },
      });
    },
  });
}

async function startCatalog(
  validation: 'warn' | 'strict',
  failures: ProcessingFailure[] = [],
) {
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
      recordProcessingFailures(failures),
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
    const failures: ProcessingFailure[] = [];
    const server = await startCatalog('strict', failures);
    // The catalog has processed ledger and reports it failed with its problems: waited for, rather
    // than a pause guessed long enough for the processing loop to have got to it.
    const ledger = await waitFor(async () =>
      failures.find(failure => failure.name === 'ledger'),
    );
    expect(ledger.errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^component:default\/ledger: spec\.serviceDelivery\.agreements/,
        ),
      ]),
    );
    // a failed processing result is never stored: ledger stays out
    expect(await getEntity(server, 'ledger')).toBeUndefined();
    // valid neighbours from the same file are unaffected
    await waitFor(() => getEntity(server, 'checkout'));
    await waitFor(() => getEntity(server, 'split-file'));
    expect(await getEntity(server, 'ledger')).toBeUndefined();
    expect(failures.map(failure => failure.name)).not.toContain('checkout');
  });
});
