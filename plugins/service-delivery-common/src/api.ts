/*
 * The JSON shapes of the Service Delivery REST API (base /api/service-delivery/v1).
 * Percentages are 0–100, durations are seconds, instants are ISO 8601 UTC strings.
 */

/** @public */
export type Status = 'met' | 'at-risk' | 'breached' | 'no-data';

import type { Feasibility } from './calc/composite';
import type {
  ErrorBudgetPolicyState,
  ErrorBudgetPolicyStepResult,
} from './calc/errorBudgetPolicy';
import { CorrectionRecord, RecordProblem, ValidationProblem } from './types';

/** @public */
export type Money = { amount: number; currency: string };

/** @public */
export type PeriodRange = {
  /** e.g. `2026-10`, `2026-Q4`, `rolling-28d` */
  label: string;
  start: string;
  /** the first instant after the period: the range is half-open */
  end: string;
  /** the end of what has been measured: `end` for past periods, now for the current one */
  measuredUntil: string;
  /** the service's timezone, which a calendar period's days are days in */
  timezone: string;
};

/**
 * `GET /entities/{kind}/{namespace}/{name}`
 *
 * @public
 */
export type EntityServiceDeliveryResponse = {
  entityRef: string;
  declared: unknown;
  problems: ValidationProblem[];
};

/** @public */
export type ErrorBudget = {
  /** seconds of downtime (availability) or number of bad events (ratio, latency) allowed */
  allowed: number;
  consumed: number;
  remaining: number;
  /** consumed / allowed (0–1, above 1 once overspent); null when nothing is allowed (target 100) */
  consumedShare: number | null;
  /** 1 − consumedShare (negative once overspent); null when nothing is allowed */
  remainingShare: number | null;
  /** consumed share of the budget divided by the elapsed share of the period */
  burnRate: number | null;
  unit: 'seconds' | 'events';
};

/** @public */
export type BurnRateAlert = {
  severity: 'page' | 'ticket';
  threshold: number;
  longWindow: string;
  shortWindow: string;
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
};

/** @public */
export type ObjectiveResult = {
  name: string;
  kind: 'availability' | 'latency' | 'ratio';
  target: number;
  /** the achieved percentage, null without data */
  actual: number | null;
  status: Status;
  errorBudget: ErrorBudget;
  alerts: BurnRateAlert[];
  /** the budget consumed over the period, for the burn-down chart */
  burnDown: Array<{ at: string; remainingShare: number | null }>;
  /** how much of the consumed budget fell during dependencies' outages */
  burnAttribution?: BurnAttribution;
};

/**
 * A share (0–1) or a count: a number when exact, bounds when SLI buckets only partly overlapped an
 * outage.
 *
 * @public
 */
export type AttributedFigure = number | { low: number; high: number };

/**
 * One line of a burn attribution: a dependency, or a redundancy group (out only while every member is).
 *
 * @public
 */
export type BurnAttributionLine = {
  entityRef?: string;
  /** the members of a redundancy group */
  group?: string[];
  /** share of the consumed budget; null when nothing was consumed */
  share: AttributedFigure | null;
  /** availability objectives: seconds of downtime during its outages */
  seconds?: number;
  /** ratio and latency objectives: bad events in buckets inside (low) and touching (high) its outages */
  events?: { low: number; high: number };
};

/**
 * The consumed error budget of an objective attributed to the dependencies that were out meanwhile. A
 * moment during which several were out counts for each, so shares may add up to more than 1.
 *
 * @public
 */
export type BurnAttribution = {
  unit: 'seconds' | 'events';
  /** most first; only lines with anything attributed */
  dependencies: BurnAttributionLine[];
  /** what fell while no dependency was out */
  unexplained: Omit<BurnAttributionLine, 'entityRef' | 'group'>;
  /** false when some figures are bounds */
  exact: boolean;
};

/** @public */
export type SupportResult = {
  priority: string;
  responseTarget: number;
  resolutionTarget: number;
  incidents: number;
  respondedInTime: number;
  resolvedInTime: number;
  /** percentage of decided incidents responded to in time; null while none is decided */
  responseCompliance: number | null;
  /** percentage of decided incidents resolved in time; null while none is decided */
  resolutionCompliance: number | null;
};

