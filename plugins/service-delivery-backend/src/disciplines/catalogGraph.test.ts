import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { failureImpact } from '@service-delivery/plugin-service-delivery-common';
import {
  CatalogGraph,
  CatalogGraphSnapshot,
  graphEntity,
} from './catalogGraph';

function component(name: string, spec: Record<string, unknown> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: { type: 'service', owner: 'group:a', ...spec },
  };
}

describe('graphEntity', () => {
  it('reads dependsOn, redundancy and wholes from the spec and from relations', () => {
    const node = graphEntity({
      ...component('Payments', {
        system: 'checkout',
        subcomponentOf: 'platform-api',
        dependsOn: ['resource:db-eu', 'resource:db-us', 'Component:Payments'],
        serviceDelivery: {
          tier: 'tier-1',
          redundancy: [{ anyOf: ['resource:db-eu', 'resource:db-us'] }],
        },
      }),
      relations: [
        { type: 'dependsOn', targetRef: 'resource:default/queue' },
        { type: 'partOf', targetRef: 'system:default/checkout' },
        { type: 'partOf', targetRef: 'domain:default/banking' },
        { type: 'ownedBy', targetRef: 'group:default/a' },
      ],
    });
    expect(node).toEqual(
      expect.objectContaining({
        ref: 'component:default/payments',
        kind: 'Component',
        tier: 'tier-1',
        // its own reference is dropped
        dependsOn: [
          'resource:default/db-eu',
          'resource:default/db-us',
          'resource:default/queue',
        ],
        redundancy: [['resource:default/db-eu', 'resource:default/db-us']],
        // a domain is no whole that fails
        partOf: ['system:default/checkout', 'component:default/platform-api'],
      }),
    );
  });
});

describe('CatalogGraph', () => {
  const entities = [
    component('web', { dependsOn: ['component:api'] }),
    component('api', { dependsOn: ['resource:db'] }),
    { ...component('db'), kind: 'Resource' },
    { ...component('team'), kind: 'Group' },
  ];

  it('loads every component, resource and system page by page', async () => {
    const catalog = catalogServiceMock({ entities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const graph = new CatalogGraph({ catalog, pageSize: 2 });
    const snapshot = await graph.snapshot(mockCredentials.user());
    expect([...snapshot.entities.keys()].sort()).toEqual([
      'component:default/api',
      'component:default/web',
      'resource:default/db',
    ]);
    expect(query).toHaveBeenCalledTimes(2);
    expect(
      failureImpact(
        snapshot.impactIndex(),
        'resource:default/db',
      ).failsWith.map(f => f.ref),
    ).toEqual(['component:default/api', 'component:default/web']);
  });

  it('reuses a snapshot per caller for the time to live, then reloads', async () => {
    let now = 1_000_000;
    const catalog = catalogServiceMock({ entities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const graph = new CatalogGraph({ catalog, ttlMs: 60_000, now: () => now });

    const alice = mockCredentials.user('user:default/alice');
    const first = graph.snapshot(alice);
    // concurrent requests share one load
    expect(graph.snapshot(alice)).toBe(first);
    await first;
    now += 59_000;
    expect(await graph.snapshot(alice)).toBe(await first);
    expect(query).toHaveBeenCalledTimes(1);

    // another caller may see another catalog
    await graph.snapshot(mockCredentials.user('user:default/bob'));
    expect(query).toHaveBeenCalledTimes(2);

    now += 2_000;
    const later = await graph.snapshot(alice);
    expect(later).not.toBe(await first);
    expect(later.loadedAt).toBe(now);
    expect(query).toHaveBeenCalledTimes(3);
  });

  it('answers a loaded snapshot without starting a load, and only while it is fresh', async () => {
    let now = 1_000_000;
    const catalog = catalogServiceMock({ entities });
    const query = jest.spyOn(catalog, 'queryEntities');
    const graph = new CatalogGraph({ catalog, ttlMs: 60_000, now: () => now });
    const alice = mockCredentials.user('user:default/alice');

    expect(graph.loaded(alice)).toBeUndefined();
    expect(query).not.toHaveBeenCalled();
    const loading = graph.snapshot(alice);
    // still loading: a caller that cannot wait reads the catalog instead
    expect(graph.loaded(alice)).toBeUndefined();
    const snapshot = await loading;
    expect(graph.loaded(alice)).toBe(snapshot);
    expect(
      graph.loaded(mockCredentials.user('user:default/bob')),
    ).toBeUndefined();
    now += 60_000;
    expect(graph.loaded(alice)).toBeUndefined();
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failed load', async () => {
    const catalog = catalogServiceMock({ entities });
    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValueOnce(new Error('catalog unavailable'));
    const graph = new CatalogGraph({ catalog });
    await expect(graph.snapshot(mockCredentials.user())).rejects.toThrow(
      'catalog unavailable',
    );
    const snapshot = await graph.snapshot(mockCredentials.user());
    expect(snapshot.entities.size).toBe(3);
  });
});

describe('CatalogGraphSnapshot.keep', () => {
  it('works an answer out once per entity and kind, keeping at most the given number', () => {
    const snapshot = new CatalogGraphSnapshot(new Map(), 0);
    let worked = 0;
    const answer = (kind: string, ref: string) =>
      snapshot.keep(kind, ref, 2, () => {
        worked += 1;
        return `${kind} of ${ref} #${worked}`;
      });
    expect(answer('impact', 'a')).toBe('impact of a #1');
    expect(answer('impact', 'a')).toBe('impact of a #1');
    expect(answer('cost', 'a')).toBe('cost of a #2');
    expect(answer('impact', 'b')).toBe('impact of b #3');
    // a third entity of one kind forgets the oldest of that kind only
    expect(answer('impact', 'c')).toBe('impact of c #4');
    expect(answer('impact', 'b')).toBe('impact of b #3');
    expect(answer('cost', 'a')).toBe('cost of a #2');
    expect(answer('impact', 'a')).toBe('impact of a #5');
  });
});
