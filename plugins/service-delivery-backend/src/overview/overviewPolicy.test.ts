import { Entity } from '@backstage/catalog-model';
import {
  GateResponse,
  OverviewResponse,
} from '@service-delivery/plugin-service-delivery-common';
import request from 'supertest';
import {
  NOW,
  createOverviewHarness,
  entities,
} from '../__testUtils__/overviewFixtures';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = createTestDatabases();

/*
 * The overview's error-budget policy column, filter and notifications, on the small organisation of
 * the overview fixtures (16 November 2026, 00:00 UTC; November has 2,592,000 s, so a 99.9 % target
 * allows 2,592 s of downtime in the month), with policies declared on two services:
 *
 * - payments-api, retail-sla (99.9 %): freeze features below 50 % of the budget left, freeze all once
 *   breached. Without incidents 100 % is left: releases open.
 * - checkout, checkout-sla (99.9 %): freeze all on a page burn-rate alert. An outage open since 23:30
 *   on the 15th: the 1 h window is half down (burn rate 0.5 / 0.001 = 500), the 5 min one fully
 *   (1,000), both above 14.4 → a page alert fires → all frozen. Its 1,800 s of the 2,592 s allowed
 *   leave 30.6 %: not breached.
 * - the other services declare no policy: `none`.
 */

const API = 'component:default/payments-api';
const CHECKOUT = 'component:default/checkout';

const withPolicies: Entity[] = [
  ...entities.map(entity => {
    if (entity.metadata.name !== 'payments-api') return entity;
    const sd = entity.spec!.serviceDelivery as Record<string, any>;
    return {
      ...entity,
      spec: {
        ...entity.spec,
        serviceDelivery: {
          ...sd,
          agreements: [
            {
              ...sd.agreements[0],
              errorBudgetPolicy: [
                {
                  when: { budgetRemainingBelow: 50 },
                  action: 'freeze-features',
                },
                { when: { status: 'breached' }, action: 'freeze-all' },
              ],
            },
          ],
        },
      },
    };
  }),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'checkout', namespace: 'default' },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:payments',
      system: 'payments-processing',
      serviceDelivery: {
        tier: 'tier-1',
        agreements: [
          {
            name: 'checkout-sla',
            type: 'SLA',
            period: 'month',
            objectives: [
              { name: 'availability', kind: 'availability', target: 99.9 },
            ],
            errorBudgetPolicy: [
              { when: { burnRateAlert: 'page' }, action: 'freeze-all' },
            ],
          },
        ],
      },
    },
  },
];

const outage = (
  id: string,
  entityRef: string,
  startedAt: string,
  resolvedAt: string | null,
) => ({
  id,
  source: 'pagerduty',
  entityRef,
  title: `Outage ${id}`,
  priority: 'P1',
  impact: 'full' as const,
  startedAt,
  acknowledgedAt: startedAt,
  resolvedAt,
});