/** @public */
export type AgreementResult = {
  name: string;
  type: 'SLA' | 'OLA' | 'UC';
  customer?: string;
  provider?: string;
  period: string;
  status: Status;
  inForce: boolean;
  /** `YYYY-MM-DD` as declared */
  effective?: string;
  /** `YYYY-MM-DD` as declared */
  expires?: string;
  document?: string;
  serviceCredits?: string;
  objectives: ObjectiveResult[];
  support: SupportResult[];
  /**
   * The SLA corrections that changed this agreement's figures in the period (absent when none did):
   * its objectives, support and status are the agreed figures, without what they exclude.
   */
  corrections?: CorrectionView[];
  /**
   * The agreement's error-budget policy, evaluated from its current period's figures whatever period
   * was asked for (a finished period freezes nothing); absent when no policy applies.
   */
  policy?: AgreementPolicy;
};

/** @public */
export type AgreementPolicy = {
  /** the steps of every objective, each with whether it is in force now */
  steps: ErrorBudgetPolicyStepResult[];
  state: ErrorBudgetPolicyState;
  /** the period the steps were evaluated for, e.g. `2026-10` */
  period: string;
};

/**
 * `GET /entities/{ref}/gate?change=feature|fix`
 *
 * @public
 */
export type GateResponse = {
  entityRef: string;
  change: 'feature' | 'fix';
  allow: boolean;
  reasons: string[];
  steps: ErrorBudgetPolicyStepResult[];
  /** ISO 8601 */
  evaluatedAt: string;
};

/**
 * One recorded answer of the release gate, `GET /entities/{ref}/gate/decisions`.
 *
 * @public
 */
export type GateDecision = {
  entityRef: string;
  change: 'feature' | 'fix';
  allow: boolean;
  reasons: string[];
  /** the principal that asked */
  requestedBy: string;
  /** ISO 8601 */
  evaluatedAt: string;
};

/** @public */
export type GateDecisionsResponse = { decisions: GateDecision[] };

/** @public */
export type IncidentSummary = {
  id: string;
  source: string;
  title: string;
  priority?: string;
  impact: 'full' | 'partial' | 'degraded' | 'none';
  startedAt: string;
  acknowledgedAt?: string | null;
  resolvedAt?: string | null;
  planned: boolean;
  cause?: string;
  /** downtime this incident contributed within agreed service time, in seconds */
  downtime: number;
};

/**
 * An SLA correction as served, with who wrote it and when (null for rows older than the audit).
 *
 * @public
 */
export type CorrectionView = CorrectionRecord & {
  writtenBy: string | null;
  /** ISO 8601 */
  writtenAt: string | null;
};

/**
 * `GET /entities/{ref}/sla?period=`
 *
 * @public
 */
export type SlaResponse = {
  entityRef: string;
  period: PeriodRange;
  agreements: AgreementResult[];
  incidents: IncidentSummary[];
  problems: ValidationProblem[];
  /**
   * The entity's SLA corrections that bear on the period: those that changed an agreement's figures
   * and interval corrections overlapping the period; each with the agreements it applied to.
   */
  corrections?: Array<CorrectionView & { appliedTo: string[] }>;
};

/** @public */
export type LimitingDependency = {
  entityRef: string;
  availability: number;
  /** agreed, measured, or unknown when the dependency declares nothing */
  basis: 'agreed' | 'measured' | 'unknown';
};

/** @public */
export type OutageBreakdown = {
  byCause: Array<{ key: string; downtime: number; incidents: number }>;
  byPriority: Array<{ key: string; downtime: number; incidents: number }>;
  byHourOfDay: Array<{ hour: number; downtime: number }>;
};

/**
 * `GET /entities/{ref}/availability?period=`
 *
 * @public
 */
