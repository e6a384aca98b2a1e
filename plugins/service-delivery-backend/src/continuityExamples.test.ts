import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { loadExampleEntities } from '@service-delivery/example-data';
import {
  ContinuityResponse,
  ImpactResponse,
  failurePath,
} from '@service-delivery/plugin-service-delivery-common';
import request from 'supertest';
import { serviceDeliveryPlugin } from './plugin';

jest.setTimeout(30_000);

/*
 * The Northwind Bank examples as the catalog serves them, with the demo's tiers: what fails with the
 * shared resources, and the continuity gaps the examples are built to show (examples/README.md).
 */
const config = {
  serviceDelivery: {
    currency: 'EUR',
    tiers: {
      'tier-1': {
        availability: 99.95,
        rto: '1h',
        rpo: '15m',
        testEvery: '6mo',
      },
      'tier-2': { availability: 99.9, rto: '4h', rpo: '1h', testEvery: '1y' },
      'tier-3': { availability: 99.5, rto: '1d', rpo: '1d', testEvery: '2y' },
    },
  },
};

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      serviceDeliveryPlugin,
      mockServices.rootConfig.factory({ data: config }),
      catalogServiceMock.factory({
        entities: loadExampleEntities() as Entity[],
      }),
    ],
  });
  return server;
}

async function get<T>(
  server: Awaited<ReturnType<typeof startBackend>>,
  path: string,
): Promise<T> {
  const res = await request(server)
    .get(`/api/service-delivery/v1/entities/${path}`)
    .set('authorization', mockCredentials.user.header());
  expect(res.status).toBe(200);
  return res.body;
}

const refs = (entities: Array<{ entityRef: string }>) =>
  entities.map(e => e.entityRef).sort();

describe('continuity of the examples', () => {
  let server: Awaited<ReturnType<typeof startBackend>>;

  beforeAll(async () => {
    server = await startBackend();
  });

  it('fails with the message bus exactly what needs it without redundancy', async () => {
    const impact = await get<ImpactResponse>(
      server,
      'resource/default/message-bus/impact',
    );
    // directly: payments-api, mobile-banking-api, notifications-service; through payments-api:
    // web-banking and treasury-portal; and the systems whose entry parts those are, core-platform
    // included since nothing else in it needs the message bus
    expect(refs(impact.failsWith)).toEqual([
      'component:default/mobile-banking-api',
      'component:default/notifications-service',
      'component:default/payments-api',
      'component:default/treasury-portal',
      'component:default/web-banking',
      'system:default/core-platform',
      'system:default/digital-banking',
      'system:default/payments-processing',
    ]);
    expect(
      impact.failsWith
        .filter(f => f.depth === 1 && f.via === 'dependsOn')
        .map(f => f.entityRef)
        .sort(),
    ).toEqual([
      'component:default/mobile-banking-api',
      'component:default/notifications-service',
      'component:default/payments-api',
    ]);
    expect(
      impact.failsWith.find(
        f => f.entityRef === 'component:default/web-banking',
      ),
    ).toEqual(
      expect.objectContaining({
        tier: 'tier-1',
        tierRank: 0,
        depth: 2,
        cause: 'component:default/payments-api',
      }),
    );
    expect(
      failurePath(
        'component:default/web-banking',
        new Map(impact.failsWith.map(f => [f.entityRef, f.cause])),
      ),
    ).toEqual([
      'resource:default/message-bus',
      'component:default/payments-api',
      'component:default/web-banking',
    ]);
    expect(refs(impact.singlePointOfFailureFor)).toEqual([
      'component:default/mobile-banking-api',
      'component:default/payments-api',
      'component:default/web-banking',
      'system:default/payments-processing',
    ]);
  });

  it('fails with the cluster every containerised service, but not what runs elsewhere', async () => {
    const impact = await get<ImpactResponse>(
      server,
      'resource/default/kubernetes-cluster/impact',
    );
    const components = refs(impact.failsWith).filter(r =>
      r.startsWith('component:'),
    );
    expect(components).toEqual([
      'component:default/api-gateway',
      'component:default/card-authorisation',
      'component:default/customer-profile',
      'component:default/feature-store',
      'component:default/fraud-rules',
      'component:default/fraud-scoring',
      'component:default/identity-service',
      'component:default/mobile-banking-api',
      'component:default/notifications-service',
      'component:default/payments-api',
      'component:default/regulatory-reporting',
      'component:default/service-delivery-portal',
      'component:default/treasury-portal',
      'component:default/web-banking',
    ]);
    // both fraud-scoring alternatives run on the cluster: the redundancy group is exhausted
    expect(
      impact.failsWith.find(
        f => f.entityRef === 'component:default/fraud-scoring',
      )?.via,
    ).toBe('dependsOn');
    // databases and the data lake run outside the cluster, and so does marketing-insights
    expect(refs(impact.failsWith)).not.toContain(
      'resource:default/payments-db-eu',
    );
    expect(refs(impact.failsWith)).not.toContain('resource:default/data-lake');
    expect(refs(impact.failsWith)).not.toContain(
      'component:default/marketing-insights',
    );
  });

  it('fails nothing with one payments database: payments-api runs on the other', async () => {
    const impact = await get<ImpactResponse>(
      server,
      'resource/default/payments-db-eu/impact',
    );
    expect(impact.failsWith).toEqual([]);
    expect(impact.singlePointOfFailureFor).toEqual([]);
    expect(impact.survives).toEqual([
      {
        entityRef: 'component:default/payments-api',
        tier: 'tier-1',
        lost: ['resource:default/payments-db-eu'],
        alternatives: ['resource:default/payments-db-us'],
      },
    ]);
  });

  it('finds card-hsm a single point of failure under tier-1 card payments', async () => {
    const impact = await get<ImpactResponse>(
      server,
      'resource/default/card-hsm/impact',
    );
    expect(refs(impact.singlePointOfFailureFor)).toEqual(
      expect.arrayContaining([
        'component:default/card-authorisation',
        'component:default/payments-api',
      ]),
    );
    expect(impact.failsWith[0]).toEqual(
      expect.objectContaining({
        entityRef: 'component:default/card-authorisation',
        depth: 1,
        via: 'dependsOn',
      }),
    );
  });

  it('names the inversions of web-banking and card-authorisation', async () => {
    const web = await get<ContinuityResponse>(
      server,
      'component/default/web-banking/continuity',
    );
    expect(web.inversions.map(i => i.entityRef)).toContain(
      'component:default/customer-profile',
    );
    const card = await get<ContinuityResponse>(
      server,
      'component/default/card-authorisation/continuity',
    );
    expect(card.inversions).toEqual([
      {
        entityRef: 'resource:default/card-hsm',
        path: [
          'component:default/card-authorisation',
          'resource:default/card-hsm',
        ],
        reasons: ['rto'],
        rto: 86400,
        tier: null,
      },
    ]);
    const hsm = await get<ContinuityResponse>(
      server,
      'resource/default/card-hsm/continuity',
    );
    expect(hsm.strategy).toBe('none');
    expect(hsm.testState).toBe('never-tested');
  });
});
