import { mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  GateResponse,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import request from 'supertest';
import { DatabaseServiceDeliveryStore } from '../database/DatabaseServiceDeliveryStore';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { createRouter } from './router';

jest.setTimeout(60_000);

/*
 * Now is 2026-11-23T12:00Z. November 2026 in UTC, around the clock: 30 days = 2,592,000 s.
 *
 * checkout, retail-sla: availability 99.9 % allows 0.001 × 2,592,000 = 2,592 s. One full outage on
 * the 10th, 10:00–10:36 = 2,160 s; 432 s left = 16.67 % of the budget, below the 25 % of the
 * agreement's policy: features are frozen. No outage in the last three days, so no burn-rate alert.
 * success-rate (ratio 99 %) has its own policy, review when breached: 50 bad of 10,000 against
 * 100 allowed is met, so it is not in force. October had a 10-hour outage (breached), which must
 * freeze nothing in November.
 *
 * ledger declares no policy, so the app-config default (freeze-all when breached) governs it: a
 * 3-hour outage on the 5th = 10,800 s > 2,592 s allowed.
 *
 * brochure opts out of the default with an empty policy.
 */
const now = Date.parse('2026-11-23T12:00:00Z');

function service(name: string, agreement: object): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:payments',
      serviceDelivery: {
        serviceHours: { schedule: '24x7' },
        agreements: [{ type: 'SLA', period: 'month', ...agreement }],
      },
    },
  };
}

const checkout = service('checkout', {
  name: 'retail-sla',
  objectives: [
    { name: 'availability', kind: 'availability', target: 99.9 },
    {
      name: 'success-rate',
      kind: 'ratio',
      target: 99,
      errorBudgetPolicy: [{ when: { status: 'breached' }, action: 'review' }],
    },
  ],
  errorBudgetPolicy: [
    { when: { budgetRemainingBelow: 25 }, action: 'freeze-features' },
    { when: { burnRateAlert: 'page' }, action: 'freeze-all' },
  ],
});
const ledger = service('ledger', {
  name: 'ledger-ola',
  objectives: [{ name: 'availability', kind: 'availability', target: 99.9 }],
});
const brochure = service('brochure', {
  name: 'brochure-ola',
  objectives: [{ name: 'availability', kind: 'availability', target: 99.9 }],
  errorBudgetPolicy: [],
});

const outage = (entity: string, id: string, from: string, to: string) => ({
  id,
  source: 'pagerduty',
  entityRef: `component:default/${entity}`,
  title: `Outage ${id}`,
  priority: 'P1',
  impact: 'full',
  startedAt: from,
  resolvedAt: to,
});

