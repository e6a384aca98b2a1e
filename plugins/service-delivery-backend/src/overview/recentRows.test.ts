import { Entity } from '@backstage/catalog-model';
import { CatalogSnapshot } from './catalogSnapshot';
import { RecentRows } from './recentRows';

const MINUTE = 60_000;
// Tuesday 1 December 2026, 22:50 UTC: 23:50 in Berlin, ten minutes before its midnight
const T0 = Date.parse('2026-12-01T22:50:00Z');

function service(
  name: string,
  spec: Record<string, unknown> = {},
  timezone = 'UTC',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/payments',
      system: 'system:default/banking',
      serviceDelivery: { serviceHours: { timezone } },
      ...spec,
    },
  };
}

const group = (name: string, parent?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', ...(parent ? { parent } : {}) },
});

const system = (name: string, domain: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name, namespace: 'default' },
  spec: { owner: 'group:default/payments', domain },
});

function catalog(changes: Record<string, Entity | null> = {}): Entity[] {
  const base: Record<string, Entity> = {
    api: service('api', { dependsOn: ['component:default/db'] }),
    db: service('db'),
    website: service('website', { dependsOn: ['component:default/api'] }),
    berlin: service('berlin', {}, 'Europe/Berlin'),
    lonely: service('lonely', { owner: 'group:default/data' }),
    payments: group('payments', 'group:default/technology'),
    data: group('data'),
    technology: group('technology'),
    banking: system('banking', 'domain:default/retail'),
  };
  const merged = { ...base, ...changes };
  return Object.values(merged).filter((e): e is Entity => e !== null);
}

/** The names of the rows a full refresh of this catalog at `at` computes. */
function toCompute(recent: RecentRows, entities: Entity[], at: number) {
  const snapshot = new CatalogSnapshot(entities, at);
  return recent
    .toCompute(snapshot, snapshot.declaring())
    .map(e => e.metadata.name)
    .sort();
}

/** A full refresh at `at` that computes what it must and remembers it. */
function fullRefresh(recent: RecentRows, entities: Entity[], at: number) {
  const snapshot = new CatalogSnapshot(entities, at);
  const computed = recent.toCompute(snapshot, snapshot.declaring());
  recent.computed(snapshot, computed);
  return computed.map(e => e.metadata.name).sort();
}

const EVERY_SERVICE = ['api', 'berlin', 'db', 'lonely', 'website'];

/** Rows kept for 5 minutes, every one computed at T0 by a full refresh. */
function primed() {
  const recent = new RecentRows(5 * MINUTE);
  fullRefresh(recent, catalog(), T0);
  return recent;
}

describe('RecentRows', () => {
  it('computes every row at the first full refresh, and none a minute later when nothing changed', () => {
    const recent = new RecentRows(5 * MINUTE);
    expect(fullRefresh(recent, catalog(), T0 - 30 * MINUTE)).toEqual(
      EVERY_SERVICE,
    );
    // computed 30 minutes ago: older than 5 minutes
    expect(fullRefresh(recent, catalog(), T0)).toEqual(EVERY_SERVICE);
    expect(toCompute(recent, catalog(), T0 + MINUTE)).toEqual([]);
  });

  it('keeps rows an ingest computed since, and computes the others', () => {
    const recent = new RecentRows(5 * MINUTE);
    fullRefresh(recent, catalog(), T0 - 10 * MINUTE);
    // after an ingest, 2 minutes ago, the database and its dependant were computed again
    const ingestSnapshot = new CatalogSnapshot(catalog(), T0 - 2 * MINUTE);
    recent.computed(
      ingestSnapshot,
      ['db', 'api'].map(
        name => ingestSnapshot.get(`component:default/${name}`)!,
      ),
    );
    expect(toCompute(recent, catalog(), T0)).toEqual([
      'berlin',
      'lonely',
      'website',
    ]);
  });

  it('computes a row again at the local midnight of its service, whatever its age', () => {
    const recent = new RecentRows(5 * MINUTE);
    fullRefresh(recent, catalog(), T0 - 30 * MINUTE);
    fullRefresh(recent, catalog(), T0 + 8 * MINUTE); // 23:58 in Berlin
    // 23:01 UTC: a new day (and month) in Berlin, not yet in UTC
    expect(toCompute(recent, catalog(), T0 + 11 * MINUTE)).toEqual(['berlin']);
  });

  it('computes a row whose dependency changed in the catalog, directly or further down', () => {
    const recent = primed();
    const changed = catalog({
      db: service('db', {
        serviceDelivery: { serviceHours: { timezone: 'UTC' }, tier: 'tier-1' },
      }),
    });
    expect(fullRefresh(recent, changed, T0 + MINUTE)).toEqual([
      'api',
      'db',
      'website',
    ]);
    // the next full refresh compares with what this one saw
    expect(toCompute(recent, changed, T0 + 2 * MINUTE)).toEqual([]);
  });

  it('computes the dependants of an entity that left the catalog', () => {
    const recent = primed();
    expect(toCompute(recent, catalog({ db: null }), T0 + MINUTE)).toEqual([
      'api',
      'website',
    ]);
  });

  it('computes the rows placed by a group, system or domain that changed', () => {
    // technology is above payments, which owns every service but lonely
    expect(
      toCompute(
        primed(),
        catalog({ technology: group('technology', 'group:default/board') }),
        T0 + MINUTE,
      ),
    ).toEqual(['api', 'berlin', 'db', 'website']);
    // the system moves to another domain
    expect(
      toCompute(
        primed(),
        catalog({ banking: system('banking', 'domain:default/wholesale') }),
        T0 + MINUTE,
      ),
    ).toEqual(EVERY_SERVICE);
    // a group nobody belongs to
    expect(
      toCompute(primed(), catalog({ other: group('other') }), T0 + MINUTE),
    ).toEqual([]);
  });

  it('keeps the rows computed after the catalog came in, though the last full refresh saw it empty', () => {
    const recent = new RecentRows(5 * MINUTE);
    // the backend starts before its catalog is in: the first full refresh finds nothing
    expect(fullRefresh(recent, [], T0 - 4 * MINUTE)).toEqual([]);
    // the refresh after the first ingests reads the whole catalog and computes every row
    const ingestSnapshot = new CatalogSnapshot(catalog(), T0 - 2 * MINUTE);
    recent.computed(ingestSnapshot, ingestSnapshot.declaring());
    expect(toCompute(recent, catalog(), T0)).toEqual([]);
  });

  it('computes a row whose dependency changed after it was computed, though a refresh after an ingest saw the change first', () => {
    const recent = primed();
    const changed = catalog({
      db: service('db', {
        serviceDelivery: { serviceHours: { timezone: 'UTC' }, tier: 'tier-1' },
      }),
    });
    // an ingest for lonely: its refresh reads the catalog with the database changed
    const ingestSnapshot = new CatalogSnapshot(changed, T0 + MINUTE);
    recent.computed(ingestSnapshot, [
      ingestSnapshot.get('component:default/lonely')!,
    ]);
    // the full refresh's own read shows nothing new since, yet the database and its dependants
    // were computed before the change
    expect(fullRefresh(recent, changed, T0 + 2 * MINUTE)).toEqual([
      'api',
      'db',
      'website',
    ]);
    expect(toCompute(recent, changed, T0 + 3 * MINUTE)).toEqual([]);
  });

  it('computes every row each time when rows are not reused', () => {
    const recent = new RecentRows(0);
    fullRefresh(recent, catalog(), T0);
    expect(toCompute(recent, catalog(), T0 + 1)).toEqual(EVERY_SERVICE);
  });
});
