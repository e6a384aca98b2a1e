import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  catalogSeenThrough,
  testPermissions,
} from '../__testUtils__/entityPolicy';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CallerScopes,
  catalogFiltersOf,
  costReadCheck,
  mayReadCostOf,
} from './callerScope';

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { owner },
  relations: [{ type: 'ownedBy', targetRef: owner.replace(':', ':default/') }],
});

const entities = [
  ...Array.from({ length: 5 }, (_, i) => component(`a${i}`, 'group:a')),
  ...Array.from({ length: 3 }, (_, i) => component(`b${i}`, 'group:b')),
];
const ownerOf = (ref: string) =>
  ref.startsWith('component:default/a') ? 'a' : 'b';
const ALICE = mockCredentials.user('user:default/alice');

function setup(options: { now: () => number; readOwnOnly?: boolean }) {
  const readA = (_user: string, ref: string) => ownerOf(ref) === 'a';
  const { permissions, calls } = testPermissions({
    'catalog.entity.read': options.readOwnOnly ? readA : 'allow',
    'service-delivery.cost.read': (_user, ref) => ref.endsWith('0'),
  });
  const catalog = catalogSeenThrough(catalogServiceMock({ entities }), readA);
  const query = jest.spyOn(catalog, 'queryEntities');
  const scopes = new CallerScopes({
    permissions,
    catalog,
    now: options.now,
    ttlMs: 1000,
    pageSize: 2,
  });
  const candidates = async () =>
    entities.map(e => `component:default/${e.metadata.name}`);
  return { scopes, calls, query, candidates };
}

describe('CallerScopes', () => {
  it('reads a conditional decision as the entities the catalog returns to the caller, page by page, by reference only', async () => {
    const { scopes, query, candidates } = setup({
      now: () => 0,
      readOwnOnly: true,
    });
    const scope = await scopes.forCaller(ALICE, candidates);
    expect(scope.readable).toEqual(
      new Set([0, 1, 2, 3, 4].map(i => `component:default/a${i}`)),
    );
    expect(query.mock.calls.length).toBeGreaterThan(1);
    for (const [request] of query.mock.calls) {
      expect((request as { fields?: string[] }).fields).toEqual([
        'kind',
        'metadata.namespace',
        'metadata.name',
      ]);
    }
    // cost: of the readable entities, those the policy allows one by one
    expect(scope.canReadCost('component:default/a0')).toBe(true);
    expect(scope.canReadCost('component:default/a1')).toBe(false);
    expect(scope.canReadCost('component:default/b0')).toBe(false);
    expect(scope.costVisible).toBe(true);
  });

  it('reads nothing from the catalog when reading is allowed', async () => {
    const { scopes, query, candidates } = setup({ now: () => 0 });
    const scope = await scopes.forCaller(ALICE, candidates);
    expect(scope.readable).toBe('all');
    expect(query).not.toHaveBeenCalled();
    expect(scope.canReadCost('component:default/b0')).toBe(true);
  });

  it('keeps a scope for a while, answers with it while renewing it, then uses the renewed one', async () => {
    let now = 0;
    const { scopes, calls, candidates } = setup({
      now: () => now,
      readOwnOnly: true,
    });
    const first = await scopes.forCaller(ALICE, candidates);
    const asked = calls.length;
    now = 999;
    expect(await scopes.forCaller(ALICE, candidates)).toBe(first);
    expect(calls.length).toBe(asked);

    now = 1500;
    // stale: answered at once with the kept scope, a new one worked out behind it
    expect(await scopes.forCaller(ALICE, candidates)).toBe(first);
    await new Promise(resolve => setImmediate(resolve));
    await new Promise(resolve => setTimeout(resolve, 10));
    expect(calls.length).toBeGreaterThan(asked);
    // nothing changed: the renewed scope is the same object, so views made from it are kept
    const renewed = await scopes.forCaller(ALICE, candidates);
    expect(renewed).toBe(first);
    expect(calls.length).toBeGreaterThan(asked);
  });

  it('makes a new scope when the decisions changed', async () => {
    let now = 0;
    let allowed = 'a0';
    const { permissions } = testPermissions({
      'service-delivery.cost.read': (_user, ref) => ref.endsWith(allowed),
    });
    const scopes = new CallerScopes({
      permissions,
      catalog: catalogServiceMock({ entities }),
      now: () => now,
      ttlMs: 1000,
    });
    const candidates = async () =>
      entities.map(e => `component:default/${e.metadata.name}`);
    const first = await scopes.forCaller(ALICE, candidates);
    expect(first.canReadCost('component:default/a0')).toBe(true);
    allowed = 'b1';
    now = 5000;
    const next = await scopes.forCaller(ALICE, candidates);
    expect(next).not.toBe(first);
    expect(next.canReadCost('component:default/a0')).toBe(false);
    expect(next.canReadCost('component:default/b1')).toBe(true);
  });

  it('keeps one scope per caller', async () => {
    const { scopes, candidates } = setup({ now: () => 0, readOwnOnly: true });
    const alice = await scopes.forCaller(ALICE, candidates);
    const bob = await scopes.forCaller(
      mockCredentials.user('user:default/bob'),
      candidates,
    );
    expect(bob).not.toBe(alice);
    expect(await scopes.forCaller(ALICE, candidates)).toBe(alice);
  });
});