const frozenFeatures =
  'retail-sla/availability has 16.67% of its error budget left, below the 25% of its policy: features are frozen';

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'the release gate on %p',
  databaseId => {
    let app: express.Express;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const store = await DatabaseServiceDeliveryStore.create({ database });
      await store.ingest('incidents', [
        outage(
          'checkout',
          'OCT',
          '2026-10-10T00:00:00Z',
          '2026-10-10T10:00:00Z',
        ),
        outage(
          'checkout',
          'NOV',
          '2026-11-10T10:00:00Z',
          '2026-11-10T10:36:00Z',
        ),
        outage('ledger', 'L1', '2026-11-05T00:00:00Z', '2026-11-05T03:00:00Z'),
      ] as any[]);
      await store.ingest('sli', [
        {
          entityRef: 'component:default/checkout',
          source: 'prometheus',
          objective: 'success-rate',
          bucketStart: '2026-11-02T00:00:00.000Z',
          bucketSeconds: 86400,
          good: 9950,
          total: 10000,
        },
      ]);
      const config = mockServices.rootConfig({ data: {} });
      const logger = mockServices.logger.mock();
      const router = await createRouter({
        logger,
        httpAuth: mockServices.httpAuth(),
        permissions: mockServices.permissions(),
        catalog: catalogServiceMock({ entities: [checkout, ledger, brochure] }),
        store,
        settings: {
          currency: 'EUR',
          tiers: {},
          partialOutageWeight: 0.5,
          validation: 'warn',
          errorBudgetPolicy: [
            { when: { status: 'breached' }, action: 'freeze-all' },
          ],
        },
        now: () => now,
      });
      app = express()
        .use(router)
        .use(MiddlewareFactory.create({ config, logger }).error());
    });

    it('denies a feature while the budget left is below the policy', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/gate?change=feature',
      );
      expect(res.status).toBe(200);
      const body: GateResponse = res.body;
      expect(body).toMatchObject({
        entityRef: 'component:default/checkout',
        change: 'feature',
        allow: false,
        reasons: [frozenFeatures],
        evaluatedAt: '2026-11-23T12:00:00.000Z',
      });
      expect(
        body.steps.map(step => [
          step.objective,
          step.action,
          step.source,
          step.inForce,
        ]),
      ).toEqual([
        ['availability', 'freeze-features', 'agreement', true],
        ['availability', 'freeze-all', 'agreement', false],
        ['success-rate', 'review', 'objective', false],
      ]);
    });

    it('lets a fix through a feature freeze', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/gate?change=fix',
      );
      expect(res.status).toBe(200);
      expect(res.body.allow).toBe(true);
      expect(res.body.reasons).toEqual([
        `${frozenFeatures} (fixes are exempt)`,
      ]);
    });

    it("applies app-config's default to an agreement without a policy", async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/ledger/gate?change=fix',
      );
      expect(res.body).toMatchObject({
        allow: false,
        reasons: [
          'ledger-ola/availability is breached: features and fixes are frozen',
        ],
      });
      expect(res.body.steps[0].source).toBe('default');
    });

    it('allows an agreement that opted out of every policy, and says so', async () => {
      const res = await request(app).get(
        '/v1/entities/component/default/brochure/gate?change=feature',
      );
      expect(res.body).toMatchObject({
        allow: true,
        reasons: ['no error-budget policy applies to this service'],
        steps: [],
      });
    });

    it('lists every decision, newest first, with who asked', async () => {
      await request(app).get(
        '/v1/entities/component/default/checkout/gate?change=feature',
      );
      await request(app).get(
        '/v1/entities/component/default/checkout/gate?change=fix',
      );
      const res = await request(app).get(
        '/v1/entities/component/default/checkout/gate/decisions?limit=2',
      );
      expect(res.status).toBe(200);
      expect(res.body.decisions).toEqual([
        {
          entityRef: 'component:default/checkout',
          change: 'fix',
          allow: true,
          reasons: [`${frozenFeatures} (fixes are exempt)`],
          requestedBy: 'user:default/mock',
          evaluatedAt: '2026-11-23T12:00:00.000Z',
        },
        {
          entityRef: 'component:default/checkout',
          change: 'feature',
          allow: false,
          reasons: [frozenFeatures],
          requestedBy: 'user:default/mock',
          evaluatedAt: '2026-11-23T12:00:00.000Z',
        },
      ]);
      const ledgerDecisions = await request(app).get(
        '/v1/entities/component/default/ledger/gate/decisions',
      );
      expect(
        ledgerDecisions.body.decisions.every(
          (d: { entityRef: string }) =>
            d.entityRef === 'component:default/ledger',
        ),
      ).toBe(true);
    });

    it.each([
      ['', "Missing query parameter 'change'"],
      [
        '?change=hotfix',
        "Invalid query parameter 'change': must be feature or fix (got 'hotfix')",
      ],
      ['?change=feature&change=fix', "Invalid query parameter 'change'"],
    ])('answers 400 naming change for %p', async (query, message) => {
      const before = await request(app).get(
        '/v1/entities/component/default/checkout/gate/decisions?limit=500',
      );
      const res = await request(app).get(
        `/v1/entities/component/default/checkout/gate${query}`,
      );
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      const after = await request(app).get(
        '/v1/entities/component/default/checkout/gate/decisions?limit=500',
      );
      expect(after.body.decisions.length).toBe(before.body.decisions.length);
    });

    it('answers 400 naming limit, and 404 for an entity the caller cannot see', async () => {
      const limit = await request(app).get(
        '/v1/entities/component/default/checkout/gate/decisions?limit=0',
      );
      expect(limit.status).toBe(400);
      expect(limit.body.error.message).toContain("'limit'");
      const missing = await request(app).get(
        '/v1/entities/component/default/nowhere/gate?change=fix',
      );
      expect(missing.status).toBe(404);
      const decisions = await request(app).get(
        '/v1/entities/component/default/nowhere/gate/decisions',
      );
      expect(decisions.status).toBe(404);
    });

    it('shows the policy on the SLA tab, from the current period whatever period is read', async () => {
      for (const query of ['', '?period=2026-10']) {
        const res = await request(app).get(
          `/v1/entities/component/default/checkout/sla${query}`,
        );
        expect(res.status).toBe(200);
        const body: SlaResponse = res.body;
        const [agreement] = body.agreements;
        expect(agreement.policy?.state).toBe('features-frozen');
        expect(agreement.policy?.period).toBe('2026-11');
        expect(agreement.policy?.steps.map(step => step.inForce)).toEqual([
          true,
          false,
          false,
        ]);
      }
      const october = await request(app).get(
        '/v1/entities/component/default/checkout/sla?period=2026-10',
      );
      // October itself was breached: its figures stay as they were, and freeze nothing now
      expect(october.body.agreements[0].status).toBe('breached');
      const optedOut = await request(app).get(
        '/v1/entities/component/default/brochure/sla',
      );
      expect(optedOut.body.agreements[0].policy).toBeUndefined();
    });
  },
);
