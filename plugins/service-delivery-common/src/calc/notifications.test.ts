import { Finding, ServiceLevelHeadline } from '../overview';
import { AlertSeverity } from './alerts';
import {
  errorBudgetPolicyState,
  evaluateErrorBudgetPolicy,
  stepsInForce,
} from './errorBudgetPolicy';
import { serviceDeliveryFindings } from './findings';
import { notificationDigest, planNotifications } from './notifications';

const finding = (
  entityRef: string,
  discipline: Finding['discipline'],
  subject: string,
  state: string,
): Finding => ({
  id: `${discipline}:${entityRef}:${subject}`,
  severity: 'high',
  entityRef,
  discipline,
  subject,
  state,
  message: `${subject} is ${state}`,
  link: '/catalog',
});

const api = 'component:default/payments-api';
const db = 'resource:default/payments-db';

describe('planNotifications', () => {
  const current = [
    finding(
      api,
      'service-level',
      'objective:retail-sla/availability',
      'breached',
    ),
    finding(api, 'service-level', 'objective:retail-sla/latency', 'at-risk'),
    finding(api, 'continuity', 'dr-test', 'overdue'),
    finding(db, 'capacity', 'resource:storage', 'critical-soon'),
    // not notified: a warning, a metadata problem, a cost overrun
    finding(db, 'capacity', 'resource:cpu', 'warning'),
    finding(api, 'metadata', 'metadata:spec.serviceDelivery.tier', 'invalid'),
    finding(api, 'cost', 'budget-month', 'over-budget'),
  ];

  it('sends every notified state the first time and records it', () => {
    const plan = planNotifications(current, new Map());
    expect(plan.send.map(f => f.subject)).toEqual([
      'objective:retail-sla/availability',
      'objective:retail-sla/latency',
      'dr-test',
      'resource:storage',
    ]);
    expect(plan.record).toContainEqual({
      entityRef: api,
      subject: 'dr-test',
      previous: null,
      state: 'overdue',
    });
  });

  it('sends nothing when nothing changed', () => {
    const recorded = new Map(
      planNotifications(current, new Map()).record.map(r => [
        `${r.entityRef}|${r.subject}`,
        r.state,
      ]),
    );
    expect(planNotifications(current, recorded)).toEqual({
      send: [],
      record: [],
    });
  });

  it('sends a change of state (at risk → breached) and records recoveries silently', () => {
    const recorded = new Map([
      [`${api}|objective:retail-sla/availability`, 'at-risk'],
      [`${api}|objective:retail-sla/latency`, 'at-risk'],
      [`${api}|dr-test`, 'overdue'],
      [`${db}|resource:storage`, 'critical-soon'],
      [`${db}|resource:disk`, 'critical'],
      [`${db}|resource:old`, 'ok'],
    ]);
    const plan = planNotifications(current, recorded);
    expect(plan.send.map(f => [f.subject, f.state])).toEqual([
      ['objective:retail-sla/availability', 'breached'],
    ]);
    expect(plan.record).toEqual([
      {
        entityRef: api,
        subject: 'objective:retail-sla/availability',
        previous: 'at-risk',
        state: 'breached',
      },
      {
        entityRef: db,
        subject: 'resource:disk',
        previous: 'critical',
        state: 'ok',
      },
    ]);
  });

  it('tells of a policy freeze once, of a stronger one, and records its lifting silently', () => {
    const frozen = (state: string) => [
      finding(api, 'service-level', 'policy:retail-sla', state),
    ];
    const recorded = new Map<string, string>();
    const apply = (plan: ReturnType<typeof planNotifications>) => {
      for (const r of plan.record) {
        recorded.set(`${r.entityRef}|${r.subject}`, r.state);
      }
      return plan;
    };

    const entering = apply(
      planNotifications(frozen('features-frozen'), recorded),
    );
    expect(entering.send.map(f => [f.subject, f.state])).toEqual([
      ['policy:retail-sla', 'features-frozen'],
    ]);
    // the next refresh, still frozen: nothing
    expect(
      apply(planNotifications(frozen('features-frozen'), recorded)),
    ).toEqual({ send: [], record: [] });
    const stronger = apply(planNotifications(frozen('all-frozen'), recorded));
    expect(stronger.send.map(f => f.state)).toEqual(['all-frozen']);
    // lifted: the finding is gone; recorded as ok without a message
    const lifted = apply(planNotifications([], recorded));
    expect(lifted).toEqual({
      send: [],
      record: [
        {
          entityRef: api,
          subject: 'policy:retail-sla',
          previous: 'all-frozen',
          state: 'ok',
        },
      ],
    });
    // frozen again later: news again
    expect(
      planNotifications(frozen('features-frozen'), recorded).send,
    ).toHaveLength(1);
  });

  it('tells of a relapse after a recovery', () => {
    const recorded = new Map([[`${api}|dr-test`, 'ok']]);
    const plan = planNotifications(
      [finding(api, 'continuity', 'dr-test', 'overdue')],
      recorded,
    );
    expect(plan.send).toHaveLength(1);
  });
});

