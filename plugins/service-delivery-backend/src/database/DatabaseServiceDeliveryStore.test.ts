import { mockServices } from '@backstage/backend-test-utils';
import {
  IncidentRecord,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { DatabaseServiceDeliveryStore } from './DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  const store = await DatabaseServiceDeliveryStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { knex, store };
}

const incident = (overrides: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: 'INC-1',
  source: 'pagerduty',
  entityRef: 'component:default/payments-api',
  title: 'Card payments failing',
  priority: 'P1',
  impact: 'full',
  startedAt: '2026-10-03T10:00:00.000Z',
  acknowledgedAt: '2026-10-03T10:05:00.000Z',
  resolvedAt: null,
  planned: false,
  cause: 'deployment',
  ...overrides,
});

const cost = (id: string, amount: number) => ({
  id,
  source: 'finance',
  entityRef: 'component:default/payments-api',
  periodStart: '2026-10',
  category: 'compute',
  amount,
  currency: 'EUR',
});

/** Makes the database itself reject inserting the cost line with this id. */
async function refuseCostId(knex: Knex, id: string) {
  if (knex.client.config.client === 'pg') {
    await knex.raw(`
      CREATE OR REPLACE FUNCTION sd_test_refuse() RETURNS trigger AS $$
      BEGIN
        IF NEW.id = '${id}' THEN RAISE EXCEPTION 'refused %', NEW.id; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await knex.raw(
      'CREATE TRIGGER sd_test_refuse BEFORE INSERT ON sd_costs FOR EACH ROW EXECUTE FUNCTION sd_test_refuse()',
    );
  } else {
    await knex.raw(
      `CREATE TRIGGER sd_test_refuse BEFORE INSERT ON sd_costs WHEN NEW.id = '${id}' BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
  }
}

describe.each(databases.eachSupportedId())(
  'DatabaseServiceDeliveryStore on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseServiceDeliveryStore;

    beforeAll(async () => {
      ({ knex, store } = await createStore(databaseId));
    });

    beforeEach(async () => {
      for (const table of [
        'sd_incidents',
        'sd_sli',
        'sd_costs',
        'sd_capacity',
        'sd_dr_tests',
      ]) {
        await knex(table).delete();
      }
    });

    it('stores incidents and reads back exactly what was sent', async () => {
      const sent = incident();
      expect(await store.ingest('incidents', [sent])).toEqual({
        accepted: 1,
        updated: 0,
        unchanged: 0,
      });
      const read = await store.listIncidents({
        entityRefs: [sent.entityRef],
        range: {
          from: Date.parse('2026-10-01T00:00:00Z'),
          to: Date.parse('2026-11-01T00:00:00Z'),
        },
      });
      expect(read).toEqual([{ ...sent, planned: false }]);
    });

    it('reads back text with quotes, escapes and any script, and numbers to the last digit, exactly', async () => {
      // PostgreSQL's upsert carries the rows as one JSON text: nothing in a value may change on the way
      const sent = incident({
        id: 'INC-"quoted"\\back\nline',
        title: `It's "down" — \\ \t tab, 日本語, 🙂, {"json": [1]}`,
        priority: undefined,
        cause: undefined,
        planned: true,
        resolvedAt: '2026-10-03T11:59:59.999Z',
      });
      await store.ingest('incidents', [sent]);
      const read = await store.listIncidents({
        entityRefs: [sent.entityRef],
        range: {
          from: Date.parse('2026-10-01T00:00:00Z'),
          to: Date.parse('2026-11-01T00:00:00Z'),
        },
      });
      expect(read).toEqual([sent]);
      // half a surrogate pair is no character: PostgreSQL's upsert, which reads the rows from JSON,
      // stores the replacement character for it rather than refusing the batch
      await store.ingest('incidents', [
        incident({ id: 'INC-2', title: 'half \ud83d a pair' }),
      ]);
      const [half] = await knex('sd_incidents').where('id', 'INC-2');
      // (better-sqlite3 stores the half pair's own bytes, which read back as three)
      expect(half.title).toBe(
        knex.client.config.client === 'pg'
          ? 'half \ufffd a pair'
          : 'half \ufffd\ufffd\ufffd a pair',
      );
      const amounts = [0.1, 1234567.891, 1e-7, 2 ** 52 + 1, 0];
      await store.ingest(
        'costs',
        amounts.map((amount, i) => cost(`line-${i}`, amount)),
      );
      const stored = await knex('sd_costs')
        .select('id', 'amount')
        .orderBy('id');
      expect(stored.map(row => Number(row.amount))).toEqual(amounts);
    });

    it('counts new, changed and unchanged records across many statements', async () => {
      const sli = (i: number, good: number): SliRecord => ({
        entityRef: `component:default/svc-${i % 7}`,
        objective: 'availability',
        bucketStart: new Date(Date.UTC(2026, 9, 1, i)).toISOString(),
        bucketSeconds: 3600,
        good,
        total: 1000,
        source: 'prometheus',
      });
      // 5,000 records take two statements on SQLite (32,000 bound values)
      const first = Array.from({ length: 3000 }, (_, i) => sli(i, 990));
      expect(await store.ingest('sli', first)).toEqual({
        accepted: 3000,
        updated: 0,
        unchanged: 0,
      });
      // every third record changes, 2,000 are new
      const second = Array.from({ length: 5000 }, (_, i) =>
        sli(i, i % 3 === 0 ? 980 : 990),
      );
      expect(await store.ingest('sli', second)).toEqual({
        accepted: 2000,
        updated: 1000,
        unchanged: 2000,
      });
      expect(await store.ingest('sli', second)).toEqual({
        accepted: 0,
        updated: 0,
        unchanged: 5000,
      });
      const [{ n, good }] = await knex('sd_sli').select(
        knex.raw('count(*) as n'),
        knex.raw('sum(good) as good'),
      );
      // 1,667 of the 5,000 hours (i % 3 === 0) at 980
      expect(Number(n)).toBe(5000);
      expect(Number(good)).toBe(5000 * 990 - 1667 * 10);
    });

    it('counts a value that becomes empty, and one that stops being empty, as updated', async () => {
      const open = incident({ cause: undefined });
      await store.ingest('incidents', [open]);
      const withCause = { ...open, cause: 'capacity' };
      expect(await store.ingest('incidents', [withCause])).toEqual({
        accepted: 0,
        updated: 1,
        unchanged: 0,
      });
      expect(await store.ingest('incidents', [open])).toEqual({
        accepted: 0,
        updated: 1,
        unchanged: 0,
      });
      expect(await store.ingest('incidents', [open])).toEqual({
        accepted: 0,
        updated: 0,
        unchanged: 1,
      });
    });

    it('is idempotent by (source, id) and updates a changed record', async () => {
      const open = incident();
      await store.ingest('incidents', [open]);
      expect(await store.ingest('incidents', [open])).toEqual({
        accepted: 0,
        updated: 0,
        unchanged: 1,
      });
      const resolved = { ...open, resolvedAt: '2026-10-03T12:00:00.000Z' };
      expect(await store.ingest('incidents', [resolved])).toEqual({
        accepted: 0,
        updated: 1,
        unchanged: 0,
      });
      // the same id from another source is another incident
      expect(
        await store.ingest('incidents', [{ ...open, source: 'opsgenie' }]),
      ).toEqual({ accepted: 1, updated: 0, unchanged: 0 });
      const rows = await knex('sd_incidents').orderBy('source');
      expect(rows.map(r => [r.source, Number(r.resolved_at) || null])).toEqual([
        ['opsgenie', null],
        ['pagerduty', Date.parse('2026-10-03T12:00:00Z')],
      ]);
    });

    it('lists incidents that overlap the range, open ones included', async () => {
      await store.ingest('incidents', [
        incident({
          id: 'before',
          startedAt: '2026-09-30T22:00:00.000Z',
          resolvedAt: '2026-10-01T01:00:00.000Z',
        }),
        incident({
          id: 'ended-before',
          startedAt: '2026-09-20T00:00:00.000Z',
          resolvedAt: '2026-09-21T00:00:00.000Z',
        }),
        incident({ id: 'open', startedAt: '2026-09-01T00:00:00.000Z' }),
        incident({
          id: 'after',
          startedAt: '2026-11-01T00:00:00.000Z',
          resolvedAt: '2026-11-01T01:00:00.000Z',
        }),
        incident({ id: 'other', entityRef: 'component:default/ledger' }),
      ]);
      const read = await store.listIncidents({
        entityRefs: ['component:default/payments-api'],
        range: {
          from: Date.parse('2026-10-01T00:00:00Z'),
          to: Date.parse('2026-11-01T00:00:00Z'),
        },
      });
      expect(read.map(i => i.id)).toEqual(['open', 'before']);
    });

    it('keys SLI buckets by entity, objective, time and source; reads count the one written last', async () => {
      const bucket: SliRecord = {
        entityRef: 'component:default/payments-api',
        source: 'prometheus',
        objective: 'success-rate',
        bucketStart: '2026-10-01T00:00:00.000Z',
        bucketSeconds: 3600,
        good: 998,
        total: 1000,
      };
      const writer = (at: number) => ({ writtenBy: 'service:test', at });
      await store.ingest(
        'sli',
        [bucket, { ...bucket, objective: 'latency' }],
        writer(1000),
      );
      expect(
        await store.ingest(
          'sli',
          [{ ...bucket, good: 990, source: 'push' }],
          writer(2000),
        ),
      ).toEqual({ accepted: 1, updated: 0, unchanged: 0 });
      const read = () =>
        store.listSli({
          entityRefs: [bucket.entityRef],
          objective: 'success-rate',
          range: { from: 0, to: Date.parse('2027-01-01T00:00:00Z') },
        });
      // both are kept; the one written last counts
      expect(
        await knex('sd_sli').where({ objective: 'success-rate' }),
      ).toHaveLength(2);
      expect(await read()).toEqual([{ ...bucket, good: 990, source: 'push' }]);
      expect(
        await store.latestSliBucket({
          entityRef: bucket.entityRef,
          objective: 'success-rate',
        }),
      ).toEqual({ ...bucket, good: 990, source: 'push' });
      // each source still finds its own latest bucket
      expect(
        await store.latestSliBucket({
          entityRef: bucket.entityRef,
          objective: 'success-rate',
          source: 'prometheus',
        }),
      ).toEqual(bucket);
      // an unchanged bucket sent again is not a write; a changed one is
      await store.ingest('sli', [bucket], writer(3000));
      expect((await read())[0].source).toBe('push');
      await store.ingest('sli', [{ ...bucket, good: 997 }], writer(4000));
      expect(await read()).toEqual([{ ...bucket, good: 997 }]);
    });

    it('stores large batches in chunks, with the last duplicate winning', async () => {
      const batch = Array.from({ length: 1200 }, (_, i) =>
        incident({ id: `INC-${i % 1000}`, title: `incident ${i}` }),
      );
      expect(await store.ingest('incidents', batch)).toEqual({
        accepted: 1000,
        updated: 0,
        unchanged: 0,
      });
      const row = await knex('sd_incidents').where({ id: 'INC-5' }).first();
      expect(row.title).toBe('incident 1005');
    });

    it('writes nothing of a batch that fails half-way', async () => {
      await store.ingest('costs', [cost('c-0', 100)]);
      // the database refuses the batch's last record: on SQLite, after a full statement went in
      await refuseCostId(knex, 'c-4999');
      const batch = Array.from({ length: 5000 }, (_, i) => cost(`c-${i}`, i));
      const outcome = await store.ingest('costs', batch).catch(e => e);
      expect(String(outcome)).toMatch(/refused/);
      const rows = await knex('sd_costs').select('id', 'amount');
      expect(rows.map(r => [r.id, Number(r.amount)])).toEqual([['c-0', 100]]);
      await knex.raw(
        knex.client.config.client === 'pg'
          ? 'DROP TRIGGER sd_test_refuse ON sd_costs'
          : 'DROP TRIGGER sd_test_refuse',
      );
    });

    it('reads costs by month, capacity oldest first and DR tests newest first', async () => {
      const entityRef = 'component:default/payments-api';
      await store.ingest('costs', [
        {
          id: 'a',
          source: 's',
          entityRef,
          periodStart: '2026-08',
          category: 'compute',
          amount: 1,
          currency: 'EUR',
        },
        {
          id: 'b',
          source: 's',
          entityRef,
          periodStart: '2026-09',
          category: 'compute',
          amount: 2.5,
          currency: 'EUR',
        },
        {
          id: 'c',
          source: 's',
          entityRef,
          periodStart: '2026-10',
          category: 'storage',
          amount: 3,
          currency: 'EUR',
        },
      ]);
      expect(
        (
          await store.listCosts({
            entityRefs: [entityRef],
            fromMonth: '2026-09',
            toMonth: '2026-10',
          })
        ).map(c => [c.periodStart, c.amount]),
      ).toEqual([
        ['2026-09', 2.5],
        ['2026-10', 3],
      ]);

      await store.ingest('capacity', [
        {
          entityRef,
          source: 's',
          resource: 'cpu',
          at: '2026-10-02T00:00:00.000Z',
          used: 40,
        },
        {
          entityRef,
          source: 's',
          resource: 'cpu',
          at: '2026-10-01T00:00:00.000Z',
          used: 30,
          capacity: 64,
        },
      ]);
      expect(await store.listCapacity({ entityRefs: [entityRef] })).toEqual([
        {
          entityRef,
          source: 's',
          resource: 'cpu',
          at: '2026-10-01T00:00:00.000Z',
          used: 30,
          capacity: 64,
        },
        {
          entityRef,
          source: 's',
          resource: 'cpu',
          at: '2026-10-02T00:00:00.000Z',
          used: 40,
          capacity: undefined,
        },
      ]);

      await store.ingest('dr-tests', [
        {
          id: 't1',
          source: 's',
          entityRef,
          performedAt: '2026-01-10T00:00:00.000Z',
          result: 'failed',
          achievedRto: 7200,
        },
        {
          id: 't2',
          source: 's',
          entityRef,
          performedAt: '2026-06-10T00:00:00.000Z',
          result: 'passed',
          achievedRto: 1800,
          achievedRpo: 300,
          notes: 'region failover',
        },
      ]);
      expect(
        (await store.listDrTests({ entityRefs: [entityRef] })).map(t => [
          t.id,
          t.result,
          t.achievedRto,
        ]),
      ).toEqual([
        ['t2', 'passed', 1800],
        ['t1', 'failed', 7200],
      ]);
    });
  },
);

describe.each(databases.eachSupportedId())('migrations on %p', databaseId => {
  it('migrate up and down cleanly', async () => {
    const knex = await databases.init(databaseId);
    const directory = require('path').resolve(__dirname, '../../migrations');
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('sd_incidents')).toBe(true);
    await knex.migrate.rollback({ directory }, true);
    for (const table of [
      'sd_incidents',
      'sd_sli',
      'sd_costs',
      'sd_capacity',
      'sd_dr_tests',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
    await knex.migrate.latest({ directory });
    expect(await knex.schema.hasTable('sd_dr_tests')).toBe(true);
  });
});
