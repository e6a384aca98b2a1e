import { mockServices } from '@backstage/backend-test-utils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import {
  AlertSeverity,
  Finding,
  OverviewRow,
  emptyFindingCounts,
  errorBudgetPolicyState,
  evaluateErrorBudgetPolicy,
  notificationKey,
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

const LEDGER = 'group:default/ledger';

function finding(
  service: string,
  discipline: Finding['discipline'],
  subject: string,
  state: string,
  severity: Finding['severity'],
): Finding {
  const entityRef = `component:default/${service}`;
  return {
    id: `${discipline}:${entityRef}:${subject}`,
    severity,
    entityRef,
    discipline,
    subject,
    state,
    message: `${service}: ${subject} is ${state}.`,
    link: `/catalog/default/component/${service}`,
  };
}

const overdue = (service: string) =>
  finding(service, 'continuity', 'dr-test', 'overdue', 'medium');

/** Rows of the given owner with these findings, one row per entity. */
function owned(owner: string, findings: Finding[]): ComputedRow[] {
  const refs = [...new Set(findings.map(f => f.entityRef))];
  return refs.map(entityRef => ({
    row: { entityRef, owner } as OverviewRow,
    findings: findings.filter(f => f.entityRef === entityRef),
  }));
}

describe.each(databases.eachSupportedId())(
  'OwnerNotifier digests on %p',
  databaseId => {
    let knex: Knex;
    let store: DatabaseOverviewStore;
    let send: jest.Mock;
    const now = Date.parse('2026-11-16T00:00:00Z');

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      store = await DatabaseOverviewStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
    });

    beforeEach(async () => {
      await knex('sd_notification_state').delete();
      send = jest.fn(async () => {});
    });

    const notifierWith = (digestAbove?: number) =>
      new OwnerNotifier({
        overviewStore: store,
        notifications: { send } as unknown as NotificationService,
        logger: mockServices.logger.mock(),
        now: () => now,
        digestAbove,
      });
    const told = () =>
      send.mock.calls.map(([{ recipients, payload }]) => [
        recipients.entityRef,
        payload.title,
      ]);

    // payments: 6 changes, the most severe a breach; ledger: 2
    const payments = [
      overdue('svc-1'),
      overdue('svc-2'),
      overdue('svc-3'),
      overdue('svc-4'),
      finding(
        'svc-5',
        'service-level',
        'objective:gold/availability',
        'breached',
        'high',
      ),
      finding(
        'svc-6',
        'service-level',
        'objective:gold/latency',
        'at-risk',
        'medium',
      ),
    ];
    const ledger = [
      overdue('ledger-api'),
      finding(
        'ledger-db',
        'capacity',
        'resource:storage',
        'critical-soon',
        'high',
      ),
    ];
    const paymentsDigest = {
      title: 'payments: 6 service delivery changes',
      description:
        '1 objective breached, 1 objective at risk, 4 DR tests overdue. Most severe: svc-5: gold/availability breached; svc-1: DR test overdue; svc-2: DR test overdue; and 3 more.',
      link: '/catalog/default/group/payments/service-delivery',
      severity: 'high',
      topic: 'service-delivery',
      scope: expect.stringMatching(
        /^service-delivery-digest:group:default\/payments:1794787200000:[0-9a-f]{16}$/,
      ),
    };

    it('tells each change of an owner with at most 5 of them as today', async () => {
      const five = payments.slice(0, 5);
      expect(await notifierWith().notify(owned(OWNER, five))).toEqual({
        sent: 5,
      });
      expect(told()).toEqual([
        [OWNER, 'svc-1: DR test overdue'],
        [OWNER, 'svc-2: DR test overdue'],
        [OWNER, 'svc-3: DR test overdue'],
        [OWNER, 'svc-4: DR test overdue'],
        [OWNER, 'svc-5: gold/availability breached'],
      ]);
      expect(send.mock.calls[4][0].payload).toEqual({
        title: 'svc-5: gold/availability breached',
        description: 'svc-5: objective:gold/availability is breached.',
        link: '/catalog/default/component/svc-5',
        severity: 'high',
        topic: 'service-delivery',
        scope:
          'service-level:component:default/svc-5:objective:gold/availability',
      });
    });

    it('sends one digest to an owner with more than 5 changes, and the others their messages', async () => {
      expect(
        await notifierWith().notify([
          ...owned(OWNER, payments),
          ...owned(LEDGER, ledger),
        ]),
      ).toEqual({ sent: 3 });
      expect(send).toHaveBeenCalledTimes(3);
      expect(send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: OWNER },
        payload: paymentsDigest,
      });
      expect(told().filter(([owner]) => owner === LEDGER)).toEqual([
        [LEDGER, 'ledger-api: DR test overdue'],
        [LEDGER, 'ledger-db: storage reaches its critical level soon'],
      ]);
      // every change of the digest is recorded: the next refresh tells nothing
      expect(
        Object.fromEntries(
          await store.notificationStates(payments.map(f => f.entityRef)),
        ),
      ).toEqual(
        Object.fromEntries(payments.map(f => [notificationKey(f), f.state])),
      );
      send.mockClear();
      expect(
        await notifierWith().notify([
          ...owned(OWNER, payments),
          ...owned(LEDGER, ledger),
        ]),
      ).toEqual({ sent: 0 });
    });

    it('counts the changes of a later pass only, at the highest severity among them', async () => {
      await notifierWith().notify(owned(OWNER, payments.slice(0, 4)));
      send.mockClear();
      // two more overdue, and two freezes: the four recorded ones are no news
      const later = [
        ...payments.slice(0, 4),
        overdue('svc-7'),
        overdue('svc-8'),
        finding('svc-1', 'service-level', 'policy:gold', 'all-frozen', 'high'),
        finding(
          'svc-2',
          'service-level',
          'policy:gold',
          'features-frozen',
          'medium',
        ),
      ];
      expect(await notifierWith(3).notify(owned(OWNER, later))).toEqual({
        sent: 1,
      });
      expect(send.mock.calls[0][0].payload).toMatchObject({
        title: 'payments: 4 service delivery changes',
        description:
          '1 freeze of all changes, 1 feature freeze, 2 DR tests overdue. Most severe: svc-1: all changes frozen by the gold error-budget policy; svc-2: features frozen by the gold error-budget policy; svc-7: DR test overdue; and 1 more.',
        severity: 'high',
      });
    });

    it('gives back every claim of a digest that cannot be sent, and keeps the recoveries', async () => {
      // svc-9's DR test was overdue and is not any more: recorded as ok, untold
      await store.claimNotificationState({
        entityRef: 'component:default/svc-9',
        subject: 'dr-test',
        previous: null,
        state: 'overdue',
        at: now,
      });
      const rows = [
        ...owned(OWNER, payments),
        {
          row: {
            entityRef: 'component:default/svc-9',
            owner: OWNER,
          } as OverviewRow,
          findings: [],
        },
      ];
      send.mockRejectedValueOnce(new Error('notifications backend down'));
      expect(await notifierWith().notify(rows)).toEqual({ sent: 0 });
      const refs = [
        ...payments.map(f => f.entityRef),
        'component:default/svc-9',
      ];
      expect(Object.fromEntries(await store.notificationStates(refs))).toEqual(
        Object.fromEntries([
          ...payments.map(f => [notificationKey(f), 'ok']),
          ['component:default/svc-9|dr-test', 'ok'],
        ]),
      );
      // the next refresh sends the same digest again
      send.mockClear();
      expect(await notifierWith().notify(rows)).toEqual({ sent: 1 });
      expect(send.mock.calls[0][0].payload).toEqual(paymentsDigest);
    });

    it('gives back the claim of a single message that cannot be sent', async () => {
      send.mockRejectedValueOnce(new Error('down'));
      expect(await notifierWith().notify(owned(LEDGER, ledger))).toEqual({
        sent: 1,
      });
      expect(
        await store.notificationStates(ledger.map(f => f.entityRef)),
      ).toEqual(
        new Map([
          ['component:default/ledger-api|dr-test', 'ok'],
          ['component:default/ledger-db|resource:storage', 'critical-soon'],
        ]),
      );
      send.mockClear();
      expect(await notifierWith().notify(owned(LEDGER, ledger))).toEqual({
        sent: 1,
      });
      expect(told()).toEqual([[LEDGER, 'ledger-api: DR test overdue']]);
    });

    it('sends one digest between two replicas refreshing at the same time', async () => {
      const rows = [...owned(OWNER, payments), ...owned(LEDGER, ledger)];
      const results = await Promise.all([
        notifierWith().notify(rows),
        notifierWith().notify(rows),
      ]);
      expect(results.map(r => r.sent).reduce((a, b) => a + b)).toBe(3);
      expect(told().sort()).toEqual([
        [LEDGER, 'ledger-api: DR test overdue'],
        [LEDGER, 'ledger-db: storage reaches its critical level soon'],
        [OWNER, 'payments: 6 service delivery changes'],
      ]);
    });

    it('awaits the pause before each owner and each message', async () => {
      const pause = jest.fn(async () => {});
      await notifierWith().notify(
        [...owned(OWNER, payments), ...owned(LEDGER, ledger)],
        { pause },
      );
      // payments: its claims; ledger: its claims and two messages
      expect(pause).toHaveBeenCalledTimes(4);
    });
  },
);
