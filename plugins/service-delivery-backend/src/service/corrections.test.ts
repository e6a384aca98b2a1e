import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  EntityRule,
  appSeenThrough,
  ownerInFixtures,
  testPermissions,
} from '../__testUtils__/entityPolicy';
import {
  createOverviewHarness,
  loadMeasuredData,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

/*
 * SLA corrections through the real router and store, on the fixtures' payments-api (read on
 * 16 November 2026): retail-sla 99.9 % over November, one full outage A of 3,600 s on the 3rd
 * against 2,592 s allowed, so breached; alice is in payments, dave in data.
 */

const databases = createTestDatabases();

const ALICE = 'user:default/alice';
const DAVE = 'user:default/dave';
const TEAM: Record<string, string> = { [ALICE]: 'payments', [DAVE]: 'data' };
const ownOnly: EntityRule = (user, ref) => TEAM[user] === ownerInFixtures(ref);
const as = (user: string) => mockCredentials.user.header(user);

const API = 'component:default/payments-api';
const PATH = 'component/default/payments-api';
const MONTH_SO_FAR = 1_296_000;

const customerCaused = {
  id: 'COR-1',
  source: 'service-desk',
  entityRef: API,
  incident: { source: 'pagerduty', id: 'A' },
  reason: 'customer-caused',
  note: 'Retail banking pushed a bad firewall rule (CHG-4711)',
};

describe.each(databases.eachSupportedId())(
  'SLA corrections on %p',
  databaseId => {
    async function harness() {
      const { permissions } = testPermissions({
        'service-delivery.data.write': ownOnly,
      });
      const knex = await databases.init(databaseId);
      const h = await createOverviewHarness({ knex });
      await loadMeasuredData(h.measured);
      const app = await appSeenThrough(h, { permissions });
      return { ...h, app, knex };
    }

    it('an excluded incident leaves the agreed figures, and the measured ones as they were', async () => {
      const { app } = await harness();
      const before = await request(app).get(`/v1/entities/${PATH}/sla`);
      expect(before.body.agreements[0].status).toBe('breached');

      const ingested = await request(app)
        .post('/v1/ingest/corrections')
        .set('authorization', as(ALICE))
        .send([customerCaused]);
      expect(ingested.status).toBe(200);
      expect(ingested.body).toMatchObject({ accepted: 1, updated: 0 });

      const sla = await request(app).get(`/v1/entities/${PATH}/sla`);
      const [retail] = sla.body.agreements;
      expect(retail.status).toBe('met');
      expect(retail.objectives[0]).toMatchObject({
        actual: 100,
        status: 'met',
        errorBudget: { consumed: 0, remainingShare: 1, burnRate: 0 },
      });
      // the P1 outage no longer counts against the support targets either
      expect(retail.support[0].incidents).toBe(0);
      expect(retail.corrections).toEqual([
        {
          ...customerCaused,
          writtenBy: ALICE,
          writtenAt: '2026-11-16T00:00:00.000Z',
        },
      ]);
      expect(sla.body.corrections).toEqual([
        expect.objectContaining({ id: 'COR-1', appliedTo: ['retail-sla'] }),
      ]);

      const availability = await request(app).get(
        `/v1/entities/${PATH}/availability`,
      );
      expect(availability.body.availability).toBeCloseTo(
        ((MONTH_SO_FAR - 3600) / MONTH_SO_FAR) * 100,
        9,
      );
      expect(availability.body.downtime).toBe(3600);
      expect(availability.body.agreed).toEqual([
        {
          agreement: 'retail-sla',
          availability: 100,
          downtime: 0,
          agreedServiceTime: MONTH_SO_FAR,
          corrections: 1,
        },
      ]);
    });

    it('an interval naming another agreement changes nothing of retail-sla', async () => {
      const { app } = await harness();
      const res = await request(app)
        .post('/v1/ingest/corrections')
        .set('authorization', as(ALICE))
        .send([
          {
            ...customerCaused,
            incident: undefined,
            agreement: 'wholesale-sla',
            from: '2026-11-03T10:00:00Z',
            to: '2026-11-03T11:00:00Z',
            reason: 'force-majeure',
          },
        ]);
      expect(res.status).toBe(200);
      const sla = await request(app).get(`/v1/entities/${PATH}/sla`);
      expect(sla.body.agreements[0].status).toBe('breached');
      expect(sla.body.agreements[0].corrections).toBeUndefined();
      // listed for the period all the same, applied to no agreement
      expect(sla.body.corrections).toEqual([
        expect.objectContaining({ id: 'COR-1', appliedTo: [] }),
      ]);
      const availability = await request(app).get(
        `/v1/entities/${PATH}/availability`,
      );
      expect(availability.body.agreed).toBeUndefined();
    });

    it('an interval over half the outage takes that half out of agreed time and downtime', async () => {
      const { app } = await harness();
      await request(app)
        .post('/v1/ingest/corrections')
        .set('authorization', as(ALICE))
        .send([
          {
            ...customerCaused,
            incident: undefined,
            from: '2026-11-03T10:30:00Z',
            to: '2026-11-03T12:00:00Z',
            reason: 'monitoring-error',
          },
        ])
        .expect(200);
      const sla = await request(app).get(`/v1/entities/${PATH}/sla`);
      const objective = sla.body.agreements[0].objectives[0];
      // 1,800 s down of (1,296,000 − 5,400) s; 0.1 % of (2,592,000 − 5,400) s allowed
      expect(objective.errorBudget.consumed).toBe(1800);
      expect(objective.errorBudget.allowed).toBeCloseTo(2586.6, 9);
      expect(objective.actual).toBeCloseTo(
        ((MONTH_SO_FAR - 5400 - 1800) / (MONTH_SO_FAR - 5400)) * 100,
        9,
      );
      expect(objective.status).toBe('at-risk');
    });

    it('the overview and the SLA report count the agreed figures, and the report says who and why', async () => {
      const { app, refresher } = await harness();
      await request(app)
        .post('/v1/ingest/corrections')
        .set('authorization', as(ALICE))
        .send([customerCaused])
        .expect(200);
      await refresher.refreshAll();
      const overview = await request(app).get('/v1/overview?q=payments-api');
      const row = overview.body.rows.find(
        (r: { entityRef: string }) => r.entityRef === API,
      );
      expect(row.serviceLevel).toMatchObject({
        status: 'met',
        budgetRemainingShare: 1,
      });

      const report = await request(app).get(
        `/v1/reports/sla?entityRef=${API}&period=2026-11`,
      );
      const [service] = report.body.services;
      expect(service.agreements[0]).toMatchObject({
        status: 'met',
        serviceCredits: { state: 'none' },
        corrections: [
          {
            id: 'COR-1',
            reason: 'customer-caused',
            note: customerCaused.note,
            writtenBy: ALICE,
          },
        ],
      });
      const csv = await request(app).get(
        `/v1/reports/sla.csv?entityRef=${API}&period=2026-11`,
      );
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toContain(
        'correctionExcludes,correctionReason,correctionNote,correctedBy',
      );
      expect(lines.find(line => line.includes(',correction,'))).toMatch(
        /,incident pagerduty\/A,customer-caused,Retail banking pushed a bad firewall rule \(CHG-4711\),user:default\/alice$/,
      );
    });

    it('is written only by who may write for the entity, and refused naming the field', async () => {
      const { app, knex } = await harness();
      const refused = await request(app)
        .post('/v1/ingest/corrections')
        .set('authorization', as(DAVE))
        .send([customerCaused]);
      expect(refused.status).toBe(403);

      const bad = await request(app)
        .post('/v1/ingest/corrections')
        .set('authorization', as(ALICE))
        .send([{ ...customerCaused, reason: 'bad-luck', note: undefined }]);
      expect(bad.status).toBe(400);
      expect(bad.body.problems.map((p: { path: string }) => p.path)).toEqual([
        'note',
        'reason',
      ]);
      const [{ n }] = await knex('sd_corrections').count({ n: '*' });
      expect(Number(n)).toBe(0);
    });

    it('removing one is audited and the figures are measured again', async () => {
      const { app } = await harness();
      await request(app)
        .post('/v1/ingest/corrections')
        .set('authorization', as(ALICE))
        .send([customerCaused])
        .expect(200);
      expect(
        (
          await request(app)
            .delete('/v1/records/corrections/service-desk/COR-1')
            .set('authorization', as(DAVE))
        ).status,
      ).toBe(403);
      const removed = await request(app)
        .delete('/v1/records/corrections/service-desk/COR-1')
        .set('authorization', as(ALICE));
      expect(removed.status).toBe(200);
      expect(removed.body.retracted).toEqual({
        kind: 'corrections',
        source: 'service-desk',
        id: 'COR-1',
        entityRef: API,
      });
      const sla = await request(app).get(`/v1/entities/${PATH}/sla`);
      expect(sla.body.agreements[0].status).toBe('breached');
      const audit = await request(app)
        .get(`/v1/audit?entityRef=${API}`)
        .set('authorization', as(ALICE));
      expect(
        audit.body.entries
          .filter((e: { kind: string }) => e.kind === 'corrections')
          .map((e: { action: string; by: string }) => [e.action, e.by]),
      ).toEqual([
        ['retracted', ALICE],
        ['created', ALICE],
      ]);
    });
  },
);
