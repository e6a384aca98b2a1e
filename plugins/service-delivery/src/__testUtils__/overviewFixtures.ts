import {
  Finding,
  FindingsResponse,
  OverviewResponse,
  OverviewRow,
  SlaReportResponse,
} from '@service-delivery/plugin-service-delivery-common';

/*
 * The overview of a small organisation on 16 November 2026, as the backend answers it: payments-api
 * breached (1 h down, 99.722 % against 99.9 %), fraud-scoring at risk, payments-db met with its
 * storage reaching critical in 10 days, ledger with invalid metadata.
 */

const links = (kind: string, name: string, tabs: string[]) =>
  Object.fromEntries([
    ['overview', `/catalog/default/${kind}/${name}`],
    ...tabs.map(tab => [tab, `/catalog/default/${kind}/${name}/${tab}`]),
  ]);

const base = {
  namespace: 'default',
  title: null,
  type: 'service',
  lifecycle: 'production',
  owner: 'group:default/payments',
  ownerAncestry: ['group:default/payments', 'group:default/technology'],
  system: 'system:default/payments-processing',
  domain: 'domain:default/banking',
  tier: 'tier-1',
  serviceLevel: null,
  availability: null,
  cost: null,
  capacity: null,
  continuity: null,
  problems: 0,
  findings: { critical: 0, high: 0, medium: 0, low: 0 },
  dependsOn: [],
  redundancy: [],
};

export const paymentsApiRow: OverviewRow = {
  ...base,
  entityRef: 'component:default/payments-api',
  kind: 'Component',
  name: 'payments-api',
  title: 'Payments API',
  status: 'breached',
  serviceLevel: {
    status: 'breached',
    worstAgreement: 'retail-sla',
    period: '2026-11',
    agreements: [
      {
        name: 'retail-sla',
        type: 'SLA',
        customer: 'group:default/retail-banking',
        period: '2026-11',
        periodOver: false,
        status: 'breached',
        objectives: [
          {
            name: 'availability',
            kind: 'availability',
            target: 99.9,
            actual: 99.72222,
            status: 'breached',
            remainingShare: -0.3889,
            burnRate: 2.78,
          },
        ],
      },
    ],
    budgetRemainingShare: -0.3889,
    budgetObjective: 'retail-sla/availability',
  },
  availability: {
    period: '2026-11',
    availability: 99.72222,
    target: 99.9,
    targetSource: 'agreement',
    status: 'breached',
    downtime: 3600,
    failures: 1,
    ownAvailability: 99.72222,
    achievable: 99.86111,
    unachievable: true,
    limitingDependencies: ['resource:default/payments-db'],
  },
  cost: {
    currency: 'EUR',
    month: '2026-11',
    actual: 1150,
    budget: 1000,
    variance: 150,
    lastMonth: { month: '2026-10', actual: 900, budget: 1000, variance: -100 },
    forecastYearEnd: 2700,
    annualBudget: 12000,
    months: [
      { month: '2026-10', actual: 900, budget: 1000 },
      { month: '2026-11', actual: 1150, budget: 1000 },
    ],
  },
  continuity: {
    status: 'fail',
    testOverdue: true,
    lastTest: '2026-01-10T09:00:00.000Z',
    testDueAt: '2026-07-09T09:00:00.000Z',
    checks: [],
  },
  policy: {
    state: 'features-frozen',
    step: {
      when: { budgetRemainingBelow: 25 },
      action: 'freeze-features',
      agreement: 'retail-sla',
      objective: 'availability',
      source: 'agreement',
      inForce: true,
      stops: ['feature'],
      reason:
        'retail-sla/availability has spent all of its error budget, below the 25% of its policy: features are frozen',
    },
  },
  findings: { critical: 1, high: 3, medium: 0, low: 1 },
  links: links('component', 'payments-api', [
    'sla',
    'availability',
    'cost',
    'continuity',
  ]),
  dependsOn: ['resource:default/payments-db'],
};