export type AvailabilityResponse = {
  entityRef: string;
  period: PeriodRange;
  timezone: string;
  agreedServiceTime: number;
  downtime: number;
  availability: number | null;
  target: number | null;
  status: Status;
  failures: number;
  mtbf: number | null;
  mtrs: number | null;
  mtbsi: number | null;
  incidents: IncidentSummary[];
  maintenance: Array<{ days: string[]; from: string; to: string }>;
  history: Array<{
    period: string;
    availability: number | null;
    target: number | null;
    downtime: number;
  }>;
  outageAnalysis: OutageBreakdown;
  problems: ValidationProblem[];
  /**
   * Where SLA corrections apply in the period: per agreement, the availability it agreed to count
   * (the figures above stay as measured). Absent when no correction applies.
   */
  agreed?: Array<{
    agreement: string;
    availability: number | null;
    /** seconds */
    downtime: number;
    /** seconds */
    agreedServiceTime: number;
    /** how many corrections apply */
    corrections: number;
  }>;
  composite: {
    /** the ceiling the dependencies allow, percent; its lower bound when not exact */
    achievable: number | null;
    /** the ceiling as an interval; low = high when exact */
    bounds: { low: number; high: number } | null;
    /** false when the ceiling could only be bounded (see `bounds`) */
    exact: boolean;
    /** the target against the ceiling; `uncertain` only when the ceiling is bounded */
    feasibility: Feasibility | null;
    /** the agreed target is above what the dependencies can deliver, or may be (conservative) */
    unachievable: boolean;
    limitingDependencies: LimitingDependency[];
  };
};

/**
 * A continuity objective: what is declared, what the tier's policy says, and what applies. Seconds.
 *
 * @public
 */
export type ContinuityObjective = {
  declared: number | null;
  policy: number | null;
  effective: number | null;
  source: 'declared' | 'policy' | null;
};

/**
 * One continuity check; `id` repeats for checks of one kind (an inversion per dependency).
 *
 * @public
 */
export type ContinuityCheckResult = {
  id: string;
  status: 'pass' | 'warn' | 'fail';
  /** a sentence a manager understands */
  message: string;
  /** the entity references concerned */
  subjects: string[];
};

/** @public */
export type DrTestSummary = {
  id: string;
  source: string;
  performedAt: string;
  result: 'passed' | 'partial' | 'failed';
  /** seconds */
  achievedRto: number | null;
  /** seconds */
  achievedRpo: number | null;
  notes?: string;
  /** achieved RTO within the RTO in force; null when either is unknown */
  rtoMet: boolean | null;
  rpoMet: boolean | null;
};

/** @public */
export type ScoredRiskResult = {
  threat: string;
  likelihood: 'low' | 'medium' | 'high';
  impact: 'low' | 'medium' | 'high';
  mitigation?: string;
  /** likelihood × impact, low = 1, medium = 2, high = 3 */
  score: number;
  rating: 'low' | 'medium' | 'high';
};

/**
 * A dependency that recovers more slowly than the service must, or sits in a lower tier.
 *
 * @public
 */
export type ContinuityInversion = {
  entityRef: string;
  /** from the service down to the dependency, both included */
  path: string[];
  reasons: Array<'rto' | 'tier'>;
  /** its RTO in force, seconds */
  rto: number | null;
  tier: string | null;
};

/**
 * `GET /entities/{ref}/continuity`
 *
 * @public
 */
