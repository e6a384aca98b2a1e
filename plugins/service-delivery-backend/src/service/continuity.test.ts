import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  ContinuityResponse,
  ImpactResponse,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRouter } from './router';

jest.setTimeout(60_000);

const HOUR = 3600;
const MINUTE = 60;

/*
 * Read on 23 November 2026 at 12:00 UTC, with the tiers of the demo:
 *   tier-1: 99.95 %, RTO 1h, RPO 15m, test every 6mo (180 days); tier-2: 99.9 %, RTO 4h, RPO 1h, 1y.
 *
 * web (tier-1, RTO 1h, RPO 15m, hot standby, 120,000 EUR an hour) needs profile (tier-2, so RTO 4h)
 * and either database: db-eu (tier-1, RTO 15m) or db-us (no tier, RTO 8h). The pair is fine because
 * db-eu recovers in time; profile is an inversion on both counts.
 *   Last DR test 2026-05-16 08:00Z, passed in 40m losing 5m of data; 180 days later is 2026-11-12
 *   (May 16 → Jun 16 31 d, → Jul 16 61, → Aug 16 92, → Sep 16 123, → Oct 16 153, + 27 = 180):
 *   overdue since 2026-11-12.
 *   One full outage of 1h on 2026-10-06 in the past 365 days of 24x7 UTC service time:
 *   availability = (31,536,000 − 3,600) / 31,536,000 = 99.98858 %; expected annual loss =
 *   (3,600 / 31,536,000) × 8,760 h × 120,000 = (1 / 8,760) × 8,760 × 120,000 = 120,000 EUR.
 *
 * card-auth (tier-1, no continuity figures of its own, 180,000 EUR an hour, agreed 99.95 %) needs hsm
 * (no tier, RTO 1d, strategy none): never tested; no incidents, so the loss uses the target:
 * 0.0005 × 8,760 × 180,000 = 788,400 EUR. hsm's 1d is longer than card-auth's 1h from tier-1.
 */
const tiers = {
  'tier-1': { availability: 99.95, rto: '1h', rpo: '15m', testEvery: '6mo' },
  'tier-2': { availability: 99.9, rto: '4h', rpo: '1h', testEvery: '1y' },
};

function entity(
  kind: string,
  name: string,
  spec: Record<string, unknown>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: { owner: 'group:payments', ...spec },
  };
}

