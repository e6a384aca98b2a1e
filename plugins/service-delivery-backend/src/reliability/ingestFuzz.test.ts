import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { RecordKind } from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import { Knex } from 'knex';
import request from 'supertest';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createRouter } from '../service/router';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(600_000);

/** A small seeded generator, so a failing payload can be reproduced from its number. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]): T =>
      items[Math.floor(next() * items.length)],
  };
}
type Random = ReturnType<typeof random>;

const valid: Record<RecordKind, (i: number) => Record<string, unknown>> = {
  incidents: i => ({
    id: `INC-${i}`,
    source: 'fuzz',
    entityRef: 'component:default/payments-api',
    title: 'Card payments failing',
    priority: 'P1',
    impact: 'full',
    startedAt: '2026-10-03T10:00:00Z',
    acknowledgedAt: '2026-10-03T10:05:00Z',
    resolvedAt: '2026-10-03T11:00:00Z',
    planned: false,
    cause: 'deployment',
  }),
  sli: i => ({
    entityRef: 'component:default/payments-api',
    source: 'fuzz',
    objective: 'success-rate',
    bucketStart: new Date(Date.UTC(2026, 9, 1) + i * 3_600_000).toISOString(),
    bucketSeconds: 3600,
    good: 990,
    total: 1000,
  }),
  costs: i => ({
    id: `COST-${i}`,
    source: 'fuzz',
    entityRef: 'component:default/payments-api',
    periodStart: '2026-10',
    category: 'compute',
    amount: 1234.5,
    currency: 'EUR',
  }),
  capacity: i => ({
    entityRef: 'component:default/payments-api',
    source: 'fuzz',
    resource: 'cpu',
    at: new Date(Date.UTC(2026, 9, 1) + i * 60_000).toISOString(),
    used: 12.5,
  }),
  'dr-tests': i => ({
    id: `DR-${i}`,
    source: 'fuzz',
    entityRef: 'component:default/payments-api',
    performedAt: '2026-06-10T09:00:00Z',
    result: 'passed',
    achievedRto: '45m',
    achievedRpo: 300,
    notes: 'region failover',
  }),
  corrections: i => ({
    id: `COR-${i}`,
    source: 'fuzz',
    entityRef: 'component:default/payments-api',
    agreement: 'retail-sla',
    from: '2026-10-03T10:00:00Z',
    to: '2026-10-03T11:00:00Z',
    reason: 'customer-caused',
    note: 'the customer throttled us',
  }),
};

const strangeValues = (r: Random): unknown[] => [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  2 ** 64,
  Number.MAX_SAFE_INTEGER + 2,
  0.1 + 0.2,
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  ' ',
  '💥🔥',
  'Ω≈ç√∫˜µ≤≥÷',
  '\u0000',
  '\ud800',
  '‮RTL',
  'x'.repeat(10_000 + r.int(1000)),
  '2026-02-30T00:00:00Z',
  '2026-10-03',
  '12:00',
  '1e3',
  [],
  [1, 2, 3],
  {},
  { $yaml: './x.yaml' },
  JSON.parse(`${'['.repeat(120)}${']'.repeat(120)}`),
  { __proto__: { polluted: true } },
];

function mutate(record: Record<string, unknown>, r: Random) {
  const copy: Record<string, unknown> = { ...record };
  const fields = Object.keys(copy);
  switch (r.int(4)) {
    case 0:
      delete copy[r.pick(fields)];
      break;
    case 1:
      copy[`unexpected${r.int(3)}`] = r.pick(strangeValues(r));
      break;
    default:
      copy[r.pick(fields)] = r.pick(strangeValues(r));
  }
  return copy;
}

function payloadFor(kind: RecordKind, n: number): unknown {
  const r = random(n);
  const shape = r.int(20);
  if (shape === 0) return r.pick(strangeValues(r)); // not an array at all
  if (shape === 1 && n % 50 === 1) {
    return Array.from({ length: 5001 }, (_, i) => valid[kind](i)); // one over the limit
  }
  const size = 1 + r.int(8);
  return Array.from({ length: size }, (_, i) => {
    const record = valid[kind](n * 10 + i);
    if (r.next() < 0.15) return r.pick(strangeValues(r)); // not a record
    return r.next() < 0.7 ? mutate(record, r) : record;
  });
}

const tables: Record<RecordKind, string> = {
  incidents: 'sd_incidents',
  sli: 'sd_sli',
  costs: 'sd_costs',
  capacity: 'sd_capacity',
  'dr-tests': 'sd_dr_tests',
  corrections: 'sd_corrections',
};

const kinds = Object.keys(tables) as RecordKind[];

async function count(knex: Knex, table: string) {
  const [{ n }] = await knex(table).count({ n: '*' });
  return Number(n);
}

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'ingest fuzzing on %p',
  databaseId => {
    let knex: Knex;
    let app: express.Express;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      const store = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const config = mockServices.rootConfig({ data: {} });
      const logger = mockServices.logger.mock();
      const router = await createRouter({
        logger,
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        catalog: catalogServiceMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments-api', namespace: 'default' },
              spec: { type: 'service', owner: 'group:payments' },
            },
          ],
        }),
        store,
        settings: {
          currency: 'EUR',
          tiers: {},
          partialOutageWeight: 0.5,
          validation: 'warn',
        },
        // every generated instant of a valid record lies inside the retention at this moment
        now: () => Date.parse('2027-06-01T00:00:00Z'),
      });
      app = express()
        .use(router)
        .use(MiddlewareFactory.create({ config, logger }).error());
    });

    // 10,000 generated payloads on SQLite; a quarter of that again on each PostgreSQL
    const payloads = databaseId === 'SQLITE_3' ? 10_000 : 2_500;

    it(`answers ${payloads} generated payloads without a 5xx, naming every problem, writing nothing of a rejected batch`, async () => {
      const statuses = new Map<number, number>();
      for (let n = 0; n < payloads; n++) {
        const kind = kinds[n % kinds.length];
        const before = await count(knex, tables[kind]);
        const payload = payloadFor(kind, n);
        const res = await request(app)
          .post(`/v1/ingest/${kind}`)
          .set('content-type', 'application/json')
          .send(JSON.stringify(payload));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const context = `payload #${n} (${kind}) answered ${
          res.status
        }: ${JSON.stringify(res.body).slice(0, 300)}`;
        if (![200, 400].includes(res.status)) throw new Error(context);
        if (res.status === 400) {
          if (!(res.body.problems?.length > 0)) throw new Error(context);
          for (const problem of res.body.problems) {
            const named =
              Number.isInteger(problem.index) &&
              typeof problem.path === 'string' &&
              typeof problem.message === 'string' &&
              problem.message.length > 0 &&
              // a record's problem names a field, or the record itself when it is no object
              (problem.index === -1 ||
                problem.path.length > 0 ||
                /object|record/i.test(problem.message));
            if (!named) throw new Error(`unnamed problem in ${context}`);
          }
          if ((await count(knex, tables[kind])) !== before) {
            throw new Error(`a rejected batch wrote records: ${context}`);
          }
        }
      }
      // a mutated entityRef names an entity the catalog does not know, and a mutated instant may
      // fall outside the retention: both are refused now, so fewer batches land than before
      expect(statuses.get(200)).toBeGreaterThan(payloads / 25);
      expect(statuses.get(400)).toBeGreaterThan(payloads / 2);
    });

    it('answers malformed JSON and other bodies with 400, not 500', async () => {
      for (const body of ['{', '[1,', 'nul', '"\\x"', '['.repeat(10_001)]) {
        const res = await request(app)
          .post('/v1/ingest/incidents')
          .set('content-type', 'application/json')
          .send(body);
        expect(res.status).toBe(400);
      }
      const text = await request(app)
        .post('/v1/ingest/incidents')
        .set('content-type', 'text/plain')
        .send('id,title');
      expect(text.status).toBe(400);
    });
  },
);