/*
 * An agreement's error-budget policy through findings into notifications, refresh after refresh: the
 * figures are evaluated against the policy, the findings computed from the headline, the plan applied
 * to what was recorded.
 */
describe('planNotifications: error-budget policies', () => {
  const policy = {
    source: 'agreement' as const,
    steps: [
      { when: { budgetRemainingBelow: 50 }, action: 'notify' as const },
      {
        when: { burnRateAlert: 'page' as const },
        action: 'freeze-all' as const,
      },
      { when: { status: 'breached' as const }, action: 'review' as const },
    ],
  };
  const refreshes = () => {
    const recorded = new Map<string, string>();
    return (
      remainingShare: number,
      firingAlerts: AlertSeverity[] = [],
      status: 'met' | 'breached' = 'met',
    ) => {
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
      const serviceLevel: ServiceLevelHeadline = {
        status: 'met',
        worstAgreement: 'retail-sla',
        period: '2026-11',
        agreements: [
          {
            name: 'retail-sla',
            type: 'SLA',
            period: '2026-11',
            periodOver: false,
            status: 'met',
            objectives: [],
            policy: {
              state: errorBudgetPolicyState(steps),
              inForce: stepsInForce(steps),
            },
          },
        ],
        budgetRemainingShare: remainingShare,
        budgetObjective: 'retail-sla/availability',
      };
      const plan = planNotifications(
        serviceDeliveryFindings({
          entityRef: api,
          problems: [],
          serviceLevel,
          availability: null,
          cost: null,
          capacity: null,
          continuity: null,
        }),
        recorded,
      );
      for (const r of plan.record) {
        recorded.set(`${r.entityRef}|${r.subject}`, r.state);
      }
      return {
        sent: plan.send.map(f => [f.subject, f.state, f.severity, f.message]),
        recorded: plan.record.map(r => [r.subject, r.previous, r.state]),
      };
    };
  };

  it('tells of a notice, of the freeze that supersedes it and of the freeze lifted back to the notice; the end silently', () => {
    const refresh = refreshes();
    // 80 % left, no alert: nothing in force, nothing told or recorded
    expect(refresh(0.8)).toEqual({ sent: [], recorded: [] });
    // 40 % left < 50 %: the notify step comes into force
    expect(refresh(0.4)).toEqual({
      sent: [
        [
          'policy:retail-sla',
          'notify',
          'low',
          "The error-budget policy of payments-api's SLA retail-sla notifies its team: retail-sla/availability has 40% of its error budget left, below the 50% of its policy: the team is notified.",
        ],
      ],
      recorded: [['policy:retail-sla', null, 'notify']],
    });
    // the next refresh, the same: nothing
    expect(refresh(0.4)).toEqual({ sent: [], recorded: [] });
    // 30 % left and a page alert: everything frozen, one change of the same subject
    expect(refresh(0.3, ['page'])).toEqual({
      sent: [
        [
          'policy:retail-sla',
          'all-frozen',
          'high',
          "The error-budget policy of payments-api's SLA retail-sla freezes its features and fixes: retail-sla/availability burns its error budget fast enough to page (a page burn-rate alert is firing): features and fixes are frozen.",
        ],
      ],
      recorded: [['policy:retail-sla', 'notify', 'all-frozen']],
    });
    // the alert stops, 30 % is still below 50 %: back to the notice, told again
    expect(refresh(0.3)).toEqual({
      sent: [
        [
          'policy:retail-sla',
          'notify',
          'low',
          "The error-budget policy of payments-api's SLA retail-sla notifies its team: retail-sla/availability has 30% of its error budget left, below the 50% of its policy: the team is notified.",
        ],
      ],
      recorded: [['policy:retail-sla', 'all-frozen', 'notify']],
    });
    // a new period, the whole budget left: recorded as ok without a message
    expect(refresh(1)).toEqual({
      sent: [],
      recorded: [['policy:retail-sla', 'notify', 'ok']],
    });
    // a relapse is news again
    expect(refresh(0.45).sent.map(([, state]) => state)).toEqual(['notify']);
  });

  it('tells of a review, and of a freeze lifted back to it, since changes still need one', () => {
    const refresh = refreshes();
    // breached, everything spent: the notice and the review are in force, the review is told
    expect(refresh(-0.2, [], 'breached')).toEqual({
      sent: [
        [
          'policy:retail-sla',
          'review',
          'low',
          "The error-budget policy of payments-api's SLA retail-sla asks for a review of the error budget before each change: retail-sla/availability is breached: changes need a review of the error budget.",
        ],
      ],
      recorded: [['policy:retail-sla', null, 'review']],
    });
    expect(refresh(-0.2, ['page'], 'breached').recorded).toEqual([
      ['policy:retail-sla', 'review', 'all-frozen'],
    ]);
    expect(refresh(-0.2, [], 'breached')).toEqual({
      sent: [
        [
          'policy:retail-sla',
          'review',
          'low',
          expect.stringContaining('asks for a review of the error budget'),
        ],
      ],
      recorded: [['policy:retail-sla', 'all-frozen', 'review']],
    });
  });
});