export type ContinuityResponse = {
  entityRef: string;
  /** the entity declares `serviceDelivery.continuity` */
  declared: boolean;
  tier: string | null;
  /** RTO in force, seconds: declared, else the tier's */
  rto: number | null;
  /** RPO in force, seconds */
  rpo: number | null;
  /** DR test interval in force, seconds */
  testEvery: number | null;
  objectives: {
    rto: ContinuityObjective;
    rpo: ContinuityObjective;
    testEvery: ContinuityObjective;
  };
  /** the tier's policy; null without a tier the config defines */
  policy: {
    tier: string;
    /** position in the config's tiers, 0 the most critical */
    rank: number;
    availability: number | null;
    rto: number | null;
    rpo: number | null;
    testEvery: number | null;
  } | null;
  strategy: string | null;
  plan: string | null;
  sites: string[];
  lastTest: DrTestSummary | null;
  testOverdue: boolean;
  testState:
    | 'never-tested'
    | 'overdue'
    | 'due-soon'
    | 'current'
    | 'no-interval';
  /** when the next test falls due, or fell due when overdue; null when never tested or no interval */
  testDueAt: string | null;
  /** the worst status of the checks */
  status: 'pass' | 'warn' | 'fail';
  checks: ContinuityCheckResult[];
  /** (1 − availability) × 8,760 h × cost per hour */
  expectedAnnualLoss:
    | (Money & {
        availability: number;
        /** measured over the past 365 days where there are incidents, else the agreed target */
        basis: 'measured' | 'target';
        costPerHour: number;
      })
    | null;
  businessImpact: {
    costPerHour: number;
    currency: string;
    notes?: string;
  } | null;
  /** newest first */
  drTests: DrTestSummary[];
  /** highest score first */
  risks: ScoredRiskResult[];
  inversions: ContinuityInversion[];
  problems: ValidationProblem[];
};

/** @public */
export type FailingEntity = {
  entityRef: string;
  kind: string;
  title?: string;
  tier: string | null;
  /** position of its tier in the config, 0 the most critical */
  tierRank: number | null;
  /** steps from the failed entity, 1 for what needs it directly */
  depth: number;
  /**
   * the entity whose failure brought this one down: the failed entity itself at depth 1, otherwise
   * an earlier entry of the same list (`failurePath` follows these back to the failed entity)
   */
  cause: string;
  /** the last step: a plain dependency, the last member of a redundancy group, or a part of a whole */
  via: 'dependsOn' | 'redundancy' | 'partOf';
};

/**
 * `GET /entities/{ref}/impact`: component failure impact analysis
 *
 * @public
 */
export type ImpactResponse = {
  entityRef: string;
  tier: string | null;
  /** everything that fails with the entity, nearest first */
  failsWith: FailingEntity[];
  /** the entities of the most critical tier its failure alone takes down */
  singlePointOfFailureFor: Array<{ entityRef: string; tier: string }>;
  /** dependants that lose it but keep running on a redundant alternative */
  survives: Array<{
    entityRef: string;
    tier: string | null;
    lost: string[];
    alternatives: string[];
  }>;
  /** the catalog snapshot the answer was computed on */
  graph: { entities: number; loadedAt: string };
};

/**
 * 400 answer of `POST /ingest/{kind}`
 *
 * @public
 */
export type IngestErrorResponse = { error: string; problems: RecordProblem[] };

/**
 * 200 answer of `POST /ingest/{kind}`
 *
 * @public
 */
export type IngestResponse = {
  accepted: number;
  updated: number;
  unchanged: number;
};

/*
 * Cost (Financial Management). Every amount is in the response's `currency`: costs recorded in
 * another currency are converted with serviceDelivery.currencyRates.
 */

/** @public */
export type CostMonth = {
  /** `YYYY-MM` */
  month: string;
  /** actuals; null when no cost was recorded for the month */
  total: number | null;
  byCategory: Record<string, number>;
  budget: number | null;
  /** total − budget: positive when over budget */
  variance: number | null;
  /** good events of the demand SLI in the month */
  units: number | null;
  unitCost: number | null;
};

/** @public */
export type CostForecast = {
  year: number;
  /** actuals of the year's complete months */
  actualToDate: number;
  /** the average of the run-rate months */
  runRate: number;
  runRateMonths: string[];
  /** months still to come, the current one included */
  remainingMonths: number;
  amount: number;
  /** the year's budget */
  budget: number | null;
  /** amount − budget: positive when the year ends over budget */
  variance: number | null;
};

/** @public */
export type ChargebackLine = {
  consumer: string;
  /** percent */
  share: number;
  /** the consumer's part of the months shown */
  amount: number;
  /** the consumer's part of the last complete month */
  lastMonthAmount: number | null;
};