describe.each(databases.eachSupportedId())(
  'error-budget policies in the overview on %p',
  databaseId => {
    let now = NOW;
    let harness: Awaited<ReturnType<typeof createOverviewHarness>>;

    beforeAll(async () => {
      harness = await createOverviewHarness({
        knex: await databases.init(databaseId),
        catalogEntities: withPolicies,
        now: () => now,
      });
      await harness.measured.ingest('incidents', [
        outage('open', CHECKOUT, '2026-11-15T23:30:00.000Z', null),
      ]);
      await harness.refresher.refreshAll();
    });

    const overview = async (query = ''): Promise<OverviewResponse> => {
      const res = await request(harness.app).get(`/v1/overview${query}`);
      expect(res.status).toBe(200);
      return res.body;
    };
    // the overview's cache tells a new refresh by its time: each refresh a minute later
    const refreshLater = async () => {
      now += 60_000;
      await harness.refresher.refreshAll();
    };
    const policySends = () =>
      harness.notifications.send.mock.calls
        .map(([notification]) => notification.payload)
        .filter(payload => payload.scope?.includes(':policy:'))
        .map(payload => [payload.scope, payload.title]);

    it("shows each service's policy state, from the alerts too, as the release gate decides it", async () => {
      const body = await overview('?limit=100');
      const policies = Object.fromEntries(
        body.rows.map(row => [row.entityRef, row.policy ?? null]),
      );
      expect(policies[API]).toEqual({ state: 'normal', step: null });
      expect(policies[CHECKOUT]).toMatchObject({
        state: 'all-frozen',
        step: {
          agreement: 'checkout-sla',
          objective: 'availability',
          action: 'freeze-all',
          reason:
            'checkout-sla/availability burns its error budget fast enough to page (a page burn-rate alert is firing): features and fixes are frozen',
        },
      });
      expect(policies['component:default/reporting']).toBeNull();

      const gate = await request(harness.app).get(
        '/v1/entities/component/default/checkout/gate?change=fix',
      );
      const decision: GateResponse = gate.body;
      expect(decision.allow).toBe(false);
      expect(decision.reasons).toEqual([policies[CHECKOUT]!.step!.reason]);
    });

    it('filters by policy state and counts each state in the facets', async () => {
      const frozen = await overview('?policy=all-frozen,features-frozen');
      expect(frozen.rows.map(row => row.entityRef)).toEqual([CHECKOUT]);
      const none = await overview('?policy=none');
      expect(none.rows.map(row => row.entityRef).sort()).toEqual([
        'component:default/fraud-scoring',
        'component:default/ledger',
        'component:default/reporting',
        'resource:default/payments-db',
      ]);
      // facets count every state under the other filters, whatever policy is chosen
      expect(frozen.facets.policy).toEqual([
        { value: 'none', count: 4 },
        { value: 'all-frozen', count: 1 },
        { value: 'normal', count: 1 },
      ]);
      const findings = await request(harness.app).get(
        '/v1/findings?policy=normal',
      );
      expect(
        new Set(
          findings.body.findings.map((f: { entityRef: string }) => f.entityRef),
        ),
      ).toEqual(new Set([API]));
    });

    it('rejects an unknown policy state with a 400 that names the parameter', async () => {
      const res = await request(harness.app).get('/v1/overview?policy=frozen');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        "Invalid query parameter 'policy': 'frozen' is not one of none, normal, review, features-frozen, all-frozen",
      );
    });

    it('exports the state and the reason of its step as CSV, and sorts by state', async () => {
      const res = await request(harness.app).get(
        '/v1/overview.csv?sort=policy&order=desc&limit=2',
      );
      expect(res.status).toBe(200);
      const [header, first, second] = res.text
        .split('\r\n')
        .map(line => line.split(','));
      const column = header.indexOf('policy');
      expect(header[column + 1]).toBe('policyReason');
      expect([first[0], first[column]]).toEqual([CHECKOUT, 'all-frozen']);
      expect(first[column + 1]).toContain(
        'checkout-sla/availability burns its error budget fast enough to page',
      );
      expect([second[0], second[column], second[column + 1]]).toEqual([
        API,
        'normal',
        '',
      ]);
    });

    it('reads a row stored before rows carried a policy as none', async () => {
      const [stored] = (await harness.overviewStore.readAll()).filter(
        r => r.entityRef === CHECKOUT,
      );
      const { policy: _policy, ...before } = stored.row;
      await harness.overviewStore.write({
        rows: [
          {
            entityRef: CHECKOUT,
            row: JSON.stringify(before),
            findings: JSON.stringify(stored.findings),
          },
        ],
        computedAt: now + 1,
      });
      harness.cache.invalidate();
      const body = await overview('?policy=none');
      expect(body.rows.map(row => row.entityRef)).toContain(CHECKOUT);
      expect(body.facets.policy).toContainEqual({ value: 'none', count: 5 });
      // the next refresh writes it with its policy again
      await refreshLater();
      const again = await overview('?policy=all-frozen');
      expect(again.rows.map(row => row.entityRef)).toEqual([CHECKOUT]);
    });

    it('tells the owners of a freeze once, of a stronger one, and records its lifting silently', async () => {
      // checkout was frozen by the first refresh: told once
      expect(policySends()).toEqual([
        [
          `service-level:${CHECKOUT}:policy:checkout-sla`,
          'checkout: all changes frozen by the checkout-sla error-budget policy',
        ],
      ]);
      harness.notifications.send.mockClear();

      // payments-api: 1,800 s down of 2,592 s allowed, 30.6 % left < 50 % → features frozen
      await harness.measured.ingest('incidents', [
        outage(
          'api-1',
          API,
          '2026-11-03T10:00:00.000Z',
          '2026-11-03T10:30:00.000Z',
        ),
      ]);
      await refreshLater();
      expect(policySends()).toEqual([
        [
          `service-level:${API}:policy:retail-sla`,
          'payments-api: features frozen by the retail-sla error-budget policy',
        ],
      ]);
      const body = await overview('?policy=features-frozen');
      expect(body.rows.map(row => row.entityRef)).toEqual([API]);

      // the next refresh, nothing changed: nothing told
      harness.notifications.send.mockClear();
      await refreshLater();
      expect(policySends()).toEqual([]);

      // 3,600 s down > 2,592 s: breached → all frozen, a stronger freeze
      await harness.measured.ingest('incidents', [
        outage(
          'api-2',
          API,
          '2026-11-04T10:00:00.000Z',
          '2026-11-04T10:30:00.000Z',
        ),
      ]);
      await refreshLater();
      expect(policySends()).toEqual([
        [
          `service-level:${API}:policy:retail-sla`,
          'payments-api: all changes frozen by the retail-sla error-budget policy',
        ],
      ]);

      // December: a new period, nothing down, the outage at checkout resolved → lifted, untold
      await harness.measured.ingest('incidents', [
        outage(
          'open',
          CHECKOUT,
          '2026-11-15T23:30:00.000Z',
          '2026-11-16T00:00:00.000Z',
        ),
      ]);
      harness.notifications.send.mockClear();
      now = Date.parse('2026-12-02T00:00:00Z');
      await refreshLater();
      expect(policySends()).toEqual([]);
      const states = await harness.overviewStore.notificationStates([
        API,
        CHECKOUT,
      ]);
      expect(states.get(`${API}|policy:retail-sla`)).toBe('ok');
      expect(states.get(`${CHECKOUT}|policy:checkout-sla`)).toBe('ok');
      const lifted = await overview('?policy=normal');
      expect(lifted.rows.map(row => row.entityRef).sort()).toEqual([
        CHECKOUT,
        API,
      ]);
    });
  },
);