describe('notificationDigest', () => {
  it('counts, names and links what one owner is told at once', () => {
    const low = (n: number) => ({
      finding: {
        ...finding(
          `component:billing/job-${n}`,
          'capacity',
          'resource:disk',
          'critical-soon',
        ),
        severity: 'low' as const,
      },
      previous: null,
    });
    expect(
      notificationDigest('group:billing/finance', [
        low(2),
        low(1),
        {
          finding: {
            ...finding(api, 'service-level', 'policy:retail-sla', 'notify'),
            severity: 'medium',
          },
          previous: 'all-frozen',
        },
      ]),
    ).toEqual({
      title: 'billing/finance: 3 service delivery changes',
      description:
        '1 error-budget notice, 2 resources near their critical level. Most severe: payments-api: the retail-sla freeze is lifted; billing/job-1: disk reaches its critical level soon; billing/job-2: disk reaches its critical level soon.',
      severity: 'medium',
      link: '/catalog/billing/group/finance/service-delivery',
    });
  });

  it('says one change, and counts a state it has no words for by its name', () => {
    const digest = notificationDigest('group:default/payments', [
      {
        finding: finding(api, 'continuity', 'dr-plan', 'missing'),
        previous: null,
      },
    ]);
    expect(digest.title).toBe('payments: 1 service delivery change');
    expect(digest.description).toBe(
      '1 continuity/missing. Most severe: payments-api: missing.',
    );
    expect(digest.severity).toBe('high');
  });
});
