import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import {
  AlertSeverity,
  OverviewRow,
  emptyFindingCounts,
  errorBudgetPolicyState,
  evaluateErrorBudgetPolicy,
  serviceDeliveryFindings,
  stepsInForce,
} from '@service-delivery/plugin-service-delivery-common';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { OwnerNotifier } from './OwnerNotifier';
import { ComputedRow } from './overviewRows';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const API = 'component:default/payments-api';
const OWNER = 'group:default/payments';

/*
 * payments-api's retail-sla declares: notify below 50 % of the budget left, freeze everything on a
 * page burn-rate alert, ask for reviews once breached. Each refresh evaluates the figures given, the
 * findings come from -common, and the notifier compares them with the states in the database.
 */
const policy = {
  source: 'agreement' as const,
  steps: [
    { when: { budgetRemainingBelow: 50 }, action: 'notify' as const },
    { when: { burnRateAlert: 'page' as const }, action: 'freeze-all' as const },
    { when: { status: 'breached' as const }, action: 'review' as const },
  ],
};

function computed(
  remainingShare: number,
  firingAlerts: AlertSeverity[] = [],
  status: 'met' | 'breached' = 'met',
): ComputedRow[] {
  const steps = evaluateErrorBudgetPolicy(
    {
      agreement: 'retail-sla',
      objective: 'availability',
      remainingShare,
      firingAlerts,
      status,
      currentPeriod: true,
    },
    policy,
  );
  const headlines = {
    serviceLevel: {
      status: 'met' as const,
      worstAgreement: 'retail-sla',
      period: '2026-11',
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA' as const,
          period: '2026-11',
          periodOver: false,
          status: 'met' as const,
          objectives: [],
          policy: {
            state: errorBudgetPolicyState(steps),
            inForce: stepsInForce(steps),
          },
        },
      ],
      budgetRemainingShare: remainingShare,
      budgetObjective: 'retail-sla/availability',
    },
    availability: null,
    cost: null,
    capacity: null,
    continuity: null,
  };
  const row: OverviewRow = {
    ...headlines,
    entityRef: API,
    kind: 'component',
    namespace: 'default',
    name: 'payments-api',
    title: null,
    type: 'service',
    lifecycle: 'production',
    owner: OWNER,
    ownerAncestry: [OWNER],
    system: null,
    domain: null,
    tier: 'tier-1',
    status: 'met',
    problems: 0,
    findings: emptyFindingCounts(),
    links: {},
    dependsOn: [],
    redundancy: [],
  };
  return [
    {
      row,
      findings: serviceDeliveryFindings({
        entityRef: API,
        problems: [],
        ...headlines,
      }),
    },
  ];
}

describe.each(databases.eachSupportedId())(
  'OwnerNotifier and error-budget policies on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseOverviewStore;
    let send: jest.Mock;
    let notifier: OwnerNotifier;
    let now = Date.parse('2026-11-16T00:00:00Z');

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseOverviewStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    });

    beforeEach(async () => {
      await knex('sd_notification_state').delete();
      send = jest.fn(async () => {});
      notifier = new OwnerNotifier({
        overviewStore: store,
        notifications: { send } as unknown as NotificationService,
        logger: mockServices.logger.mock(),
        now: () => (now += 60_000),
      });
    });

    const told = () =>
      send.mock.calls.map(([{ recipients, payload }]) => [
        recipients.entityRef,
        payload.title,
        payload.severity,
        payload.scope,
      ]);
    const recorded = async () =>
      (await store.notificationStates([API])).get(`${API}|policy:retail-sla`);
    const SCOPE = `service-level:${API}:policy:retail-sla`;

    it('tells the owners of a notice, of the freeze over it, of the freeze lifted back to it, and not of the end', async () => {
      expect(await notifier.notify(computed(0.8))).toEqual({ sent: 0 });
      expect(await recorded()).toBeUndefined();

      // 40 % left < 50 %: the notify step comes into force
      expect(await notifier.notify(computed(0.4))).toEqual({ sent: 1 });
      expect(told()).toEqual([
        [
          OWNER,
          'payments-api: notice from the retail-sla error-budget policy',
          'low',
          SCOPE,
        ],
      ]);
      expect(send.mock.calls[0][0].payload.description).toBe(
        "The error-budget policy of payments-api's SLA retail-sla notifies its team: retail-sla/availability has 40% of its error budget left, below the 50% of its policy: the team is notified.",
      );
      expect(send.mock.calls[0][0].payload.link).toBe(
        '/catalog/default/component/payments-api/sla',
      );
      expect(await recorded()).toBe('notify');

      // the next refresh, nothing changed: nothing told
      send.mockClear();
      expect(await notifier.notify(computed(0.4))).toEqual({ sent: 0 });

      // a page alert: everything frozen, the same subject changes state
      expect(await notifier.notify(computed(0.3, ['page']))).toEqual({
        sent: 1,
      });
      expect(told()).toEqual([
        [
          OWNER,
          'payments-api: all changes frozen by the retail-sla error-budget policy',
          'high',
          SCOPE,
        ],
      ]);
      expect(await recorded()).toBe('all-frozen');

      // the alert stops; 30 % is still below 50 %: the freeze is lifted back to the notice
      send.mockClear();
      expect(await notifier.notify(computed(0.3))).toEqual({ sent: 1 });
      expect(told()).toEqual([
        [OWNER, 'payments-api: the retail-sla freeze is lifted', 'low', SCOPE],
      ]);
      expect(send.mock.calls[0][0].payload.description).toContain(
        'retail-sla/availability has 30% of its error budget left',
      );
      expect(await recorded()).toBe('notify');

      // a new period, the whole budget left: recorded as ok, untold
      send.mockClear();
      expect(await notifier.notify(computed(1))).toEqual({ sent: 0 });
      expect(send).not.toHaveBeenCalled();
      expect(await recorded()).toBe('ok');
    });

    it('tells of a review, and of a freeze lifted back to it', async () => {
      expect(await notifier.notify(computed(-0.2, [], 'breached'))).toEqual({
        sent: 1,
      });
      expect(told()).toEqual([
        [
          OWNER,
          'payments-api: changes need a review of the error budget (retail-sla error-budget policy)',
          'low',
          SCOPE,
        ],
      ]);
      await notifier.notify(computed(-0.2, ['page'], 'breached'));
      send.mockClear();
      expect(await notifier.notify(computed(-0.2, [], 'breached'))).toEqual({
        sent: 1,
      });
      expect(told()).toEqual([
        [
          OWNER,
          'payments-api: the retail-sla freeze is lifted, changes still need a review of the error budget',
          'low',
          SCOPE,
        ],
      ]);
      expect(await recorded()).toBe('review');
    });

    it('sends once between two replicas refreshing at the same time', async () => {
      const other = new OwnerNotifier({
        overviewStore: store,
        notifications: { send } as unknown as NotificationService,
        logger: mockServices.logger.mock(),
        now: () => now,
      });
      const results = await Promise.all([
        notifier.notify(computed(0.4)),
        other.notify(computed(0.4)),
      ]);
      expect(results.map(r => r.sent).sort()).toEqual([0, 1]);
      expect(told().map(([, title]) => title)).toEqual([
        'payments-api: notice from the retail-sla error-budget policy',
      ]);
    });
  },
);
