import { mockServices } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { prefetchWindow, prefetchedStore } from '../overview/prefetchedStore';
import { DatabaseOverviewStore } from './DatabaseOverviewStore';
import { DatabaseServiceDeliveryStore } from './DatabaseServiceDeliveryStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const API = 'component:default/payments-api';
const DB = 'resource:default/payments-db';
const DAY = 86_400_000;

describe.each(databases.eachSupportedId())(
  'DatabaseOverviewStore on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseOverviewStore;
    let measured: DatabaseServiceDeliveryStore;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      measured = await DatabaseServiceDeliveryStore.create({ database });
      store = await DatabaseOverviewStore.create({ database });
    });

    beforeEach(async () => {
      for (const table of [
        'sd_overview_rows',
        'sd_notification_state',
        'sd_sli',
        'sd_capacity',
        'sd_incidents',
      ]) {
        await knex(table).delete();
      }
    });

    it('writes rows, removes others, and versions what is stored', async () => {
      expect(await store.version()).toEqual({ rows: 0, computedAt: null });
      const row = (ref: string, text: string) => ({
        entityRef: ref,
        row: JSON.stringify({ entityRef: ref, text }),
        findings: '[]',
      });
      await store.write({ rows: [row(API, 'a'), row(DB, 'b')], computedAt: 1 });
      expect(await store.version()).toEqual({ rows: 2, computedAt: 1 });
      await store.write({ rows: [row(API, 'c')], computedAt: 2, remove: [DB] });
      expect(await store.version()).toEqual({ rows: 1, computedAt: 2 });
      expect(await store.readAll()).toEqual([
        {
          entityRef: API,
          row: { entityRef: API, text: 'c' },
          findings: [],
          computedAt: 2,
        },
      ]);
      expect((await store.readSerialised([API])).get(API)!.row).toBe(
        JSON.stringify({ entityRef: API, text: 'c' }),
      );
    });

    it('reads every row once, in entity order, across the pages it reads them in', async () => {
      // 2,345 rows: two full pages of 1,000 and a part, written in another order than read
      const refs = Array.from(
        { length: 2345 },
        (_, i) => `component:default/svc-${String(i).padStart(5, '0')}`,
      );
      const written = [...refs].reverse().map((ref, i) => ({
        entityRef: ref,
        row: JSON.stringify({
          entityRef: ref,
          owner: `group:default/t${i % 7}`,
        }),
        findings: JSON.stringify([{ entityRef: ref, severity: 'warning' }]),
      }));
      await store.write({ rows: written, computedAt: 5 });

      const read = await store.readAll();
      expect(read.map(r => r.entityRef)).toEqual(refs);
      const last = read[read.length - 1];
      expect(last).toEqual({
        entityRef: refs[2344],
        row: { entityRef: refs[2344], owner: 'group:default/t0' },
        findings: [{ entityRef: refs[2344], severity: 'warning' }],
        computedAt: 5,
      });
      expect(new Set(read.map(r => r.row.owner)).size).toBe(7);
    });

    it('claims a state change once: only the caller that moves it from the state it read', async () => {
      const claim = (previous: string | null, state: string) =>
        store.claimNotificationState({
          entityRef: API,
          subject: 'dr-test',
          previous,
          state,
          at: 1,
        });
      expect(await claim(null, 'overdue')).toBe(true);
      expect(await claim(null, 'overdue')).toBe(false);
      expect(await claim('ok', 'overdue')).toBe(false);
      expect(await claim('overdue', 'ok')).toBe(true);
      const [first, second] = await Promise.all([
        claim('ok', 'overdue'),
        claim('ok', 'overdue'),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      expect(await store.notificationStates([API, DB])).toEqual(
        new Map([[`${API}|dr-test`, 'overdue']]),
      );
    });

    it('claims many changes at once: only those still in the state read, each once between racing callers', async () => {
      const change = (
        entityRef: string,
        subject: string,
        previous: string | null,
        state: string,
      ) => ({ entityRef, subject, previous, state });
      await store.claimNotificationStates(
        [
          change(API, 'dr-test', null, 'overdue'),
          change(API, 'objective:sla/availability', null, 'at-risk'),
        ],
        1,
      );
      // another caller moved the availability objective on meanwhile
      await store.claimNotificationState({
        ...change(API, 'objective:sla/availability', 'at-risk', 'breached'),
        at: 2,
      });
      const batch = [
        change(API, 'dr-test', 'overdue', 'ok'),
        change(API, 'objective:sla/availability', 'at-risk', 'ok'),
        change(API, 'objective:sla/latency', null, 'breached'),
        change(DB, 'resource:storage', null, 'critical-soon'),
        change(DB, 'resource:cpu', null, 'critical'),
      ];
      const [first, second] = await Promise.all([
        store.claimNotificationStates(batch, 3),
        store.claimNotificationStates(batch, 3),
      ]);
      const all = [...first, ...second].sort();
      expect(all).toEqual([
        `${API}|dr-test`,
        `${API}|objective:sla/latency`,
        `${DB}|resource:cpu`,
        `${DB}|resource:storage`,
      ]);
      expect(await store.notificationStates([API, DB])).toEqual(
        new Map([
          [`${API}|dr-test`, 'ok'],
          [`${API}|objective:sla/availability`, 'breached'],
          [`${API}|objective:sla/latency`, 'breached'],
          [`${DB}|resource:cpu`, 'critical'],
          [`${DB}|resource:storage`, 'critical-soon'],
        ]),
      );
      expect(await store.claimNotificationStates([], 4)).toEqual(new Set());
    });

    it('claims more changes than one statement holds', async () => {
      const changes = Array.from({ length: 1234 }, (_, i) => ({
        entityRef: `component:default/s${i}`,
        subject: 'dr-test',
        previous: null,
        state: 'overdue',
      }));
      expect((await store.claimNotificationStates(changes, 1)).size).toBe(1234);
      const back = changes.map(c => ({
        ...c,
        previous: 'overdue',
        state: 'ok',
      }));
      expect((await store.claimNotificationStates(back, 2)).size).toBe(1234);
      expect((await store.claimNotificationStates(back, 3)).size).toBe(0);
    });

    it('sums SLI events per entity and objective over buckets starting in the range', async () => {
      const bucket = (
        entityRef: string,
        objective: string,
        at: string,
        good: number,
        total: number,
      ) => ({
        entityRef,
        source: 's',
        objective,
        bucketStart: at,
        bucketSeconds: 3600,
        good,
        total,
      });
      await measured.ingest('sli', [
        bucket(API, 'ratio', '2026-10-31T23:00:00.000Z', 1, 1000),
        bucket(API, 'ratio', '2026-11-01T00:00:00.000Z', 990, 1000),
        bucket(API, 'ratio', '2026-11-15T23:00:00.000Z', 1985, 2000),
        bucket(API, 'latency', '2026-11-02T00:00:00.000Z', 5, 10),
        bucket(API, 'ratio', '2026-11-16T00:00:00.000Z', 0, 500),
        bucket(DB, 'ratio', '2026-11-03T00:00:00.000Z', 7, 7),
      ]);
      const totals = await store.sliTotals({
        entityRefs: [API, DB, 'component:default/quiet'],
        range: {
          from: Date.parse('2026-11-01T00:00:00Z'),
          to: Date.parse('2026-11-16T00:00:00Z'),
        },
      });
      expect(totals).toEqual(
        new Map([
          [`${API}|latency`, { good: 5, total: 10 }],
          [`${API}|ratio`, { good: 2975, total: 3000 }],
          [`${DB}|ratio`, { good: 7, total: 7 }],
        ]),
      );
    });

    it('reads the capacity samples a forecast needs: the window, capacity changes, and the latest of a stale resource', async () => {
      const now = Date.parse('2026-11-16T00:00:00Z');
      const sample = (
        resource: string,
        daysAgo: number,
        used: number,
        capacity?: number,
      ) => ({
        entityRef: DB,
        source: 's',
        resource,
        at: new Date(now - daysAgo * DAY).toISOString(),
        used,
        ...(capacity ? { capacity } : {}),
      });
      await measured.ingest('capacity', [
        sample('storage', 90, 100),
        // an earlier capacity change: no longer in force when the window opens
        sample('storage', 70, 150, 1500),
        sample('storage', 60, 200, 2000),
        sample('storage', 40, 300),
        sample('storage', 20, 400),
        sample('storage', 1, 500),
        sample('storage', -1, 600),
        sample('cpu', 50, 10, 100),
        sample('cpu', 45, 12),
        // another entity's: not asked for
        { ...sample('storage', 2, 1, 9000), entityRef: API },
      ]);
      const samples = await measured.listCapacityForForecast({
        entityRefs: [DB],
        since: now - 30 * DAY,
        until: now,
      });
      // the window (after 30 days ago), each resource's capacity in force when it opens (storage
      // 2000 from 60 days ago, cpu 100 from 50), and cpu's latest sample, cpu having none in it
      expect(samples.map(s => [s.resource, s.used, s.capacity])).toEqual([
        ['storage', 200, 2000],
        ['cpu', 10, 100],
        ['cpu', 12, undefined],
        ['storage', 400, undefined],
        ['storage', 500, undefined],
      ]);
    });

    it('prefetches incidents and answers them as the store reads them', async () => {
      const now = Date.parse('2026-11-16T00:00:00Z');
      const incident = (
        id: string,
        entityRef: string,
        start: string,
        end: string | null,
      ) => ({
        id,
        source: 'pd',
        entityRef,
        title: id,
        priority: 'P1',
        impact: 'full' as const,
        startedAt: start,
        acknowledgedAt: null,
        resolvedAt: end,
      });
      await measured.ingest('incidents', [
        incident(
          'b',
          API,
          '2026-11-03T10:00:00.000Z',
          '2026-11-03T11:00:00.000Z',
        ),
        incident('a', API, '2026-11-03T10:00:00.000Z', null),
        incident(
          'c',
          DB,
          '2026-10-30T10:00:00.000Z',
          '2026-11-01T01:00:00.000Z',
        ),
        incident(
          'd',
          DB,
          '2026-09-01T10:00:00.000Z',
          '2026-09-01T11:00:00.000Z',
        ),
      ]);
      const prefetched = await prefetchedStore(measured, {
        entityRefs: [API],
        incidentRefs: [API, DB],
        window: prefetchWindow(now),
      });
      const spy = jest.spyOn(measured, 'listIncidents');
      for (const range of [
        { from: Date.parse('2026-11-01T00:00:00Z'), to: now },
        { from: Date.parse('2026-09-01T00:00:00Z'), to: now },
        { from: Date.parse('2026-11-03T10:30:00Z'), to: now },
      ]) {
        for (const entityRefs of [[API], [DB], [API, DB]]) {
          expect(await prefetched.listIncidents({ entityRefs, range })).toEqual(
            await measured.listIncidents({ entityRefs, range }),
          );
        }
      }
      // nine reads from memory, nine for comparison
      expect(spy).toHaveBeenCalledTimes(9);
      // outside what was loaded, the store answers
      await prefetched.listIncidents({
        entityRefs: [API],
        range: { from: 0, to: now },
      });
      expect(spy).toHaveBeenCalledTimes(10);
    });
  },
);

describe.each(databases.eachSupportedId())(
  'overview migration on %p',
  databaseId => {
    it('migrates up and down cleanly', async () => {
      const knex = await databases.init(databaseId);
      const directory = require('path').resolve(__dirname, '../../migrations');
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('sd_overview_rows')).toBe(true);
      expect(await knex.schema.hasTable('sd_notification_state')).toBe(true);
      await knex.migrate.down({
        directory,
        name: '20261215000000_overview.js',
      });
      expect(await knex.schema.hasTable('sd_overview_rows')).toBe(false);
      expect(await knex.schema.hasTable('sd_notification_state')).toBe(false);
      expect(await knex.schema.hasTable('sd_incidents')).toBe(true);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('sd_overview_rows')).toBe(true);
    });
  },
);