const owner = (claims: string[]) => ({
  rule: 'IS_ENTITY_OWNER',
  resourceType: 'catalog-entity',
  params: { claims },
});
const conditional = (conditions: any) => ({
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'catalog',
  resourceType: 'catalog-entity',
  conditions,
});

describe('catalogFiltersOf', () => {
  it("turns the catalog's owner and kind rules into the filters the catalog applies", () => {
    expect(catalogFiltersOf(conditional(owner(['group:default/a'])))).toEqual([
      { 'relations.ownedBy': ['group:default/a'] },
    ]);
    expect(
      catalogFiltersOf(
        conditional({
          anyOf: [
            owner(['group:default/a']),
            {
              allOf: [
                owner(['group:default/b']),
                {
                  rule: 'IS_ENTITY_KIND',
                  resourceType: 'catalog-entity',
                  params: { kinds: ['Resource'] },
                },
              ],
            },
          ],
        }),
      ),
    ).toEqual([
      { 'relations.ownedBy': ['group:default/a'] },
      { 'relations.ownedBy': ['group:default/b'], kind: ['Resource'] },
    ]);
    // no claims: nothing matches
    expect(catalogFiltersOf(conditional(owner([])))).toEqual([]);
  });

  it('leaves anything else to be checked entity by entity', () => {
    expect(
      catalogFiltersOf(conditional({ not: owner(['group:default/a']) })),
    ).toBeUndefined();
    expect(
      catalogFiltersOf(
        conditional({
          rule: 'HAS_LABEL',
          resourceType: 'catalog-entity',
          params: { label: 'x' },
        }),
      ),
    ).toBeUndefined();
    expect(
      catalogFiltersOf({
        ...conditional(owner(['group:default/a'])),
        pluginId: 'elsewhere',
      }),
    ).toBeUndefined();
    expect(catalogFiltersOf({ result: AuthorizeResult.ALLOW })).toBeUndefined();
  });
});

describe('cost read as a catalog condition', () => {
  it('asks the catalog for the owned entities in one query, and the policy about none of them', async () => {
    const authorize = jest.fn();
    const permissions = {
      authorize,
      authorizeConditional: async (requests: any[]) =>
        requests.map(r =>
          r.permission.name === 'service-delivery.cost.read'
            ? conditional(owner(['group:default/b']))
            : { result: AuthorizeResult.ALLOW },
        ),
    } as unknown as PermissionsService;
    const catalog = catalogServiceMock({ entities });
    const scopes = new CallerScopes({ permissions, catalog, now: () => 0 });
    const scope = await scopes.forCaller(ALICE, async () =>
      entities.map(e => `component:default/${e.metadata.name}`),
    );
    expect(scope.readable).toBe('all');
    expect(scope.costReadable).toEqual(
      new Set([0, 1, 2].map(i => `component:default/b${i}`)),
    );
    expect(authorize).not.toHaveBeenCalled();
  });
});

describe('costReadCheck', () => {
  it('asks the policy once per request when it allows every entity', async () => {
    const { permissions, calls } = testPermissions({
      'service-delivery.cost.read': 'allow',
    });
    const check = costReadCheck(permissions, ALICE);
    expect(await check(['component:default/a0'])).toBe('all');
    expect(await check([])).toBe('all');
    expect(await check(['component:default/b1', 'component:default/b2'])).toBe(
      'all',
    );
    expect(calls).toEqual([
      { conditional: true, names: ['service-delivery.cost.read'] },
    ]);
  });

  it('asks the policy at once with askNow, and keeps a failure for the first check', async () => {
    const { permissions, calls } = testPermissions({
      'service-delivery.cost.read': 'allow',
    });
    const check = costReadCheck(permissions, ALICE, { askNow: true });
    expect(calls).toHaveLength(1);
    expect(await check(['component:default/a0'])).toBe('all');
    expect(calls).toHaveLength(1);
    costReadCheck(permissions, ALICE); // without askNow: nothing asked before a check
    expect(calls).toHaveLength(1);

    const failing = {
      ...permissions,
      authorizeConditional: jest.fn(async () => {
        throw new Error('policy unreachable');
      }),
    } as typeof permissions;
    const failed = costReadCheck(failing, ALICE, { askNow: true });
    await new Promise(resolve => setImmediate(resolve));
    await expect(failed(['component:default/a0'])).rejects.toThrow(
      'policy unreachable',
    );
  });

  it('decides entity by entity under a conditional answer, and asks nothing about no entity', async () => {
    const { permissions, calls } = testPermissions({
      'service-delivery.cost.read': (_user, ref) => ref.endsWith('0'),
    });
    const check = costReadCheck(permissions, ALICE);
    expect(await check([])).toEqual(new Set());
    expect(
      await check(['component:default/a0', 'component:default/a1']),
    ).toEqual(new Set(['component:default/a0']));
    expect(await mayReadCostOf(check, 'Component:default/b0')).toBe(true);
    expect(await mayReadCostOf(check, 'component:default/b1')).toBe(false);
    expect(calls.filter(c => c.conditional)).toHaveLength(1);
    expect(calls.filter(c => !c.conditional)).toHaveLength(3);
  });
});
