import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { KnownEntityCache, knownEntities } from './knownEntities';

/** A catalog of the given entities (by ref → uid) that records what it is asked. */
function fakeCatalog(
  entities: Map<string, string>,
): Pick<CatalogService, 'getEntitiesByRefs'> & { asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    async getEntitiesByRefs(request) {
      asked.push([...request.entityRefs]);
      return {
        items: request.entityRefs.map((ref): Entity | undefined => {
          const uid = entities.get(ref);
          if (uid === undefined) return undefined;
          const { kind, name } = parseEntityRef(ref);
          return {
            apiVersion: 'backstage.io/v1alpha1',
            kind,
            metadata: { name, uid },
          };
        }),
      };
    },
  };
}

const payments = 'component:default/payments-api';
const ledger = 'component:default/ledger';

describe('knownEntities with a cache', () => {
  let now: number;
  let cache: KnownEntityCache;
  beforeEach(() => {
    now = Date.parse('2026-12-04T12:00:00Z');
    cache = new KnownEntityCache({ ttlMs: 15_000, now: () => now });
  });

  it('asks the catalog once for what one caller sends again within the time to live', async () => {
    const catalog = fakeCatalog(new Map([[payments, 'uid-1']]));
    const credentials = mockCredentials.service('tool');
    const batch = [{ entityRef: payments }, { entityRef: payments }];
    const first = await knownEntities({
      catalog,
      records: batch,
      credentials,
      cache,
    });
    now += 14_999;
    const second = await knownEntities({
      catalog,
      records: batch,
      credentials,
      cache,
    });
    expect(catalog.asked).toEqual([[payments]]);
    expect(second.uids).toEqual(new Map([[payments, 'uid-1']]));
    expect(second).toEqual(first);
    // a batch sent at the end of the time to live does not extend it
    now += 1;
    await knownEntities({ catalog, records: batch, credentials, cache });
    expect(catalog.asked).toEqual([[payments], [payments]]);
  });

  it('keeps each caller apart', async () => {
    const catalog = fakeCatalog(new Map([[payments, 'uid-1']]));
    const records = [{ entityRef: payments }];
    await knownEntities({
      catalog,
      records,
      credentials: mockCredentials.service('tool'),
      cache,
    });
    await knownEntities({
      catalog,
      records,
      credentials: mockCredentials.user(),
      cache,
    });
    expect(catalog.asked).toEqual([[payments], [payments]]);
  });

  it('asks again every time for an entity the catalog did not know, and only for it', async () => {
    const entities = new Map([[payments, 'uid-1']]);
    const catalog = fakeCatalog(entities);
    const credentials = mockCredentials.service('tool');
    const records = [{ entityRef: payments }, { entityRef: ledger }];
    const before = await knownEntities({
      catalog,
      records,
      credentials,
      cache,
    });
    expect(before.problems).toEqual([
      expect.objectContaining({ index: 1, path: 'entityRef' }),
    ]);
    entities.set(ledger, 'uid-2');
    const after = await knownEntities({ catalog, records, credentials, cache });
    expect(after.problems).toEqual([]);
    expect(after.uids).toEqual(
      new Map([
        [payments, 'uid-1'],
        [ledger, 'uid-2'],
      ]),
    );
    expect(catalog.asked).toEqual([[payments, ledger], [ledger]]);
  });

  it('sees an entity the catalog dropped, or another under its name, once the time to live is over', async () => {
    const entities = new Map([[payments, 'uid-1']]);
    const catalog = fakeCatalog(entities);
    const credentials = mockCredentials.service('tool');
    const records = [{ entityRef: payments }];
    await knownEntities({ catalog, records, credentials, cache });
    entities.set(payments, 'uid-2');
    now += 5_000;
    expect(
      (await knownEntities({ catalog, records, credentials, cache })).uids.get(
        payments,
      ),
    ).toBe('uid-1');
    now += 10_000;
    expect(
      (await knownEntities({ catalog, records, credentials, cache })).uids.get(
        payments,
      ),
    ).toBe('uid-2');
    entities.delete(payments);
    now += 15_000;
    const gone = await knownEntities({ catalog, records, credentials, cache });
    expect(gone.problems).toHaveLength(1);
    expect(gone.unknownToCatalog).toEqual(new Set([payments]));
  });

  it('forgets the oldest entries beyond its size', async () => {
    const small = new KnownEntityCache({ maxEntries: 1, now: () => now });
    const catalog = fakeCatalog(
      new Map([
        [payments, 'uid-1'],
        [ledger, 'uid-2'],
      ]),
    );
    const credentials = mockCredentials.service('tool');
    await knownEntities({
      catalog,
      records: [{ entityRef: payments }],
      credentials,
      cache: small,
    });
    await knownEntities({
      catalog,
      records: [{ entityRef: ledger }],
      credentials,
      cache: small,
    });
    await knownEntities({
      catalog,
      records: [{ entityRef: payments }],
      credentials,
      cache: small,
    });
    expect(catalog.asked).toEqual([[payments], [ledger], [payments]]);
  });
});
