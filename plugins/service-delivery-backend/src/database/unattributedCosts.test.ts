import { mockServices } from '@backstage/backend-test-utils';
import { CostRecord } from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { DatabaseServiceDeliveryStore } from './DatabaseServiceDeliveryStore';
import { RecordOwnershipError } from './ServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const PAYMENTS = 'component:default/payments-api';
const TYPO = 'component:default/paymnts-api';
const unknown = new Set([TYPO]);

const line = (overrides: Partial<CostRecord> = {}): CostRecord => ({
  id: 'paymnts-api/2026-10/compute',
  source: 'finance-export',
  entityRef: TYPO,
  periodStart: '2026-10',
  category: 'compute',
  amount: 1234.5,
  currency: 'EUR',
  origin: { file: 'finance-2026-10.csv', lines: [14, 15] },
  ...overrides,
});

const by = (writtenBy: string, at: number) => ({ writtenBy, at });

describe.each(databases.eachSupportedId())(
  'unattributed cost lines on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseServiceDeliveryStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    });

    beforeEach(async () => {
      for (const table of [
        'sd_costs',
        'sd_unattributed_costs',
        'sd_audit',
        'sd_entities',
      ]) {
        await knex(table).delete();
      }
    });

    it('holds a line for an unknown entity apart, with where it came from, counted for no entity', async () => {
      const outcome = await store.ingestCosts(
        [
          line(),
          line({
            id: 'payments-api/2026-10/compute',
            entityRef: PAYMENTS,
            amount: 100,
          }),
        ],
        unknown,
        by('service:finance-import', Date.parse('2026-11-02T09:00:00Z')),
      );
      expect(outcome).toEqual({
        attributed: { accepted: 1, updated: 0, unchanged: 0 },
        unattributed: { accepted: 1, updated: 0, unchanged: 0 },
      });
      expect(
        await store.listUnattributedCosts({
          fromMonth: '2026-10',
          toMonth: '2026-10',
        }),
      ).toEqual([
        {
          source: 'finance-export',
          id: 'paymnts-api/2026-10/compute',
          entityRef: TYPO,
          periodStart: '2026-10',
          category: 'compute',
          amount: 1234.5,
          currency: 'EUR',
          origin: { file: 'finance-2026-10.csv', lines: [14, 15] },
          writtenBy: 'service:finance-import',
          writtenAt: '2026-11-02T09:00:00.000Z',
        },
      ]);
      const costs = await store.listCosts({
        entityRefs: [PAYMENTS, TYPO],
        fromMonth: '2026-10',
        toMonth: '2026-10',
      });
      expect(costs.map(c => [c.entityRef, c.amount])).toEqual([
        [PAYMENTS, 100],
      ]);
      expect(
        await store.listUnattributedCosts({
          fromMonth: '2026-11',
          toMonth: '2026-12',
        }),
      ).toEqual([]);
    });

    it('counts the same line sent again as unchanged, and a new amount as updated', async () => {
      await store.ingestCosts([line()], unknown, by('a', 1));
      expect(
        (await store.ingestCosts([line()], unknown, by('a', 2))).unattributed,
      ).toEqual({ accepted: 0, updated: 0, unchanged: 1 });
      expect(
        (await store.ingestCosts([line({ amount: 1300 })], unknown, by('b', 3)))
          .unattributed,
      ).toEqual({ accepted: 0, updated: 1, unchanged: 0 });
      const [held] = await store.listUnattributedCosts({
        fromMonth: '2026-10',
        toMonth: '2026-10',
      });
      expect(held).toMatchObject({ amount: 1300, writtenBy: 'b' });
    });

    it('moves a line to its entity when it is sent again, same source and id, for a known one', async () => {
      await store.ingestCosts([line()], unknown, by('a', 1));
      await store.ingestCosts(
        [line({ entityRef: PAYMENTS })],
        unknown,
        by('finance', 2),
      );
      expect(
        await store.listUnattributedCosts({
          fromMonth: '2026-10',
          toMonth: '2026-10',
        }),
      ).toEqual([]);
      const [moved] = await store.listCosts({
        entityRefs: [PAYMENTS],
        fromMonth: '2026-10',
        toMonth: '2026-10',
      });
      expect(moved).toMatchObject({
        id: 'paymnts-api/2026-10/compute',
        entityRef: PAYMENTS,
        amount: 1234.5,
      });
      // the mapping is in the entity's audit trail
      const [entry] = await store.listAudit({ entityRef: PAYMENTS, limit: 5 });
      expect(entry).toMatchObject({ action: 'created', by: 'finance' });
    });

    it('never holds unattributed a line that belongs to an entity, storing nothing of the batch', async () => {
      await store.ingest('costs', [line({ entityRef: PAYMENTS })], by('a', 1));
      const batch = [line({ id: 'other', amount: 5 }), line()];
      const refused = await store
        .ingestCosts(batch, unknown, by('b', 2))
        .catch(error => error);
      expect(refused).toBeInstanceOf(RecordOwnershipError);
      expect(refused.problems).toEqual([
        expect.objectContaining({
          index: 1,
          path: 'entityRef',
          message: expect.stringContaining(
            `belongs to ${PAYMENTS}, not ${TYPO}`,
          ),
        }),
      ]);
      expect(
        await store.listUnattributedCosts({
          fromMonth: '2026-01',
          toMonth: '2026-12',
        }),
      ).toEqual([]);
    });

    it('prunes unattributed lines by month with the rest', async () => {
      await store.ingestCosts(
        [line({ id: 'old', periodStart: '2024-09' }), line()],
        unknown,
        by('a', 1),
      );
      await store.pruneBefore(Date.parse('2024-10-15T00:00:00Z'));
      const kept = await store.listUnattributedCosts({
        fromMonth: '2024-01',
        toMonth: '2026-12',
      });
      expect(kept.map(l => l.id)).toEqual(['paymnts-api/2026-10/compute']);
    });
  },
);