export const paymentsDbRow: OverviewRow = {
  ...base,
  entityRef: 'resource:default/payments-db',
  kind: 'Resource',
  name: 'payments-db',
  type: 'database',
  status: 'met',
  capacity: {
    status: 'warning',
    resource: 'storage',
    utilisation: 78.4,
    daysToCritical: 10,
    resources: [
      {
        name: 'storage',
        status: 'warning',
        utilisation: 78.4,
        criticalAt: '2026-11-26T00:00:00.000Z',
        daysToCritical: 10,
      },
    ],
  },
  findings: { critical: 0, high: 1, medium: 0, low: 0 },
  links: links('resource', 'payments-db', ['sla', 'availability', 'capacity']),
};

export const ledgerRow: OverviewRow = {
  ...base,
  entityRef: 'component:default/ledger',
  kind: 'Component',
  name: 'ledger',
  system: null,
  domain: null,
  tier: 'tier-7',
  status: 'no-data',
  problems: 1,
  findings: { critical: 0, high: 0, medium: 1, low: 0 },
  links: links('component', 'ledger', []),
};

export const overviewResponse: OverviewResponse = {
  total: 5,
  offset: 0,
  limit: 25,
  rows: [paymentsApiRow, paymentsDbRow, ledgerRow],
  kpis: {
    services: 5,
    byStatus: { breached: 1, 'at-risk': 1, met: 2, 'no-data': 1 },
    meetingSlas: 0.5,
    cost: [
      {
        currency: 'EUR',
        actual: 1150,
        budget: 1000,
        variance: 150,
        overBudget: 1,
      },
    ],
    capacityAtRisk: 1,
    capacityCritical: 0,
    drTestsOverdue: 1,
    continuityFailing: 1,
    metadataProblems: 1,
    findings: { critical: 1, high: 5, medium: 1, low: 1 },
  },
  facets: {
    owner: [
      { value: 'group:default/payments', count: 4 },
      { value: 'group:default/data', count: 1 },
    ],
    system: [{ value: 'system:default/payments-processing', count: 3 }],
    domain: [{ value: 'domain:default/banking', count: 3 }],
    tier: [
      { value: 'tier-1', count: 3 },
      { value: 'tier-2', count: 1 },
    ],
    lifecycle: [{ value: 'production', count: 5 }],
    status: [
      { value: 'met', count: 2 },
      { value: 'breached', count: 1 },
    ],
    policy: [
      { value: 'none', count: 4 },
      { value: 'features-frozen', count: 1 },
    ],
  },
  charts: {
    byStatus: [
      { status: 'breached', count: 1 },
      { status: 'at-risk', count: 1 },
      { status: 'met', count: 2 },
      { status: 'no-data', count: 1 },
    ],
    availabilityAgainstTarget: [
      {
        entityRef: 'component:default/payments-api',
        name: 'payments-api',
        availability: 99.72222,
        target: 99.9,
        margin: -0.17778,
      },
    ],
    costByOwner: [
      {
        owner: 'group:default/payments',
        currency: 'EUR',
        months: [
          { month: '2026-10', actual: 900, budget: 1000, complete: true },
          { month: '2026-11', actual: 1150, budget: 1000, complete: false },
        ],
      },
    ],
    capacityRisk: {
      byStatus: [
        { status: 'critical', count: 0 },
        { status: 'warning', count: 1 },
        { status: 'ok', count: 0 },
        { status: 'no-data', count: 0 },
      ],
      soonest: [
        {
          entityRef: 'resource:default/payments-db',
          name: 'payments-db',
          resource: 'storage',
          status: 'warning',
          utilisation: 78.4,
          daysToCritical: 10,
        },
      ],
    },
  },
  rollup: {
    services: 5,
    status: 'breached',
    serviceLevel: {
      status: 'breached',
      entityRef: 'component:default/payments-api',
      count: 2,
    },
    cost: [{ currency: 'EUR', actual: 1150, budget: 1000, variance: 150 }],
    capacity: {
      status: 'warning',
      entityRef: 'resource:default/payments-db',
      count: 1,
    },
    continuity: {
      status: 'fail',
      entityRef: 'component:default/payments-api',
      count: 1,
    },
    systems: [
      {
        system: 'system:default/payments-processing',
        services: 3,
        achievable: 99.4915,
        strictestTarget: 99.95,
        strictestTargetOf: 'component:default/fraud-scoring',
        meetsTargets: false,
        limitingDependencies: ['component:default/payments-api'],
      },
    ],
    systemsOmitted: 0,
  },
  computedAt: '2026-11-16T00:00:00.000Z',
  costVisible: true,
};

