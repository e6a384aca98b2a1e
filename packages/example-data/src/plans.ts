import { Random } from './random';

/**
 * What the generated data should show for one entity. Everything not stated is "healthy":
 * objectives met, spend under budget, capacity comfortable, DR tests on time and passed.
 */
export interface EntityPlan {
  /** the current period of one objective (by name) ends up at risk or breached */
  current?: {
    objective: string;
    status: 'at-risk' | 'breached';
    cause?: string;
    title?: string;
    /**
     * A dependency that was out during the planned outage: its incident starts a few minutes before
     * the service's and lasts `share` (0–1) of it, so that share of the burn is attributed to it.
     */
    dependency?: {
      entityRef: string;
      share: number;
      title: string;
      cause?: string;
    };
  };
  /** spend against budget in the latest months, e.g. 1.12 = 12 % over */
  costRatio?: number;
  /** capacity resources that reach 100 % in this many days (linear growth over the history) */
  exhaustInDays?: Record<string, number>;
  /** capacity resources held at this utilisation (0–1) now, e.g. above their warning level */
  utilisation?: Record<string, number>;
  /** a capacity resource whose capacity was raised: it had `from` until `monthsAgo` months ago */
  expansion?: { resource: string; from: number; monthsAgo: number };
  /** the state of DR testing */
  dr?: 'ok' | 'overdue' | 'failed' | 'partial' | 'never';
  /** an incident that is still open now */
  openIncident?: {
    title: string;
    priority: 'P1' | 'P2' | 'P3' | 'P4';
    impact: 'full' | 'partial' | 'degraded' | 'none';
    cause?: string;
    minutesAgo: number;
  };
  /**
   * An SLA correction of the open incident: the agreements do not count it, for this reason (the
   * measured figures still do).
   */
  correctOpenIncident?: {
    reason: 'third-party-underpinning-contract' | 'customer-caused';
    note: string;
  };
  /** how many planned-maintenance incidents to record in the declared maintenance windows */
  plannedMaintenance?: number;
}

/**
 * The story of the Northwind Bank demo (examples/). Every example entity with metadata is listed;
 * an empty plan means healthy. Entities that are not listed (synthetic organisations) get a
 * random plan from `randomPlan`.
 */
export const DEMO_PLANS: Readonly<Record<string, EntityPlan>> = {
  // payments
  'system:default/payments-processing': {},
  'component:default/payments-api': {
    current: {
      objective: 'payment-latency',
      status: 'at-risk',
      cause: 'capacity',
      title: 'Payment latency above 300 ms at lunchtime peak',
    },
  },
  'component:default/fraud-scoring': {},
  'component:default/fraud-rules': {},
  'component:default/card-authorisation': {},
  'resource:default/card-hsm': { dr: 'never' },
  'resource:default/payments-db-eu': {
    exhaustInDays: { storage: 52 },
    plannedMaintenance: 3,
  },
  'resource:default/payments-db-us': {
    expansion: { resource: 'storage', from: 2048, monthsAgo: 7 },
    plannedMaintenance: 3,
  },
  // digital channels
  'component:default/web-banking': {},
  'component:default/mobile-banking-api': {
    current: {
      objective: 'api-success',
      status: 'breached',
      cause: 'deployment',
      title: 'Mobile API 5xx errors after release 7.42',
    },
    costRatio: 1.11,
  },
  'component:default/customer-profile': {
    current: {
      objective: 'availability',
      status: 'breached',
      cause: 'database',
      title: 'Customer profile down: customer-db connection pool exhausted',
      dependency: {
        entityRef: 'resource:default/customer-db',
        share: 0.75,
        title: 'Customer database: connection pool exhausted',
        cause: 'database',
      },
    },
    dr: 'overdue',
  },
  'resource:default/customer-db': {},
  'component:default/treasury-portal': {},
  'component:default/notifications-service': {
    openIncident: {
      title: 'SMS delivery delayed — supplier throttling our sender IDs',
      priority: 'P3',
      impact: 'degraded',
      cause: 'supplier',
      minutesAgo: 155,
    },
    correctOpenIncident: {
      reason: 'third-party-underpinning-contract',
      note: 'The SMS supplier throttled our sender IDs; covered by its underpinning contract (UC-SMS-2), not by notifications-sla',
    },
  },
  // platform
  'resource:default/kubernetes-cluster': {
    costRatio: 1.09,
    utilisation: { cpu: 0.78 },
    plannedMaintenance: 6,
  },
  'resource:default/message-bus': { dr: 'overdue', plannedMaintenance: 2 },
  'component:default/api-gateway': {},
  'component:default/identity-service': { dr: 'partial' },
  'resource:default/identity-db': {},
  'component:default/service-delivery-portal': {},
  // data
  'resource:default/data-lake': {
    costRatio: 1.14,
    exhaustInDays: { storage: 45 },
  },
  'component:default/feature-store': {
    current: {
      objective: 'availability',
      status: 'at-risk',
      cause: 'capacity',
      title: 'Feature store online reads timing out (memory pressure)',
    },
    dr: 'failed',
  },
  'resource:default/reporting-warehouse': {},
  'component:default/regulatory-reporting': {},
};

/** A plan for an entity the demo story does not know: mostly healthy, some trouble. */
export function randomPlan(
  seed: number,
  entityRef: string,
  objectives: string[],
  capacityResources: string[],
  hasMaintenance: boolean,
): EntityPlan {
  const rng = new Random(seed, `${entityRef}|plan`);
  const plan: EntityPlan = {};
  const roll = rng.float();
  if (objectives.length && roll < 0.05) {
    plan.current = { objective: rng.pick(objectives), status: 'breached' };
  } else if (objectives.length && roll < 0.15) {
    plan.current = { objective: rng.pick(objectives), status: 'at-risk' };
  }
  if (rng.chance(0.1)) {
    plan.costRatio = rng.between(1.04, 1.2);
  }
  if (capacityResources.length && rng.chance(0.04)) {
    plan.exhaustInDays = { [rng.pick(capacityResources)]: rng.int(20, 90) };
  } else if (capacityResources.length && rng.chance(0.1)) {
    plan.utilisation = {
      [rng.pick(capacityResources)]: rng.between(0.72, 0.88),
    };
  }
  const dr = rng.float();
  if (dr < 0.08) {
    plan.dr = 'overdue';
  } else if (dr < 0.11) {
    plan.dr = 'failed';
  } else if (dr < 0.15) {
    plan.dr = 'partial';
  }
  if (rng.chance(0.015)) {
    plan.openIncident = {
      title: 'Elevated error rate under investigation',
      priority: rng.pick(['P2', 'P3'] as const),
      impact: rng.pick(['partial', 'degraded'] as const),
      cause: rng.pick(['deployment', 'capacity', 'network']),
      minutesAgo: rng.int(20, 600),
    };
  }
  if (hasMaintenance) {
    plan.plannedMaintenance = rng.int(0, 3);
  }
  return plan;
}
