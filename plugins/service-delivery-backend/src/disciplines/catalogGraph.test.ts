import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

/** Who a catalog request was made for. */
const principalOf = (options: unknown) =>
  (options as { credentials: { principal: Record<string, unknown> } })
    .credentials.principal as { type: string; userEntityRef?: string };

describe('CatalogGraph with the plugin\'s own credentials', () => {
  const entities = [
    component('web', { dependsOn: ['component:api'] }),
    component('api', { dependsOn: ['resource:db'] }),
    {
      ...component('db'),
      kind: 'Resource',
      relations: [{ type: 'dependsOn', targetRef: 'resource:default/disk' }],
    },
    { ...component('disk'), kind: 'Resource' },
  ];
  /** carol may read everything, dave only the api and the db, erin nothing */
  function setUp(now?: () => number) {
    const catalog = catalogServiceMock({ entities });
    const readable: Record<string, string[]> = {
      'user:default/dave': ['component:default/api', 'resource:default/db'],
    };
    const inner = catalog.queryEntities.bind(catalog);
    const query = jest
      .spyOn(catalog, 'queryEntities')
      .mockImplementation(async (request, options) => {
        const answer = await inner(request, options);
        const user = principalOf(options).userEntityRef;
        const refs = user ? readable[user] : undefined;
        const items = refs
          ? answer.items.filter(e =>
              refs.includes(
                `${e.kind.toLocaleLowerCase('en-US')}:default/${e.metadata.name}`,
              ),
            )
          : answer.items;
        return { ...answer, items };
      });
    const decide = jest.fn(async (_requests: unknown, options: any) => {
      const user = options.credentials.principal.userEntityRef;
      if (user === 'user:default/dave') {
        return [
          {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'catalog',
            resourceType: 'catalog-entity',
            conditions: { rule: 'IS_ENTITY_OWNER', params: { claims: [] } },
          },
        ];
      }
      return [
        {
          result:
            user === 'user:default/erin'
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        },
      ];
    });
    const graph = new CatalogGraph({
      catalog,
      auth: mockServices.auth(),
      permissions: { authorizeConditional: decide as any },
      now,
    });
    return { graph, query };
  }
  const user = (name: string) => mockCredentials.user(`user:default/${name}`);

  it('reads the catalog once for every caller who may read all of it, and shares that snapshot', async () => {
    const { graph, query } = setUp();
    const carol = await graph.snapshot(user('carol'));
    const frank = await graph.snapshot(user('frank'));
    expect(frank).toBe(carol);
    expect(carol.entities.size).toBe(4);
    // read with the plugin's credentials, not a user's
    expect(query).toHaveBeenCalledTimes(1);
    expect(principalOf(query.mock.calls[0][1])).toMatchObject({
      type: 'service',
    });
  });

  it("gives a caller who may read some entities the shared snapshot's part of them", async () => {
    const { graph, query } = setUp();
    const carol = await graph.snapshot(user('carol'));
    const dave = await graph.snapshot(user('dave'));
    expect([...dave.entities.keys()].sort()).toEqual([
      'component:default/api',
      'resource:default/db',
    ]);
    // the same entities, not copies
    expect(dave.entities.get('resource:default/db')).toBe(
      carol.entities.get('resource:default/db'),
    );
    // its failure impact is worked out over what dave may read: web is not his to see
    expect(
      failureImpact(dave.impactIndex(), 'resource:default/db').failsWith.map(
        f => f.ref,
      ),
    ).toEqual(['component:default/api']);
    expect(
      failureImpact(carol.impactIndex(), 'resource:default/db').failsWith.map(
        f => f.ref,
      ),
    ).toEqual(['component:default/api', 'component:default/web']);
    // the shared read, and dave's references only
    expect(query).toHaveBeenCalledTimes(2);
    expect(query.mock.calls[1][0]).toMatchObject({
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    });
  });

  it('keeps a caller on the shared snapshot no longer than the snapshot is fresh', async () => {
    let now = 1_000_000;
    const { graph, query } = setUp(() => now);
    const first = await graph.snapshot(user('carol'));
    now += 50_000;
    // frank is given the snapshot read 50 s ago
    expect(await graph.snapshot(user('frank'))).toBe(first);
    expect(graph.loaded(user('frank'))).toBe(first);
    now += 11_000;
    // a minute after it was read, not after frank asked: read again
    expect(graph.loaded(user('frank'))).toBeUndefined();
    const second = await graph.snapshot(user('frank'));
    expect(second).not.toBe(first);
    expect(second.loadedAt).toBe(now);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('gives a caller the catalog denies an empty snapshot without reading it', async () => {
    const { graph, query } = setUp();
    expect((await graph.snapshot(user('erin'))).entities.size).toBe(0);
    expect(query).not.toHaveBeenCalled();
  });

  it('keeps no relations, but the edges read from them, and the root keeps them in its closure', async () => {
    const { graph } = setUp();
    const snapshot = await graph.snapshot(user('carol'));
    const db = snapshot.entities.get('resource:default/db')!;
    expect(db.entity.relations).toBeUndefined();
    expect(db.dependsOn).toEqual(['resource:default/disk']);
    const closure = snapshot.closure(db.entity);
    expect([...closure.entities.keys()]).toEqual([
      'resource:default/db',
      'resource:default/disk',
    ]);
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
