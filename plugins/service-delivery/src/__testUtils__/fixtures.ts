import { Entity } from '@backstage/catalog-model';
import {
  AvailabilityResponse,
  EntityServiceDeliveryResponse,
  IncidentSummary,
  SlaResponse,
} from '@service-delivery/plugin-service-delivery-common';

/*
 * A 24x7 payments service in Europe/London with a Sunday 02:00–04:00 maintenance window, read on
 * 20 October 2026 at 10:00 local time. October has 31 days and the extra hour when clocks go back
 * (2,682,000 s) less four maintenance windows: 2,653,200 s of agreed service time, so the 99.95 %
 * objective allows 0.05 % of it, 1,326.6 s (22m 7s). So far 1,656,000 s of agreed service time have
 * passed, and two incidents cost 1,620 s (27m): a 42-minute partial outage counting half and a
 * 6-minute full one. The budget is overspent by 293.4 s; availability so far is 99.9022 %.
 */

export const paymentsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    dependsOn: ['resource:payments-db-eu', 'component:fraud-scoring'],
    serviceDelivery: {
      tier: 'tier-1',
      serviceHours: {
        timezone: 'Europe/London',
        schedule: '24x7',
        maintenance: [{ days: ['sun'], from: '02:00', to: '04:00' }],
      },
      agreements: [
        {
          name: 'retail-sla',
          type: 'SLA',
          customer: 'group:retail-banking',
          period: 'month',
          objectives: [
            { name: 'availability', kind: 'availability', target: 99.95 },
            { name: 'success-rate', kind: 'ratio', target: 99.9 },
          ],
        },
      ],
    },
  },
};

export const undeclaredEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ledger-batch', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    serviceDelivery: { tier: 'tier-3' },
  },
};

export const october = {
  label: '2026-10',
  start: '2026-09-30T23:00:00.000Z',
  end: '2026-11-01T00:00:00.000Z',
  measuredUntil: '2026-10-20T09:00:00.000Z',
  timezone: 'Europe/London',
};

export const incidents: IncidentSummary[] = [
  {
    id: 'INC-2041',
    source: 'pagerduty',
    title: 'Card authorisations time out',
    priority: 'P2',
    impact: 'partial',
    startedAt: '2026-10-06T14:10:00.000Z',
    acknowledgedAt: '2026-10-06T14:22:00.000Z',
    resolvedAt: '2026-10-06T14:52:00.000Z',
    planned: false,
    cause: 'capacity',
    downtime: 1260,
  },
  {
    id: 'INC-2057',
    source: 'pagerduty',
    title: 'Payments API down after release 4.18',
    priority: 'P1',
    impact: 'full',
    startedAt: '2026-10-14T09:02:00.000Z',
    acknowledgedAt: '2026-10-14T09:05:00.000Z',
    resolvedAt: '2026-10-14T09:08:00.000Z',
    planned: false,
    cause: 'deployment',
    downtime: 360,
  },
];