export const breachFinding: Finding = {
  id: 'service-level:component:default/payments-api:objective:retail-sla/availability',
  severity: 'critical',
  entityRef: 'component:default/payments-api',
  discipline: 'service-level',
  subject: 'objective:retail-sla/availability',
  state: 'breached',
  message:
    'payments-api has breached the availability objective of its SLA retail-sla with retail-banking in 2026-11: 99.722% against a target of 99.9%, the error budget is spent.',
  link: '/catalog/default/component/payments-api/sla',
};

export const findingsResponse: FindingsResponse = {
  total: 2,
  findings: [
    breachFinding,
    {
      id: 'capacity:resource:default/payments-db:resource:storage',
      severity: 'high',
      entityRef: 'resource:default/payments-db',
      discipline: 'capacity',
      subject: 'resource:storage',
      state: 'critical-soon',
      message:
        "payments-db's storage is forecast to reach its critical level in 10 days (on 2026-11-26), at 78.4% today.",
      link: '/catalog/default/resource/payments-db/capacity',
    },
  ],
};

export const slaReport: SlaReportResponse = {
  generatedAt: '2026-11-16T00:00:00.000Z',
  period: null,
  scope: { entityRef: 'component:default/payments-api', filters: {} },
  summary: {
    services: 1,
    byStatus: { breached: 1, 'at-risk': 0, met: 0, 'no-data': 0 },
    agreements: 1,
    agreementsBreached: 1,
    creditsOwed: 0,
    creditsPending: 1,
  },
  services: [
    {
      entityRef: 'component:default/payments-api',
      name: 'payments-api',
      title: 'Payments API',
      owner: 'group:default/payments',
      system: 'system:default/payments-processing',
      tier: 'tier-1',
      period: {
        label: '2026-11',
        start: '2026-11-01T00:00:00.000Z',
        end: '2026-12-01T00:00:00.000Z',
        measuredUntil: '2026-11-16T00:00:00.000Z',
        timezone: 'UTC',
      },
      status: 'breached',
      availability: {
        availability: 99.72222,
        target: 99.9,
        status: 'breached',
        agreedServiceTime: 1_296_000,
        downtime: 3600,
        failures: 1,
        mtrs: 3600,
        mtbf: 1_292_400,
      },
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          customer: 'group:default/retail-banking',
          provider: 'group:payments',
          status: 'breached',
          inForce: true,
          objectives: [
            {
              name: 'availability',
              kind: 'availability',
              target: 99.9,
              actual: 99.72222,
              status: 'breached',
              remainingShare: -0.3889,
            },
          ],
          support: [
            {
              priority: 'P1',
              responseTarget: 900,
              resolutionTarget: 14_400,
              incidents: 1,
              respondedInTime: 1,
              resolvedInTime: 1,
              responseCompliance: 100,
              resolutionCompliance: 100,
            },
          ],
          serviceCredits: {
            terms: '5% of the monthly fee per 0.1% below target',
            state: 'pending',
            missedObjectives: ['availability'],
          },
        },
      ],
      incidents: [
        {
          id: 'A',
          title: 'Card payments failing',
          priority: 'P1',
          impact: 'full',
          startedAt: '2026-11-03T10:00:00.000Z',
          resolvedAt: '2026-11-03T11:00:00.000Z',
          downtime: 3600,
        },
      ],
      problems: [],
    },
  ],
};