const entities: Entity[] = [
  entity('Component', 'web', {
    type: 'website',
    system: 'digital',
    dependsOn: ['component:profile', 'resource:db-eu', 'resource:db-us'],
    serviceDelivery: {
      tier: 'tier-1',
      redundancy: [{ anyOf: ['resource:db-eu', 'resource:db-us'] }],
      serviceHours: { timezone: 'UTC', schedule: '24x7' },
      agreements: [
        {
          name: 'retail',
          type: 'SLA',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.95 },
          ],
        },
      ],
      continuity: {
        rto: '1h',
        rpo: '15m',
        strategy: 'hot-standby',
        plan: 'https://example.com/dr/web',
        sites: ['eu-west-1', 'eu-central-1'],
        businessImpact: { costPerHour: 120000, notes: 'no online banking' },
        risks: [
          { threat: 'zone-outage', likelihood: 'low', impact: 'medium' },
          {
            threat: 'bad-deploy',
            likelihood: 'medium',
            impact: 'high',
            mitigation: 'canaries',
          },
        ],
      },
    },
  }),
  entity('Component', 'profile', {
    type: 'service',
    system: 'digital',
    serviceDelivery: { tier: 'tier-2' },
  }),
  entity('Resource', 'db-eu', {
    type: 'database',
    serviceDelivery: { tier: 'tier-1', continuity: { rto: '15m' } },
  }),
  entity('Resource', 'db-us', {
    type: 'database',
    serviceDelivery: { continuity: { rto: '8h' } },
  }),
  entity('Component', 'card-auth', {
    type: 'service',
    dependsOn: ['resource:hsm'],
    serviceDelivery: {
      tier: 'tier-1',
      continuity: {
        strategy: 'hot-standby',
        businessImpact: { costPerHour: 180000, currency: 'GBP' },
      },
    },
  }),
  entity('Resource', 'hsm', {
    type: 'hsm',
    serviceDelivery: { continuity: { rto: '1d', strategy: 'none' } },
  }),
  entity('System', 'digital', { serviceDelivery: { tier: 'tier-2' } }),
];

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'continuity routes on %p',
  databaseId => {
    let app: express.Express;
    let catalog: ReturnType<typeof catalogServiceMock>;
    let store: DatabaseServiceDeliveryStore;
    let ingested: request.Response;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      store = await DatabaseServiceDeliveryStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      await store.ingest('incidents', [
        {
          id: 'INC-1',
          source: 'pagerduty',
          entityRef: 'component:default/web',
          title: 'Web banking down',
          impact: 'full',
          startedAt: '2026-10-06T10:00:00.000Z',
          resolvedAt: '2026-10-06T11:00:00.000Z',
        },
      ]);
      const config = mockServices.rootConfig({ data: {} });
      const logger = mockServices.logger.mock();
      const router = await createRouter({
        logger,
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        catalog: (catalog = catalogServiceMock({ entities })),
        store,
        settings: {
          currency: 'EUR',
          tiers,
          partialOutageWeight: 0.5,
          validation: 'warn',
        },
        now: () => Date.parse('2026-11-23T12:00:00Z'),
      });
      app = express()
        .use(router)
        .use(MiddlewareFactory.create({ config, logger }).error());

      // durations in either form, as an outside tool sends them
      ingested = await request(app)
        .post('/v1/ingest/dr-tests')
        .send([
          {
            id: 'DR-2026-05',
            source: 'dr-runbook',
            entityRef: 'component:default/web',
            performedAt: '2026-05-16T08:00:00Z',
            result: 'passed',
            achievedRto: '40m',
            achievedRpo: 300,
            notes: 'Failed over to eu-central-1',
          },
          {
            id: 'DR-2025-11',
            source: 'dr-runbook',
            entityRef: 'component:default/web',
            performedAt: '2025-11-15T08:00:00Z',
            result: 'failed',
            achievedRto: '2h',
            achievedRpo: '10m',
          },
        ]);
    });

    it('takes DR tests through the ingest route, durations in either form', () => {
      expect(ingested.status).toBe(200);
      expect(ingested.body).toEqual({ accepted: 2, updated: 0, unchanged: 0 });
    });

    it('answers the hand-computed continuity of a service', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/web/continuity',
      );
      expect(res.status).toBe(200);
      const body: ContinuityResponse = res.body;
      expect(body).toEqual(
        expect.objectContaining({
          entityRef: 'component:default/web',
          declared: true,
          tier: 'tier-1',
          rto: HOUR,
          rpo: 15 * MINUTE,
          testEvery: 180 * 24 * HOUR,
          policy: {
            tier: 'tier-1',
            rank: 0,
            availability: 99.95,
            rto: HOUR,
            rpo: 15 * MINUTE,
            testEvery: 180 * 24 * HOUR,
          },
          strategy: 'hot-standby',
          plan: 'https://example.com/dr/web',
          sites: ['eu-west-1', 'eu-central-1'],
          testOverdue: true,
          testState: 'overdue',
          testDueAt: '2026-11-12T08:00:00.000Z',
          status: 'fail',
          businessImpact: {
            costPerHour: 120000,
            currency: 'EUR',
            notes: 'no online banking',
          },
          problems: [],
        }),
      );
      expect(body.objectives.rto).toEqual({
        declared: HOUR,
        policy: HOUR,
        effective: HOUR,
        source: 'declared',
      });
      expect(body.expectedAnnualLoss).toEqual({
        amount: expect.closeTo(120_000, 6),
        currency: 'EUR',
        availability: expect.closeTo(
          ((31_536_000 - 3_600) / 31_536_000) * 100,
          9,
        ),
        basis: 'measured',
        costPerHour: 120000,
      });
      expect(body.drTests).toEqual([
        {
          id: 'DR-2026-05',
          source: 'dr-runbook',
          performedAt: '2026-05-16T08:00:00.000Z',
          result: 'passed',
          achievedRto: 40 * MINUTE,
          achievedRpo: 5 * MINUTE,
          notes: 'Failed over to eu-central-1',
          rtoMet: true,
          rpoMet: true,
        },
        expect.objectContaining({
          id: 'DR-2025-11',
          result: 'failed',
          achievedRto: 2 * HOUR,
          rtoMet: false,
          rpoMet: true,
        }),
      ]);
      expect(body.lastTest?.id).toBe('DR-2026-05');
      expect(body.risks.map(r => [r.threat, r.score, r.rating])).toEqual([
        ['bad-deploy', 6, 'high'],
        ['zone-outage', 2, 'low'],
      ]);
      expect(body.inversions).toEqual([
        {
          entityRef: 'component:default/profile',
          path: ['component:default/web', 'component:default/profile'],
          reasons: ['rto', 'tier'],
          rto: 4 * HOUR,
          tier: 'tier-2',
        },
      ]);
      expect(body.checks.map(c => [c.id, c.status])).toEqual([
        ['rto-within-policy', 'pass'],
        ['rpo-within-policy', 'pass'],
        ['recovery-strategy', 'pass'],
        ['dr-test-due', 'fail'],
        ['dr-test-result', 'pass'],
        ['dr-test-rto', 'pass'],
        ['dr-test-rpo', 'pass'],
        ['dependency-inversion', 'fail'],
        ['risk-register', 'pass'],
      ]);
      expect(body.checks[3].message).toBe(
        'The DR test is overdue: last tested on 2026-05-16, due again every 180d, so due since 2026-11-12.',
      );
      expect(body.checks[7]).toEqual({
        id: 'dependency-inversion',
        status: 'fail',
        message:
          "profile recovers in 4h, more than this service's RTO of 1h and is tier-2, a lower tier than tier-1: when it fails, this service cannot meet its recovery objective.",
        subjects: ['component:default/profile'],
      });
    });

    it('falls back to the target for the loss, and finds an inversion the tier implies', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/card-auth/continuity',
      );
      expect(res.status).toBe(200);
      const body: ContinuityResponse = res.body;
      expect(body.rto).toBe(HOUR);
      expect(body.objectives.rto.source).toBe('policy');
      expect(body.lastTest).toBeNull();
      expect(body.testOverdue).toBe(true);
      expect(body.testState).toBe('never-tested');
      expect(body.expectedAnnualLoss).toEqual({
        amount: expect.closeTo(788_400, 6),
        currency: 'GBP',
        availability: 99.95,
        basis: 'target',
        costPerHour: 180000,
      });
      expect(body.inversions.map(i => [i.entityRef, i.reasons, i.rto])).toEqual(
        [['resource:default/hsm', ['rto'], 24 * HOUR]],
      );
    });

    it('warns about a none strategy without a tier', async () => {
      const res = await request(app).get(
        '/v1/entities/resource/default/hsm/continuity',
      );
      const body: ContinuityResponse = res.body;
      expect(body.policy).toBeNull();
      expect(body.checks.find(c => c.id === 'recovery-strategy')).toEqual(
        expect.objectContaining({ status: 'warn' }),
      );
    });

    it('answers what fails with an entity, and what survives on redundancy', async () => {
      const hsm = await request(app).get(
        '/v1/entities/resource/default/hsm/impact',
      );
      expect(hsm.status).toBe(200);
      const body: ImpactResponse = hsm.body;
      expect(body.entityRef).toBe('resource:default/hsm');
      expect(body.failsWith).toEqual([
        {
          entityRef: 'component:default/card-auth',
          kind: 'component',
          tier: 'tier-1',
          tierRank: 0,
          depth: 1,
          cause: 'resource:default/hsm',
          via: 'dependsOn',
        },
      ]);
      expect(body.singlePointOfFailureFor).toEqual([
        { entityRef: 'component:default/card-auth', tier: 'tier-1' },
      ]);
      expect(body.graph.entities).toBe(entities.length);

      const dbEu: ImpactResponse = (
        await request(app).get('/v1/entities/resource/default/db-eu/impact')
      ).body;
      expect(dbEu.failsWith).toEqual([]);
      expect(dbEu.singlePointOfFailureFor).toEqual([]);
      expect(dbEu.survives).toEqual([
        {
          entityRef: 'component:default/web',
          tier: 'tier-1',
          lost: ['resource:default/db-eu'],
          alternatives: ['resource:default/db-us'],
        },
      ]);

      // profile takes down web, and the system through web, its entry part
      const profile: ImpactResponse = (
        await request(app).get('/v1/entities/component/default/profile/impact')
      ).body;
      expect(profile.failsWith.map(f => [f.entityRef, f.depth, f.via])).toEqual(
        [
          ['component:default/web', 1, 'dependsOn'],
          ['system:default/digital', 2, 'partOf'],
        ],
      );
    });

    it("answers impact from the caller's graph snapshot, reading by name only what the snapshot lacks", async () => {
      const byName = jest.spyOn(catalog, 'getEntityByRef');
      const first = await request(app).get(
        '/v1/entities/resource/default/hsm/impact',
      );
      const again = await request(app).get(
        '/v1/entities/Resource/default/hsm/impact',
      );
      expect(again.body).toEqual(first.body);
      expect(byName).not.toHaveBeenCalled();
      // one the snapshot lacks is read by name: here the catalog does not know it either
      const unknown = await request(app).get(
        '/v1/entities/component/default/nope/impact',
      );
      expect(unknown.status).toBe(404);
      expect(byName).toHaveBeenCalledTimes(1);
      byName.mockRestore();
    });

    it('answers 404 for an entity not in the catalog', async () => {
      for (const route of ['continuity', 'impact']) {
        const res = await request(app).get(
          `/v1/entities/component/default/nope/${route}`,
        );
        expect(res.status).toBe(404);
      }
    });
  },
);
