import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  catalogSeenThrough,
  testPermissions,
} from '../__testUtils__/entityPolicy';
import { CallerScopes } from './callerScope';

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { owner },
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
    const renewed = await scopes.forCaller(ALICE, candidates);
    expect(renewed).not.toBe(first);
    expect(renewed.readable).toEqual(first.readable);

    // too old to use: waited for
    now = 10_000;
    const fresh = await scopes.forCaller(ALICE, candidates);
    expect(fresh).not.toBe(renewed);
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
