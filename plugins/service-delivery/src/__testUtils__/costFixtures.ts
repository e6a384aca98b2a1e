import { Entity } from '@backstage/catalog-model';
import {
  CapacityResourceResult,
  CapacityResponse,
  CostResponse,
} from '@service-delivery/plugin-service-delivery-common';

/*
 * The cost and capacity of a checkout service as the backend answers them (the backend's
 * hand-computed case, src/service/costCapacity.test.ts): twelve months to May 2026 in EUR with a
 * 120,000 annual budget, and two resources, storage critical and cpu with time to spare.
 */

export const checkoutEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:payments',
    dependsOn: ['resource:cluster'],
    serviceDelivery: {
      cost: {
        currency: 'EUR',
        budget: { annual: 120000 },
        chargeback: [
          { consumer: 'group:retail-banking', share: 60 },
          { consumer: 'group:corporate-banking', share: 40 },
        ],
        unit: { name: 'payment', sli: 'success-rate' },
      },
      capacity: {
        resources: [
          {
            name: 'cpu',
            unit: 'cores',
            capacity: 100,
            warning: 70,
            critical: 85,
          },
          {
            name: 'storage',
            unit: 'GiB',
            capacity: 1000,
            warning: 75,
            critical: 90,
          },
        ],
      },
    },
  },
};

const month = (
  name: string,
  byCategory: Record<string, number>,
  total: number | null,
  extra: Partial<CostResponse['months'][number]> = {},
) => ({
  month: name,
  total,
  byCategory,
  budget: 10000,
  variance: total === null ? null : Math.round((total - 10000) * 100) / 100,
  units: null,
  unitCost: null,
  ...extra,
});

export const costResponse: CostResponse = {
  entityRef: 'component:default/checkout',
  currency: 'EUR',
  costCenter: 'CC-1',
  chargingPolicy: 'cost-recovery',
  from: '2025-06',
  to: '2026-05',
  categories: ['compute', 'licences', 'storage'],
  months: [
    month('2025-06', {}, null),
    month('2025-07', {}, null),
    month('2025-08', {}, null),
    month('2025-09', {}, null),
    month('2025-10', {}, null),
    month('2025-11', {}, null),
    month('2025-12', { compute: 5000 }, 5000),
    month('2026-01', { compute: 6000, storage: 2000 }, 8000),
    month('2026-02', { compute: 7000, storage: 2500 }, 9500),
    month('2026-03', { compute: 8000, storage: 3000.01 }, 11000.01),
    month('2026-04', { compute: 9000, licences: 92, storage: 3000 }, 12092, {
      units: 1209200,
      unitCost: 0.01,
    }),
    month('2026-05', { compute: 4000 }, 4000),
  ],
  total: 49592.01,
  budgetTotal: 120000,
  varianceTotal: -70407.99,
  forecastYearEnd: 127504.01,
  forecast: {
    year: 2026,
    actualToDate: 40592.01,
    runRate: 10864,
    runRateMonths: ['2026-02', '2026-03', '2026-04'],
    remainingMonths: 8,
    amount: 127504.01,
    budget: 120000,
    variance: 7504.01,
  },
  lastCompleteMonth: '2026-04',
  chargeback: [
    {
      consumer: 'group:retail-banking',
      share: 60,
      amount: 29755.21,
      lastMonthAmount: 7255.2,
    },
    {
      consumer: 'group:corporate-banking',
      share: 40,
      amount: 19836.8,
      lastMonthAmount: 4836.8,
    },
  ],
  unitCost: 0.01,
  unit: {
    name: 'payment',
    sli: 'success-rate',
    month: '2026-04',
    units: 1209200,
  },
  fullyLoaded: {
    own: 49592.01,
    shared: 1500,
    total: 51092.01,
    dependencies: [
      {
        entityRef: 'resource:default/cluster',
        cost: 3000,
        share: 50,
        amount: 1500,
        direct: true,
      },
    ],
    cycles: [],
    unlisted: null,
  },
  rollUp: null,
  warnings: [],
  problems: [],
};

const now = '2026-05-15T12:00:00.000Z';
const daysFromNow = (days: number) =>
  new Date(Date.parse(now) + days * 86400000).toISOString();

const cpu: CapacityResourceResult = {
  name: 'cpu',
  unit: 'cores',
  capacity: 200,
  declaredCapacity: 100,
  used: 60,
  lastSampleAt: now,
  utilisation: 30,
  headroom: 140,
  status: 'ok',
  warning: 70,
  critical: 85,
  warningLevel: 140,
  criticalLevel: 170,
  trendPerDay: 1,
  samplesInWindow: 3,
  warningAt: daysFromNow(80),
  criticalAt: daysFromNow(110),
  exhaustedAt: daysFromNow(140),
  daysToWarning: 80,
  daysToCritical: 110,
  daysToExhaustion: 140,
  samples: [
    { at: daysFromNow(-20), used: 40, capacity: 100, utilisation: 40 },
    { at: daysFromNow(-10), used: 50, capacity: 200, utilisation: 25 },
    { at: now, used: 60, capacity: 200, utilisation: 30 },
  ],
  forecast: [
    { at: now, used: 60, capacity: 200 },
    { at: daysFromNow(147), used: 207, capacity: 200 },
  ],
};

const storage: CapacityResourceResult = {
  name: 'storage',
  unit: 'GiB',
  capacity: 1000,
  declaredCapacity: 1000,
  used: 900,
  lastSampleAt: now,
  utilisation: 90,
  headroom: 100,
  status: 'critical',
  warning: 75,
  critical: 90,
  warningLevel: 750,
  criticalLevel: 900,
  trendPerDay: 50,
  samplesInWindow: 3,
  warningAt: 'already',
  criticalAt: 'already',
  exhaustedAt: daysFromNow(2),
  daysToWarning: 0,
  daysToCritical: 0,
  daysToExhaustion: 2,
  samples: [
    { at: daysFromNow(-2), used: 800, capacity: 1000, utilisation: 80 },
    { at: daysFromNow(-1), used: 850, capacity: 1000, utilisation: 85 },
    { at: now, used: 900, capacity: 1000, utilisation: 90 },
  ],
  forecast: [
    { at: now, used: 900, capacity: 1000 },
    { at: daysFromNow(90), used: 5400, capacity: 1000 },
  ],
};

export const capacityResponse: CapacityResponse = {
  entityRef: 'component:default/checkout',
  asOf: now,
  window: 30 * 86400,
  whatIf: { growth: 1, capacityChanges: [] },
  // as declared: cpu first
  resources: [cpu, storage],
  problems: [],
};

/** The same at 25 % more demand: cpu crosses sooner. */
export const grownCapacityResponse: CapacityResponse = {
  ...capacityResponse,
  whatIf: { growth: 1.25, capacityChanges: [] },
  resources: [
    {
      ...cpu,
      trendPerDay: 1.25,
      warningAt: daysFromNow(52),
      criticalAt: daysFromNow(76),
      exhaustedAt: daysFromNow(100),
      daysToWarning: 52,
      daysToCritical: 76,
      daysToExhaustion: 100,
    },
    storage,
  ],
};