export const slaResponse: SlaResponse = {
  entityRef: 'component:default/payments-api',
  period: october,
  agreements: [
    {
      name: 'retail-sla',
      type: 'SLA',
      customer: 'group:default/retail-banking',
      provider: 'group:default/payments',
      period: 'month',
      status: 'breached',
      inForce: true,
      effective: '2026-01-01',
      expires: '2027-01-01',
      document: 'https://example.com/slas/retail.pdf',
      serviceCredits: '5% of the monthly fee per 0.1% below target',
      objectives: [
        {
          name: 'availability',
          kind: 'availability',
          target: 99.95,
          actual: 99.9022,
          status: 'breached',
          errorBudget: {
            allowed: 1326.6,
            consumed: 1620,
            remaining: -293.4,
            consumedShare: 1.2212,
            remainingShare: -0.2212,
            burnRate: 1.9566,
            unit: 'seconds',
          },
          alerts: [
            {
              severity: 'page',
              threshold: 14.4,
              longWindow: '1h',
              shortWindow: '5m',
              longBurnRate: 0,
              shortBurnRate: 0,
              firing: false,
            },
            {
              severity: 'ticket',
              threshold: 1,
              longWindow: '3d',
              shortWindow: '6h',
              longBurnRate: 1.4,
              shortBurnRate: 1.1,
              firing: true,
            },
          ],
          burnDown: [
            { at: '2026-09-30T23:00:00.000Z', remainingShare: 1 },
            { at: '2026-10-06T23:00:00.000Z', remainingShare: 0.0502 },
            { at: '2026-10-14T23:00:00.000Z', remainingShare: -0.2212 },
            { at: '2026-10-20T09:00:00.000Z', remainingShare: -0.2212 },
          ],
        },
        {
          name: 'success-rate',
          kind: 'ratio',
          target: 99.9,
          actual: 99.962,
          status: 'met',
          errorBudget: {
            allowed: 12480,
            consumed: 4742,
            remaining: 7738,
            consumedShare: 0.38,
            remainingShare: 0.62,
            burnRate: 0.38,
            unit: 'events',
          },
          alerts: [],
          burnDown: [
            { at: '2026-09-30T23:00:00.000Z', remainingShare: 1 },
            { at: '2026-10-20T09:00:00.000Z', remainingShare: 0.62 },
          ],
        },
      ],
      support: [
        {
          priority: 'P1',
          responseTarget: 900,
          resolutionTarget: 14400,
          incidents: 1,
          respondedInTime: 1,
          resolvedInTime: 1,
          responseCompliance: 100,
          resolutionCompliance: 100,
        },
        {
          priority: 'P2',
          responseTarget: 3600,
          resolutionTarget: 86400,
          incidents: 4,
          respondedInTime: 3,
          resolvedInTime: 4,
          responseCompliance: 75,
          resolutionCompliance: 100,
        },
      ],
    },
  ],
  incidents,
  problems: [
    {
      path: 'spec.serviceDelivery.agreements[0].support[1].resolution',
      message:
        "'1 day' is not a duration: write a number with a unit (300ms, 15s, 15m, 4h, 1d, 2w, 6mo, 1y) or ISO 8601 (PT15M, P1D)",
    },
  ],
};

export const entityResponse: EntityServiceDeliveryResponse = {
  entityRef: 'component:default/payments-api',
  declared: (paymentsEntity.spec as { serviceDelivery: unknown })
    .serviceDelivery,
  problems: [
    {
      path: 'spec.serviceDelivery.tier',
      message:
        "Unknown tier 'tier-0': the config defines tier-1, tier-2, tier-3",
    },
    {
      path: 'spec.serviceDelivery.agreements[0].objectives[1].target',
      message: 'A target must be above 0 and at most 100, not 100.5',
    },
  ],
};

export const availabilityResponse: AvailabilityResponse = {
  entityRef: 'component:default/payments-api',
  period: october,
  timezone: 'Europe/London',
  problems: [],
  agreedServiceTime: 1656000,
  downtime: 1620,
  availability: 99.9022,
  target: 99.95,
  status: 'breached',
  failures: 2,
  mtbf: 827190,
  mtrs: 810,
  mtbsi: 828000,
  incidents,
  maintenance: [{ days: ['sun'], from: '02:00', to: '04:00' }],
  history: [
    { period: '2026-07', availability: 99.9909, target: 99.95, downtime: 241 },
    { period: '2026-08', availability: 99.9698, target: 99.95, downtime: 798 },
    { period: '2026-09', availability: 99.9987, target: 99.95, downtime: 34 },
    { period: '2026-10', availability: 99.9022, target: 99.95, downtime: 1620 },
  ],
  outageAnalysis: {
    byCause: [
      { key: 'capacity', downtime: 1260, incidents: 1 },
      { key: 'deployment', downtime: 360, incidents: 1 },
    ],
    byPriority: [
      { key: 'P2', downtime: 1260, incidents: 1 },
      { key: 'P1', downtime: 360, incidents: 1 },
    ],
    // 15:10–15:52 and 10:02–10:08 London time (BST)
    byHourOfDay: Array.from({ length: 24 }, (_, hour) => ({
      hour,
      downtime: ({ 10: 360, 15: 1260 } as Record<number, number>)[hour] ?? 0,
    })),
  },
  composite: {
    achievable: 99.93,
    bounds: { low: 99.93, high: 99.93 },
    exact: true,
    feasibility: 'unachievable',
    unachievable: true,
    limitingDependencies: [
      {
        entityRef: 'resource:default/payments-db-eu',
        availability: 99.95,
        basis: 'agreed',
      },
      {
        entityRef: 'component:default/fraud-scoring',
        availability: 99.98,
        basis: 'measured',
      },
    ],
  },
};
