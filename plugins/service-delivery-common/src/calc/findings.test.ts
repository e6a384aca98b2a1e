import { ServiceLevelHeadline } from '../overview';
import { countFindings, serviceDeliveryFindings } from './findings';

const none = {
  serviceLevel: null,
  availability: null,
  cost: null,
  capacity: null,
  continuity: null,
};

const retailSla = (
  objectives: ServiceLevelHeadline['agreements'][number]['objectives'],
  type: 'SLA' | 'OLA' = 'SLA',
): ServiceLevelHeadline => ({
  status: 'breached',
  worstAgreement: 'retail-sla',
  period: '2026-11',
  agreements: [
    {
      name: 'retail-sla',
      type,
      customer: 'group:default/retail-banking',
      period: '2026-11',
      periodOver: false,
      status: 'breached',
      objectives,
    },
  ],
  budgetRemainingShare: null,
  budgetObjective: null,
});

describe('serviceDeliveryFindings', () => {
  it('has nothing to say about a service without problems or figures', () => {
    expect(
      serviceDeliveryFindings({
        entityRef: 'component:default/payments-api',
        problems: [],
        ...none,
      }),
    ).toEqual([]);
  });

  it('makes a breached SLA objective critical and an at-risk one high, linking the SLA tab', () => {
    const findings = serviceDeliveryFindings({
      entityRef: 'component:default/payments-api',
      problems: [],
      ...none,
      serviceLevel: retailSla([
        {
          name: 'availability',
          kind: 'availability',
          target: 99.9,
          // (1,296,000 − 3,600) / 1,296,000
          actual: 99.72222222,
          status: 'breached',
          remainingShare: -0.3889,
          burnRate: 2.78,
        },
        {
          name: 'latency',
          kind: 'latency',
          target: 99,
          actual: 99.2,
          status: 'at-risk',
          // 20 % of the budget left, burning 1.6× the sustainable rate
          remainingShare: 0.2,
          burnRate: 1.6,
        },
        {
          name: 'success-rate',
          kind: 'ratio',
          target: 99.9,
          actual: 99.99,
          status: 'met',
          remainingShare: 0.9,
          burnRate: 0.2,
        },
      ]),
    });
    expect(findings).toEqual([
      {
        id: 'service-level:component:default/payments-api:objective:retail-sla/availability',
        severity: 'critical',
        entityRef: 'component:default/payments-api',
        discipline: 'service-level',
        subject: 'objective:retail-sla/availability',
        state: 'breached',
        message:
          'payments-api has breached the availability objective of its SLA retail-sla with retail-banking in 2026-11: 99.722% against a target of 99.9%, the error budget is spent.',
        link: '/catalog/default/component/payments-api/sla',
      },
      {
        id: 'service-level:component:default/payments-api:objective:retail-sla/latency',
        severity: 'high',
        entityRef: 'component:default/payments-api',
        discipline: 'service-level',
        subject: 'objective:retail-sla/latency',
        state: 'at-risk',
        message:
          'payments-api is at risk of breaching the latency objective of its SLA retail-sla with retail-banking in 2026-11: 20% of the error budget is left, burning 1.6× as fast as the period allows.',
        link: '/catalog/default/component/payments-api/sla',
      },
    ]);
  });

  it('says when a dependency caused most of a breach, and not at half or less', () => {
    const breached = (
      name: string,
      dependencyBurn: { entityRef?: string; group?: string[]; share: number },
    ) => ({
      name,
      kind: 'availability' as const,
      target: 99.9,
      actual: 99.7,
      status: 'breached' as const,
      remainingShare: -2,
      burnRate: 3,
      dependencyBurn,
    });
    const findings = serviceDeliveryFindings({
      entityRef: 'component:default/payments-api',
      problems: [],
      ...none,
      serviceLevel: retailSla([
        breached('availability', {
          entityRef: 'component:default/message-bus',
          share: 0.62,
        }),
        breached('login', {
          group: ['resource:default/db-a', 'resource:default/db-b'],
          share: 0.75,
        }),
        // exactly half is not most
        breached('checkout', {
          entityRef: 'component:default/message-bus',
          share: 0.5,
        }),
      ]),
    }).filter(f => f.state === 'breached-by-dependency');
    expect(findings).toEqual([
      {
        id: 'service-level:component:default/payments-api:dependency-burn:retail-sla/availability',
        severity: 'high',
        entityRef: 'component:default/payments-api',
        discipline: 'service-level',
        subject: 'dependency-burn:retail-sla/availability',
        state: 'breached-by-dependency',
        message:
          "62% of the 2026-11 retail-sla/availability budget burned during message-bus outages: that dependency caused most of payments-api's breach.",
        link: '/catalog/default/component/payments-api/sla',
        // what a caller who may not read the dependency must not be shown
        mentions: ['component:default/message-bus'],
      },
      expect.objectContaining({
        subject: 'dependency-burn:retail-sla/login',
        message:
          "75% of the 2026-11 retail-sla/login budget burned during any of db-a, db-b outages: that redundancy group caused most of payments-api's breach.",
        mentions: ['resource:default/db-a', 'resource:default/db-b'],
      }),
    ]);
  });

  it('makes the same objective one step less severe in an OLA', () => {
    const [breached, atRisk] = serviceDeliveryFindings({
      entityRef: 'component:default/ledger',
      problems: [],
      ...none,
      serviceLevel: retailSla(
        [
          {
            name: 'a',
            kind: 'availability',
            target: 99,
            actual: 98,
            status: 'breached',
            remainingShare: -1,
            burnRate: 4,
          },
          {
            name: 'b',
            kind: 'ratio',
            target: 99,
            actual: null,
            status: 'at-risk',
            remainingShare: null,
            burnRate: null,
          },
        ],
        'OLA',
      ),
    });
    expect([breached.severity, atRisk.severity]).toEqual(['high', 'medium']);
    expect(atRisk.message).toBe(
      'ledger is at risk of breaching the b objective of its OLA retail-sla with retail-banking in 2026-11: the error budget is running out.',
    );
  });

  it('reports each metadata problem, linking the entity page where the problems card is', () => {
    const findings = serviceDeliveryFindings({
      entityRef: 'component:billing/ledger',
      problems: [
        {
          path: 'spec.serviceDelivery.tier',
          message: "Unknown tier 'tier-7': the config defines tier-1, tier-2",
        },
      ],
      ...none,
    });
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'medium',
        discipline: 'metadata',
        state: 'invalid',
        message:
          "The service-delivery metadata of billing/ledger is invalid at spec.serviceDelivery.tier: Unknown tier 'tier-7': the config defines tier-1, tier-2.",
        link: '/catalog/billing/component/ledger',
      }),
    ]);
  });

  it('names the dependencies that make an availability target unachievable', () => {
    const [finding] = serviceDeliveryFindings({
      entityRef: 'component:default/web-banking',
      problems: [],
      ...none,
      availability: {
        period: '2026-11',
        availability: 99.99,
        target: 99.95,
        targetSource: 'agreement',
        status: 'met',
        downtime: 0,
        failures: 0,
        ownAvailability: 99.95,
        // 99.9 × 99.95 × 99.95 %
        achievable: 99.80009995,
        unachievable: true,
        limitingDependencies: [
          'component:default/customer-profile',
          'component:default/payments-api',
          'component:default/identity-service',
          'resource:default/customer-db',
        ],
      },
    });
    expect(finding).toMatchObject({
      severity: 'high',
      discipline: 'availability',
      subject: 'composite',
      state: 'unachievable',
      link: '/catalog/default/component/web-banking/availability',
      message:
        "web-banking's availability target of 99.95% is above the 99.8% its dependencies can deliver together (limited most by customer-profile, payments-api, identity-service).",
    });
  });

  it('reports availability below a tier target, but not twice for an agreement', () => {
    const availability = {
      period: '2026-11',
      availability: 99.4,
      target: 99.5,
      status: 'breached' as const,
      downtime: 7776,
      failures: 2,
      ownAvailability: 99.4,
      achievable: null,
      unachievable: false,
      limitingDependencies: [],
    };
    const fromTier = serviceDeliveryFindings({
      entityRef: 'component:default/reporting',
      tier: 'tier-3',
      problems: [],
      ...none,
      availability: { ...availability, targetSource: 'tier' },
    });
    expect(fromTier).toEqual([
      expect.objectContaining({
        severity: 'medium',
        state: 'breached',
        message:
          'reporting was available 99.4% of its agreed service time in 2026-11, below its tier-3 target of 99.5%.',
      }),
    ]);
    expect(
      serviceDeliveryFindings({
        entityRef: 'component:default/reporting',
        problems: [],
        ...none,
        availability: { ...availability, targetSource: 'agreement' },
      }),
    ).toEqual([]);
  });

  it('reports a month over budget (high above 10 %) and a year forecast over the annual budget', () => {
    const cost = {
      currency: 'EUR',
      month: '2026-11',
      budget: 35000,
      lastMonth: null,
      forecastYearEnd: 460000,
      annualBudget: 420000,
      months: [],
    };
    const over = (actual: number) =>
      serviceDeliveryFindings({
        entityRef: 'component:default/mobile-banking-api',
        problems: [],
        ...none,
        cost: { ...cost, actual, variance: actual - cost.budget },
      });
    // 39,210 − 35,000 = 4,210, 12 % of the budget
    expect(over(39210)).toEqual([
      expect.objectContaining({
        severity: 'high',
        subject: 'budget-month',
        state: 'over-budget',
        link: '/catalog/default/component/mobile-banking-api/cost',
        message:
          'mobile-banking-api is €4,210 (12%) over its budget of €35,000 in 2026-11.',
      }),
      expect.objectContaining({
        severity: 'medium',
        subject: 'budget-year',
        message:
          'mobile-banking-api is forecast to spend €460,000 this year, €40,000 more than its annual budget.',
      }),
    ]);
    // 3,500 over is exactly 10 %: medium
    expect(over(38500)[0].severity).toBe('medium');
    expect(over(35000).map(f => f.subject)).toEqual(['budget-year']);
  });

  it('reports the last complete month over budget while this month is still under', () => {
    const findings = serviceDeliveryFindings({
      entityRef: 'resource:default/kubernetes-cluster',
      problems: [],
      ...none,
      cost: {
        currency: 'EUR',
        month: '2026-11',
        // two thirds into the month: under the whole month's budget so far
        actual: 72350.67,
        budget: 85000,
        variance: -12649.33,
        lastMonth: {
          month: '2026-10',
          actual: 91977.88,
          budget: 85000,
          variance: 6977.88,
        },
        forecastYearEnd: null,
        annualBudget: 1020000,
        months: [],
      },
    });
    // 6,977.88 is 8.2 % of 85,000: medium
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'medium',
        subject: 'budget-month',
        message:
          'kubernetes-cluster was €6,978 (8%) over its budget of €85,000 in 2026-10.',
      }),
    ]);
  });

  it("measures a System whose budget holds its parts' with their cost, shown only to who may read each", () => {
    const system = {
      currency: 'EUR',
      month: '2026-11',
      // its own lines: a little shared licence cost, far under its budget
      actual: 2000,
      budget: 150000,
      variance: -148000,
      lastMonth: {
        month: '2026-10',
        actual: 1900,
        budget: 150000,
        variance: -148100,
      },
      forecastYearEnd: null,
      annualBudget: 1800000,
      months: [],
    };
    const parts = [
      'component:default/payments-api',
      'component:default/card-authorisation',
    ];
    const findings = (systemCost?: Parameters<
      typeof serviceDeliveryFindings
    >[0]['systemCost']) =>
      serviceDeliveryFindings({
        entityRef: 'system:default/payments-processing',
        problems: [],
        ...none,
        cost: system,
        systemCost,
      });
    // alone, its own lines are no finding
    expect(findings()).toEqual([]);
    // with its parts: 2,000 + 100,000 + 62,000.50 = 164,000.50 this month, 14,000.50 (9.3 %) over
    const over = findings({
      parts,
      month: { month: '2026-11', actual: 164000.5, budget: 150000 },
      lastMonth: { month: '2026-10', actual: 149000, budget: 150000 },
    });
    expect(over).toEqual([
      expect.objectContaining({
        severity: 'medium',
        subject: 'budget-month',
        message:
          "payments-processing is €14,001 (9%) over its budget of €150,000 in 2026-11, its 2 parts' cost included.",
        costOf: parts,
      }),
    ]);
    // under this month, over the month before: 151,200 against 150,000
    expect(
      findings({
        parts: parts.slice(0, 1),
        month: { month: '2026-11', actual: 90000, budget: 150000 },
        lastMonth: { month: '2026-10', actual: 151200, budget: 150000 },
      }).map(f => [f.severity, f.message]),
    ).toEqual([
      [
        'medium',
        "payments-processing was €1,200 (1%) over its budget of €150,000 in 2026-10, its 1 part's cost included.",
      ],
    ]);
  });

  it('ranks each capacity resource by how close it is to trouble', () => {
    const resource = (
      name: string,
      status: 'ok' | 'warning' | 'critical',
      daysToCritical: number | null,
    ) => ({
      name,
      status,
      utilisation: 80,
      criticalAt:
        daysToCritical === null
          ? null
          : new Date(
              Date.parse('2026-11-16T00:00:00Z') + daysToCritical * 86_400_000,
            ).toISOString(),
      daysToCritical,
    });
    const findings = serviceDeliveryFindings({
      entityRef: 'resource:default/payments-db-eu',
      problems: [],
      ...none,
      capacity: {
        status: 'critical',
        resource: 'cpu',
        utilisation: 80,
        daysToCritical: 0,
        resources: [
          resource('cpu', 'critical', null),
          resource('storage', 'warning', 9.25),
          resource('memory', 'warning', null),
          resource('iops', 'ok', 14),
          resource('connections', 'ok', 12),
          resource('network', 'ok', null),
        ],
      },
    });
    expect(findings.map(f => [f.subject, f.state, f.severity])).toEqual([
      ['resource:cpu', 'critical', 'critical'],
      ['resource:connections', 'critical-soon', 'high'],
      ['resource:iops', 'critical-soon', 'high'],
      ['resource:storage', 'critical-soon', 'high'],
      ['resource:memory', 'warning', 'medium'],
    ]);
    // a forecast 9¼ days away is 10 days away
    expect(findings[3].message).toBe(
      "payments-db-eu's storage is forecast to reach its critical level in 10 days (on 2026-11-25), at 80% today.",
    );
    expect(findings[0].link).toBe(
      '/catalog/default/resource/payments-db-eu/capacity',
    );
  });

  it("turns continuity checks into findings, an overdue DR test as the 'dr-test' subject", () => {
    const findings = serviceDeliveryFindings({
      entityRef: 'component:default/customer-profile',
      problems: [],
      ...none,
      continuity: {
        status: 'fail',
        testOverdue: true,
        lastTest: '2025-09-12T10:00:00.000Z',
        testDueAt: '2026-03-12T10:00:00.000Z',
        checks: [
          {
            id: 'dr-test-due',
            status: 'fail',
            message: 'The DR test was due on 2026-03-12',
          },
          {
            id: 'dependency-inversion',
            status: 'fail',
            message: 'customer-db recovers in 1d, slower than the 4h RTO',
          },
          {
            id: 'dependency-inversion',
            status: 'warn',
            message: 'cache is in a lower tier',
          },
        ],
      },
    });
    expect(findings.map(f => [f.subject, f.state, f.severity])).toEqual([
      ['check:dependency-inversion', 'fail', 'high'],
      ['dr-test', 'overdue', 'high'],
      ['check:dependency-inversion#2', 'warn', 'low'],
    ]);
    expect(findings[1].message).toBe(
      'customer-profile: The DR test was due on 2026-03-12.',
    );
  });

  it('reports an overdue DR test the checks did not mention', () => {
    const continuity = {
      status: 'fail' as const,
      testOverdue: true,
      lastTest: null,
      testDueAt: null,
      checks: [],
    };
    expect(
      serviceDeliveryFindings({
        entityRef: 'resource:default/card-hsm',
        problems: [],
        ...none,
        continuity,
      }),
    ).toEqual([
      expect.objectContaining({
        subject: 'dr-test',
        state: 'overdue',
        message: "card-hsm's disaster-recovery plan has never been tested.",
        link: '/catalog/default/resource/card-hsm/continuity',
      }),
    ]);
  });
});

