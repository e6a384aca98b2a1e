import { mockServices } from '@backstage/backend-test-utils';
import {
  CapacityRecord,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';
import { DatabaseServiceDeliveryStore } from './DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const entityRef = 'component:default/payments-api';

const sli = (
  bucketStart: string,
  overrides: Partial<SliRecord> = {},
): SliRecord => ({
  entityRef,
  source: 'prometheus',
  objective: 'success-rate',
  bucketStart,
  bucketSeconds: 3600,
  good: 99,
  total: 100,
  ...overrides,
});

const sample = (
  at: string,
  overrides: Partial<CapacityRecord> = {},
): CapacityRecord => ({
  entityRef,
  source: 'prometheus',
  resource: 'storage',
  at,
  used: 512,
  ...overrides,
});

describe.each(databases.eachSupportedId())(
  'the latest stored records on %p',
  databaseId => {
    let store: DatabaseServiceDeliveryStore;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.ingest('sli', [
        sli('2026-10-01T02:00:00.000Z'),
        sli('2026-10-01T00:00:00.000Z'),
        sli('2026-10-01T05:00:00.000Z', { source: 'manual' }),
        sli('2026-10-01T09:00:00.000Z', { objective: 'checkout-latency' }),
        sli('2026-10-01T09:00:00.000Z', {
          entityRef: 'component:default/ledger',
        }),
      ]);
      await store.ingest('capacity', [
        sample('2026-10-01T00:00:00.000Z'),
        sample('2026-10-02T00:00:00.000Z', { used: 600, capacity: 4096 }),
        sample('2026-10-03T00:00:00.000Z', { resource: 'cpu' }),
      ]);
    });

    it('finds the SLI bucket that starts last, of any source or of one', async () => {
      expect(
        await store.latestSliBucket({ entityRef, objective: 'success-rate' }),
      ).toEqual(sli('2026-10-01T05:00:00.000Z', { source: 'manual' }));
      expect(
        await store.latestSliBucket({
          entityRef,
          objective: 'success-rate',
          source: 'prometheus',
        }),
      ).toEqual(sli('2026-10-01T02:00:00.000Z'));
    });

    it('finds nothing for an objective without buckets', async () => {
      expect(
        await store.latestSliBucket({ entityRef, objective: 'availability' }),
      ).toBeUndefined();
      expect(
        await store.latestSliBucket({
          entityRef,
          objective: 'success-rate',
          source: 'datadog',
        }),
      ).toBeUndefined();
    });

    it('finds the capacity sample taken last', async () => {
      expect(
        await store.latestCapacitySample({ entityRef, resource: 'storage' }),
      ).toEqual(
        sample('2026-10-02T00:00:00.000Z', { used: 600, capacity: 4096 }),
      );
      expect(
        await store.latestCapacitySample({
          entityRef,
          resource: 'memory',
          source: 'prometheus',
        }),
      ).toBeUndefined();
    });
  },
);
