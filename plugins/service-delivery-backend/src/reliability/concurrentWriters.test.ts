import { mockServices } from '@backstage/backend-test-utils';
import { CostRecord } from '@service-delivery/plugin-service-delivery-common';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(240_000);

const databases = createTestDatabases();

const WRITERS = 8;
const BATCHES_PER_WRITER = 1000;
const RECORDS_PER_BATCH = 5;
const DISTINCT_IDS = 500;

/** The value every writer sends for an id, so the final state is known whatever the order. */
const amountOf = (n: number) => (n % 97) + 0.25;

function batchFor(writer: number, batch: number): CostRecord[] {
  return Array.from({ length: RECORDS_PER_BATCH }, (_, k) => {
    // writers walk the ids at different strides, so batches overlap across writers
    const n = (writer * 37 + batch * (writer + 1) * 7 + k * 101) % DISTINCT_IDS;
    return {
      id: `cost-${n}`,
      source: 'finance',
      entityRef: `component:default/service-${n % 25}`,
      periodStart: '2026-10',
      category: 'compute',
      amount: amountOf(n),
      currency: 'EUR',
    };
  });
}

describe.each(databases.eachSupportedId())(
  'concurrent writers on %p',
  databaseId => {
    it(`${WRITERS} writers × ${BATCHES_PER_WRITER} batches with overlapping ids leave exact figures`, async () => {
      const knex = await databases.init(databaseId);
      const store = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });

      const sent = new Set<number>();
      const outcomes = await Promise.all(
        Array.from({ length: WRITERS }, async (_, writer) => {
          let stored = 0;
          for (let batch = 0; batch < BATCHES_PER_WRITER; batch++) {
            const records = batchFor(writer, batch);
            records.forEach(r => sent.add(Number(r.id.slice(5))));
            const outcome = await store.ingest('costs', records);
            stored += outcome.accepted + outcome.updated + outcome.unchanged;
          }
          return stored;
        }),
      );

      expect(outcomes.reduce((a, b) => a + b, 0)).toBe(
        WRITERS * BATCHES_PER_WRITER * RECORDS_PER_BATCH,
      );
      const rows = await knex('sd_costs').select('id', 'amount', 'entity_ref');
      expect(rows).toHaveLength(sent.size);
      const expectedTotal = [...sent].reduce((sum, n) => sum + amountOf(n), 0);
      const total = rows.reduce((sum, r) => sum + Number(r.amount), 0);
      expect(total).toBeCloseTo(expectedTotal, 6);
      for (const row of rows) {
        const n = Number(String(row.id).slice(5));
        expect(Number(row.amount)).toBe(amountOf(n));
        expect(row.entity_ref).toBe(`component:default/service-${n % 25}`);
      }
    });
  },
);