describe('serviceDeliveryFindings: error-budget policies', () => {
  const withPolicy = (
    policy: ServiceLevelHeadline['agreements'][number]['policy'],
  ): ServiceLevelHeadline => {
    const headline = retailSla([
      {
        name: 'availability',
        kind: 'availability',
        target: 99.9,
        actual: 99.95,
        status: 'at-risk',
        remainingShare: 0.1,
        burnRate: 1.2,
      },
    ]);
    return {
      ...headline,
      agreements: [{ ...headline.agreements[0], policy }],
    };
  };
  const step = (
    action: 'freeze-features' | 'freeze-all' | 'review' | 'notify',
    reason: string,
    stops: Array<'feature' | 'fix'>,
  ) => ({
    when: { budgetRemainingBelow: 25 },
    action,
    agreement: 'retail-sla',
    objective: 'availability',
    source: 'agreement' as const,
    inForce: true,
    stops,
    reason,
  });
  const policyFindings = (
    policy: ServiceLevelHeadline['agreements'][number]['policy'],
  ) =>
    serviceDeliveryFindings({
      entityRef: 'component:default/payments-api',
      problems: [],
      ...none,
      serviceLevel: withPolicy(policy),
    }).filter(f => f.subject.startsWith('policy:'));

  it('raises a features freeze as medium, one subject per agreement, with the reasons of the freezing steps', () => {
    expect(
      policyFindings({
        state: 'features-frozen',
        inForce: [
          step(
            'freeze-features',
            'retail-sla/availability has 10% of its error budget left, below the 25% of its policy: features are frozen',
            ['feature'],
          ),
          step(
            'review',
            'retail-sla/availability is breached: changes need a review of the error budget',
            [],
          ),
        ],
      }),
    ).toEqual([
      {
        id: 'service-level:component:default/payments-api:policy:retail-sla',
        severity: 'medium',
        entityRef: 'component:default/payments-api',
        discipline: 'service-level',
        subject: 'policy:retail-sla',
        state: 'features-frozen',
        message:
          "The error-budget policy of payments-api's SLA retail-sla with retail-banking freezes its features: retail-sla/availability has 10% of its error budget left, below the 25% of its policy: features are frozen.",
        link: '/catalog/default/component/payments-api/sla',
      },
    ]);
  });

  it('raises a freeze of everything as high; open releases or no policy as nothing', () => {
    expect(
      policyFindings({
        state: 'all-frozen',
        inForce: [
          step('freeze-all', 'a page burn-rate alert', ['feature', 'fix']),
        ],
      }).map(f => [f.state, f.severity]),
    ).toEqual([['all-frozen', 'high']]);
    expect(policyFindings({ state: 'normal', inForce: [] })).toEqual([]);
    expect(policyFindings(undefined)).toEqual([]);
  });

  const breachedReview = step(
    'review',
    'retail-sla/availability is breached: changes need a review of the error budget',
    [],
  );
  const lowBudgetNotice = step(
    'notify',
    'retail-sla/availability has 10% of its error budget left, below the 25% of its policy: the team is notified',
    [],
  );

  it('raises a review as low, with the reasons of the review steps only', () => {
    expect(
      policyFindings({
        state: 'review',
        inForce: [breachedReview, lowBudgetNotice],
      }),
    ).toEqual([
      expect.objectContaining({
        subject: 'policy:retail-sla',
        state: 'review',
        severity: 'low',
        message:
          "The error-budget policy of payments-api's SLA retail-sla with retail-banking asks for a review of the error budget before each change: retail-sla/availability is breached: changes need a review of the error budget.",
      }),
    ]);
  });

  it('raises notify steps in force, while releases are open, as a low notice on the same subject', () => {
    expect(
      policyFindings({ state: 'normal', inForce: [lowBudgetNotice] }),
    ).toEqual([
      expect.objectContaining({
        id: 'service-level:component:default/payments-api:policy:retail-sla',
        subject: 'policy:retail-sla',
        state: 'notify',
        severity: 'low',
        message:
          "The error-budget policy of payments-api's SLA retail-sla with retail-banking notifies its team: retail-sla/availability has 10% of its error budget left, below the 25% of its policy: the team is notified.",
      }),
    ]);
  });

  it('raises only the strongest state of an agreement: a freeze supersedes a review and a notice', () => {
    expect(
      policyFindings({
        state: 'features-frozen',
        inForce: [
          step('freeze-features', 'features are frozen', ['feature']),
          breachedReview,
          lowBudgetNotice,
        ],
      }).map(f => [f.subject, f.state, f.message]),
    ).toEqual([
      [
        'policy:retail-sla',
        'features-frozen',
        "The error-budget policy of payments-api's SLA retail-sla with retail-banking freezes its features: features are frozen.",
      ],
    ]);
  });
});

describe('countFindings', () => {
  it('counts by severity', () => {
    expect(
      countFindings([
        { severity: 'high' },
        { severity: 'low' },
        { severity: 'high' },
      ]),
    ).toEqual({ critical: 0, high: 2, medium: 0, low: 1 });
  });
});