/** @public */
export type FullyLoadedCostResult = {
  /** over the months shown */
  own: number;
  shared: number;
  total: number;
  dependencies: Array<{
    entityRef: string;
    /** the dependency's own cost over the months shown */
    cost: number;
    /** percent of that cost carried by this service */
    share: number;
    amount: number;
    direct: boolean;
  }>;
  /** dependency edges left out because they close a cycle */
  cycles: Array<{ from: string; to: string }>;
  /**
   * the platforms counted in `shared` but not in `dependencies`, since the caller may not read
   * their cost: how many, and what this service carries of them together (null when every platform
   * is listed), so that own, the listed amounts and this add up to the total
   */
  unlisted: { platforms: number; amount: number } | null;
};

/**
 * `GET /entities/{ref}/cost?from=&to=`
 *
 * @public
 */
export type CostResponse = {
  entityRef: string;
  currency: string;
  costCenter?: string;
  chargingPolicy?: string;
  /** `YYYY-MM`, the first and last months shown */
  from: string;
  to: string;
  /** every category that has costs in the months shown, in order */
  categories: string[];
  months: CostMonth[];
  total: number;
  budgetTotal: number | null;
  varianceTotal: number | null;
  /** where the calendar year ends at the current run rate; null without recent costs */
  forecastYearEnd: number | null;
  forecast: CostForecast | null;
  /** the latest month shown that is over */
  lastCompleteMonth: string | null;
  chargeback: ChargebackLine[];
  /** cost per unit of demand in the last complete month */
  unitCost: number | null;
  unit: {
    name: string;
    sli?: string;
    month: string | null;
    units: number | null;
  } | null;
  /** null for a roll-up (system, domain, group) */
  fullyLoaded: FullyLoadedCostResult | null;
  /** the parts a system, domain or group sums up */
  rollUp: {
    level: 'system' | 'domain' | 'owner';
    parts: Array<{
      entityRef: string;
      total: number;
      budget: number | null;
      /**
       * the system, also a part, whose budget holds this part's: counted in it, not again
       * (`budgetHolders`); absent when none does
       */
      budgetHeldBy?: string;
    }>;
  } | null;
  /** costs that could not be counted, such as those in a currency without a rate */
  warnings: string[];
  problems: ValidationProblem[];
};

/*
 * Capacity Management.
 */

/** @public */
export type CapacityResourceStatus = 'ok' | 'warning' | 'critical' | 'no-data';

/**
 * an instant, `already` when the threshold is crossed now, null when the trend never crosses it
 *
 * @public
 */
export type CapacityCrossing = string | 'already' | null;

/** @public */
export type CapacityResourceResult = {
  name: string;
  unit?: string;
  /** the capacity in force now: the latest sample's override, else the declared capacity */
  capacity: number;
  declaredCapacity: number;
  /** the latest sample */
  used: number | null;
  lastSampleAt: string | null;
  /** percent */
  utilisation: number | null;
  headroom: number | null;
  status: CapacityResourceStatus;
  /** percent thresholds as declared */
  warning: number | null;
  critical: number | null;
  /** the thresholds as amounts of usage against the capacity in force */
  warningLevel: number | null;
  criticalLevel: number | null;
  /** the demand trend, in `unit` a day (with the what-if growth applied) */
  trendPerDay: number | null;
  samplesInWindow: number;
  warningAt: CapacityCrossing;
  criticalAt: CapacityCrossing;
  exhaustedAt: CapacityCrossing;
  daysToWarning: number | null;
  daysToCritical: number | null;
  daysToExhaustion: number | null;
  /** the measured samples of the chart */
  samples: Array<{
    at: string;
    used: number;
    capacity: number;
    utilisation: number;
  }>;
  /** the trend from now on, with the capacity in force (what-if change included) */
  forecast: Array<{ at: string; used: number; capacity: number }>;
};

/**
 * `GET /entities/{ref}/capacity?window=&growth=&capacityChange=`
 *
 * @public
 */
export type CapacityResponse = {
  entityRef: string;
  asOf: string;
  /** the trend window, in seconds */
  window: number;
  whatIf: {
    growth: number;
    capacityChanges: Array<{ resource: string; capacity: number; at: string }>;
  };
  resources: CapacityResourceResult[];
  problems: ValidationProblem[];
};
