import { mockServices } from '@backstage/backend-test-utils';
import {
  CapacityRecord,
  IncidentRecord,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';
import { Knex } from 'knex';
import { DatabaseServiceDeliveryStore } from './DatabaseServiceDeliveryStore';
import { DatabaseOverviewStore } from './DatabaseOverviewStore';
import { RecordOwnershipError } from './ServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const PAYMENTS = 'component:default/payments-api';
const LEDGER = 'component:default/ledger';

const incident = (overrides: Partial<IncidentRecord> = {}): IncidentRecord => ({
  id: 'INC-1',
  source: 'pagerduty',
  entityRef: PAYMENTS,
  title: 'Card payments failing',
  impact: 'full',
  startedAt: '2026-10-03T10:00:00.000Z',
  acknowledgedAt: null,
  resolvedAt: '2026-10-03T11:00:00.000Z',
  planned: false,
  ...overrides,
});

const bucket = (overrides: Partial<SliRecord> = {}): SliRecord => ({
  entityRef: PAYMENTS,
  source: 'prometheus',
  objective: 'success-rate',
  bucketStart: '2026-10-01T00:00:00.000Z',
  bucketSeconds: 3600,
  good: 990,
  total: 1000,
  ...overrides,
});

const sample = (overrides: Partial<CapacityRecord> = {}): CapacityRecord => ({
  entityRef: PAYMENTS,
  source: 'prometheus',
  resource: 'cpu',
  at: '2026-10-01T00:00:00.000Z',
  used: 10,
  ...overrides,
});

const by = (writtenBy: string, at: number) => ({ writtenBy, at });

describe.each(databases.eachSupportedId())(
  'record integrity on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseServiceDeliveryStore;
    let overviewStore: DatabaseOverviewStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      store = await DatabaseServiceDeliveryStore.create({ database });
      overviewStore = await DatabaseOverviewStore.create({ database });
    });

    beforeEach(async () => {
      for (const table of [
        'sd_incidents',
        'sd_sli',
        'sd_costs',
        'sd_capacity',
        'sd_dr_tests',
        'sd_audit',
        'sd_entities',
      ]) {
        await knex(table).delete();
      }
    });

    it('refuses a record whose (source, id) belongs to another entity, storing nothing of the batch', async () => {
      await store.ingest('incidents', [incident()], by('user:default/ann', 1));
      const batch = [
        incident({ id: 'INC-2', entityRef: LEDGER }),
        incident({ entityRef: LEDGER, title: 'stolen' }),
      ];
      const error = await store
        .ingest('incidents', batch, by('user:default/bob', 2))
        .catch(e => e);
      expect(error).toBeInstanceOf(RecordOwnershipError);
      expect(error.problems).toEqual([
        {
          index: 1,
          path: 'id',
          message: expect.stringContaining(
            `record (source "pagerduty", id "INC-1") belongs to ${PAYMENTS}, not ${LEDGER}`,
          ),
        },
      ]);
      const rows = await knex('sd_incidents').select(
        'id',
        'entity_ref',
        'title',
      );
      expect(rows).toEqual([
        { id: 'INC-1', entity_ref: PAYMENTS, title: 'Card payments failing' },
      ]);
      expect(Number((await knex('sd_audit').count({ n: '*' }))[0].n)).toBe(1);
    });

    it('keeps who wrote each record and when, and lists the writes newest first, page by page', async () => {
      await store.ingest(
        'incidents',
        [incident(), incident({ id: 'INC-2' })],
        by('service:external:ingest', 1000),
      );
      // unchanged: not a write
      await store.ingest(
        'incidents',
        [incident()],
        by('user:default/ann', 2000),
      );
      await store.ingest(
        'incidents',
        [incident({ title: 'Card payments slow' })],
        by('user:default/ann', 3000),
      );
      await store.ingest(
        'sli',
        [bucket()],
        by('plugin:service-delivery', 4000),
      );
      const row = await knex('sd_incidents').where({ id: 'INC-1' }).first();
      expect(row.written_by).toBe('user:default/ann');
      expect(Number(row.written_at)).toBe(3000);

      const first = await store.listAudit({ entityRef: PAYMENTS, limit: 2 });
      expect(first.map(e => [e.kind, e.ids, e.action, e.by, e.at])).toEqual([
        [
          'sli',
          ['success-rate@2026-10-01T00:00:00.000Z'],
          'created',
          'plugin:service-delivery',
          '1970-01-01T00:00:04.000Z',
        ],
        [
          'incidents',
          ['INC-1'],
          'updated',
          'user:default/ann',
          '1970-01-01T00:00:03.000Z',
        ],
      ]);
      const second = await store.listAudit({
        entityRef: PAYMENTS,
        limit: 2,
        before: first[1].seq,
      });
      // one write of two records: one entry
      expect(second.map(e => [[...e.ids].sort(), e.action, e.by])).toEqual([
        [['INC-1', 'INC-2'], 'created', 'service:external:ingest'],
      ]);
      expect(
        await store.listAudit({
          entityRef: PAYMENTS,
          limit: 10,
          excludeKinds: ['incidents'],
        }),
      ).toHaveLength(1);
      expect(await store.listAudit({ entityRef: LEDGER, limit: 10 })).toEqual(
        [],
      );
    });

    it('keeps one audit entry per entity, source and action of a write, listing its records', async () => {
      await store.ingest(
        'incidents',
        [incident({ id: 'INC-1' }), incident({ id: 'INC-2' })],
        by('service:external:ingest', 1000),
      );
      await store.ingest(
        'incidents',
        [
          // changed: updated
          incident({ id: 'INC-1', title: 'Card payments slow' }),
          // unchanged: no entry
          incident({ id: 'INC-2' }),
          // new, two sources, two entities
          incident({ id: 'INC-3' }),
          incident({ id: 'INC-4' }),
          incident({ id: 'OPS-1', source: 'opsgenie' }),
          incident({ id: 'INC-5', entityRef: LEDGER }),
        ],
        by('user:default/ann', 2000),
      );
      const entries = await store.listAudit({ entityRef: PAYMENTS, limit: 10 });
      const at2000 = entries
        .filter(e => e.at === '1970-01-01T00:00:02.000Z')
        .map(e => [e.action, e.source, [...e.ids].sort()])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      expect(at2000).toEqual([
        ['created', 'opsgenie', ['OPS-1']],
        ['created', 'pagerduty', ['INC-3', 'INC-4']],
        ['updated', 'pagerduty', ['INC-1']],
      ]);
      expect(entries).toHaveLength(4);
      expect(
        (await store.listAudit({ entityRef: LEDGER, limit: 10 })).map(
          e => e.ids,
        ),
      ).toEqual([['INC-5']]);
      // a write of many records is one row of the trail
      expect(Number((await knex('sd_audit').count({ n: '*' }))[0].n)).toBe(5);
    });

    it('retracts a record and keeps the retraction in the audit trail', async () => {
      await store.ingest(
        'incidents',
        [incident()],
        by('service:external:ingest', 1000),
      );
      expect(
        await store.findRecordEntity({
          kind: 'incidents',
          source: 'pagerduty',
          id: 'INC-1',
        }),
      ).toBe(PAYMENTS);
      expect(
        await store.retract({
          kind: 'incidents',
          source: 'pagerduty',
          id: 'INC-1',
          entityRef: LEDGER,
          write: by('user:default/ann', 2000),
        }),
      ).toBeUndefined();
      expect(
        await store.retract({
          kind: 'incidents',
          source: 'pagerduty',
          id: 'INC-1',
          entityRef: PAYMENTS,
          write: by('user:default/ann', 2000),
        }),
      ).toBe(PAYMENTS);
      expect(await knex('sd_incidents')).toEqual([]);
      const audit = await store.listAudit({ entityRef: PAYMENTS, limit: 10 });
      expect(audit.map(e => [e.action, e.by])).toEqual([
        ['retracted', 'user:default/ann'],
        ['created', 'service:external:ingest'],
      ]);
      // once retracted, the (source, id) may be used for another entity
      await store.ingest('incidents', [incident({ entityRef: LEDGER })]);
      expect(
        await store.findRecordEntity({
          kind: 'incidents',
          source: 'pagerduty',
          id: 'INC-1',
        }),
      ).toBe(LEDGER);
    });

    it('counts one of several sources reporting the same SLI bucket or capacity instant: the one written last', async () => {
      const range = { from: 0, to: Date.parse('2027-01-01T00:00:00Z') };
      await store.ingest(
        'sli',
        [bucket()],
        by('plugin:service-delivery', 1000),
      );
      await store.ingest(
        'sli',
        [bucket({ source: 'push', good: 500 })],
        by('service:external:ingest', 2000),
      );
      expect(
        await overviewStore.sliTotals({ entityRefs: [PAYMENTS], range }),
      ).toEqual(
        new Map([[`${PAYMENTS}|success-rate`, { good: 500, total: 1000 }]]),
      );
      await store.ingest(
        'capacity',
        [sample({ source: 'push', used: 30 })],
        by('service:external:ingest', 1000),
      );
      await store.ingest(
        'capacity',
        [sample()],
        by('plugin:service-delivery', 2000),
      );
      expect(
        (await store.listCapacity({ entityRefs: [PAYMENTS] })).map(s => [
          s.source,
          s.used,
        ]),
      ).toEqual([['prometheus', 10]]);
      expect(
        (
          await store.listCapacityForForecast({
            entityRefs: [PAYMENTS],
            since: 0,
            until: range.to,
          })
        ).map(s => s.used),
      ).toEqual([10]);
      expect(
        await store.latestCapacitySample({
          entityRef: PAYMENTS,
          resource: 'cpu',
        }),
      ).toEqual(sample());
      expect(
        await store.latestCapacitySample({
          entityRef: PAYMENTS,
          resource: 'cpu',
          source: 'push',
        }),
      ).toEqual(sample({ source: 'push', used: 30 }));
    });

    it('starts a new entity that reuses a name clean', async () => {
      await store.ingest('incidents', [incident()], {
        writtenBy: 'service:a',
        at: 1,
        entityUids: new Map([[PAYMENTS, 'uid-old']]),
      });
      await store.ingest('sli', [bucket()], {
        writtenBy: 'service:a',
        at: 2,
        entityUids: new Map([[PAYMENTS, 'uid-old']]),
      });
      expect(await knex('sd_incidents')).toHaveLength(1);
      await store.ingest('sli', [bucket({ objective: 'latency' })], {
        writtenBy: 'service:b',
        at: 3,
        entityUids: new Map([[PAYMENTS, 'uid-new']]),
      });
      expect(await knex('sd_incidents')).toEqual([]);
      expect(
        (await knex('sd_sli').select('objective')).map(r => r.objective),
      ).toEqual(['latency']);
      expect(
        (await store.listAudit({ entityRef: PAYMENTS, limit: 10 })).map(
          e => e.by,
        ),
      ).toEqual(['service:b']);
      expect(await store.listRecordedEntities()).toEqual([
        { entityRef: PAYMENTS, uid: 'uid-new', goneSince: null },
      ]);
    });

    it('prunes records older than the retention, per entity, and forgets entities', async () => {
      await store.ingest(
        'incidents',
        [
          incident({ id: 'old', resolvedAt: '2026-10-03T11:00:00.000Z' }),
          incident({ id: 'open-old', resolvedAt: null }),
          incident({
            id: 'recent',
            startedAt: '2026-11-10T00:00:00.000Z',
            resolvedAt: '2026-11-10T01:00:00.000Z',
          }),
        ],
        by('service:a', Date.parse('2026-10-03T12:00:00Z')),
      );
      await store.ingest(
        'costs',
        [
          {
            id: 'sep',
            source: 'finance',
            entityRef: LEDGER,
            periodStart: '2026-09',
            category: 'compute',
            amount: 1,
            currency: 'EUR',
          },
          {
            id: 'oct',
            source: 'finance',
            entityRef: LEDGER,
            periodStart: '2026-10',
            category: 'compute',
            amount: 1,
            currency: 'EUR',
          },
        ],
        by('service:a', Date.parse('2026-10-03T12:00:00Z')),
      );
      const decision = (entityRef: string, evaluatedAt: string) => ({
        entityRef,
        change: 'feature' as const,
        allow: true,
        reasons: [],
        requestedBy: 'user:default/jane',
        evaluatedAt,
      });
      await store.recordGateDecision(
        decision(PAYMENTS, '2026-10-14T23:59:59.000Z'),
      );
      await store.recordGateDecision(
        decision(PAYMENTS, '2026-10-15T00:00:00.000Z'),
      );
      await store.recordGateDecision(
        decision(LEDGER, '2026-11-01T00:00:00.000Z'),
      );
      const pruned = await store.pruneBefore(
        Date.parse('2026-10-15T00:00:00Z'),
      );
      // gate decisions older than the retention go; one exactly at the cut stays
      expect(
        (await store.listGateDecisions({ entityRef: PAYMENTS, limit: 10 })).map(
          d => d.evaluatedAt,
        ),
      ).toEqual(['2026-10-15T00:00:00.000Z']);
      expect(pruned).toEqual(
        new Map([
          [PAYMENTS, 1],
          [LEDGER, 1],
        ]),
      );
      expect(
        (await knex('sd_incidents').select('id')).map(r => r.id).sort(),
      ).toEqual(['open-old', 'recent']);
      expect((await knex('sd_costs').select('id')).map(r => r.id)).toEqual([
        'oct',
      ]);
      // the audit entries of writes before the cut go with them
      expect(await store.listAudit({ entityRef: PAYMENTS, limit: 10 })).toEqual(
        [],
      );

      await store.markEntities([{ entityRef: LEDGER, uid: 'u', goneSince: 5 }]);
      expect(await store.listRecordedEntities()).toEqual([
        { entityRef: LEDGER, uid: 'u', goneSince: 5 },
        { entityRef: PAYMENTS, uid: null, goneSince: null },
      ]);
      expect(await store.deleteEntityRecords([LEDGER], { forget: true })).toBe(
        1,
      );
      expect(await store.listRecordedEntities()).toEqual([
        { entityRef: PAYMENTS, uid: null, goneSince: null },
      ]);
      // a gone entity's gate decisions go with its records
      expect(
        await store.listGateDecisions({ entityRef: LEDGER, limit: 10 }),
      ).toEqual([]);
      expect(
        await store.listGateDecisions({ entityRef: PAYMENTS, limit: 10 }),
      ).toHaveLength(1);
    });
  },
);
