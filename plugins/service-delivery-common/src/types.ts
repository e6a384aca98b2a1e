/*
 * The shapes of the Service Delivery contract: the `spec.serviceDelivery` metadata teams declare in
 * catalog-info.yaml, the `serviceDelivery` section of app-config, and the measured-data records.
 */

/**
 * A duration as written in YAML: ISO 8601 (`PT15M`) or a short form (`15m`, `6mo`), or a number of
 * seconds. See {@link parseDuration}.
 *
 * @public
 */
export type DurationInput = string | number;

/** @public */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A weekly recurring window, in the service's timezone. `from` and `to` are `HH:MM`; `to` may be
 * `24:00` and must be later than `from` (a window across midnight is written as two).
 *
 * @public
 */
export interface WeeklyWindow {
  days: Weekday[];
  from: string;
  to: string;
}

/**
 * The agreed service time (AST): either `schedule: 24x7` or a `weekly` list of windows, minus the
 * planned `maintenance` windows. Declaring neither means around the clock.
 *
 * @public
 */
export interface ServiceHours {
  /** IANA time zone such as `Europe/London`; UTC when omitted. */
  timezone?: string;
  schedule?: '24x7';
  weekly?: WeeklyWindow[];
  /** Planned windows: neither downtime nor agreed service time. */
  maintenance?: WeeklyWindow[];
}

/**
 * SLA: with a business customer. OLA: with an internal team. UC: underpinning contract with a supplier.
 *
 * @public
 */
export type AgreementType = 'SLA' | 'OLA' | 'UC';

/** @public */
export type AgreementPeriod =
  | 'month'
  | 'quarter'
  | 'rolling-28d'
  | 'rolling-30d';

/** @public */
export type ObjectiveKind = 'availability' | 'latency' | 'ratio';

/**
 * PromQL that measures an objective, read by the Prometheus provider: either `good` and `total`,
 * each the number of events in a bucket, or `ratio`, the share (0 to 1) of a bucket that was good.
 * `$bucket` in a query stands for the bucket's length, such as `1h`.
 *
 * @public
 */
export interface ObjectivePrometheusQueries {
  good?: string;
  total?: string;
  ratio?: string;
}

/**
 * The condition of an error-budget policy step: less than this percentage of the budget left, a
 * burn-rate alert of this severity firing, or the objective breached.
 *
 * @public
 */
export type ErrorBudgetPolicyCondition =
  | { budgetRemainingBelow: number }
  | { burnRateAlert: 'page' | 'ticket' }
  | { status: 'breached' };

/** @public */
export type ErrorBudgetPolicyAction =
  | 'freeze-features'
  | 'freeze-all'
  | 'review'
  | 'notify';

/** @public */
export type ChangeKind = 'feature' | 'fix';

/**
 * One step of an error-budget policy. A freeze stops the changes it applies to: `freeze-features`
 * features only (fixes are exempt), `freeze-all` both, unless `appliesTo` names them; `review` and
 * `notify` stop nothing.
 *
 * @public
 */
export interface ErrorBudgetPolicyStep {
  when: ErrorBudgetPolicyCondition;
  action: ErrorBudgetPolicyAction;
  appliesTo?: ChangeKind[];
}

/**
 * A service level objective. `target` is a percentage in (0, 100]. A latency objective also names
 * the `threshold` below which an event counts as good.
 *
 * @public
 */
export interface Objective {
  name: string;
  kind: ObjectiveKind;
  target: number;
  threshold?: DurationInput;
  /** Where the Prometheus provider pulls the objective's SLI counts from. */
  prometheus?: ObjectivePrometheusQueries;
  /** Replaces the agreement's policy for this objective. */
  errorBudgetPolicy?: ErrorBudgetPolicyStep[];
}

/**
 * Incident response and resolution targets for one priority.
 *
 * @public
 */
export interface SupportTarget {
  priority: string;
  response?: DurationInput;
  resolution?: DurationInput;
}

/** @public */
export interface Agreement {
  name: string;
  type: AgreementType;
  /** Entity reference of the customer, usually a group. */
  customer?: string;
  /** Entity reference of the provider; the entity's owner when omitted. */
  provider?: string;
  period?: AgreementPeriod;
  /** `YYYY-MM-DD` */
  effective?: string;
  /** `YYYY-MM-DD`, after `effective` */
  expires?: string;
  /** URL of the signed agreement. */
  document?: string;
  objectives?: Objective[];
  support?: SupportTarget[];
  serviceCredits?: string;
  /** The steps taken as the objectives' budgets run out; app-config's default when omitted. */
  errorBudgetPolicy?: ErrorBudgetPolicyStep[];
}

/**
 * A budget is declared per month or per year; an annual budget counts one twelfth a month.
 *
 * @public
 */
export type Budget = { monthly: number } | { annual: number };

/** @public */
export type ChargingPolicy =
  | 'expense-center'
  | 'cost-recovery'
  | 'profit-center';

/**
 * The share, in percent, of a service's cost charged back to one consumer.
 *
 * @public
 */
export interface ChargebackShare {
  consumer: string;
  share: number;
}

/**
 * The unit of demand that cost is divided by; `sli` names the objective whose total events count
 * the units.
 *
 * @public
 */
export interface CostUnit {
  name: string;
  sli?: string;
}

/** @public */
export interface Cost {
  costCenter?: string;
  /** ISO 4217 code; the app-config currency when omitted. */
  currency?: string;
  budget?: Budget;
  chargingPolicy?: ChargingPolicy;
  /** Shares must sum to 100. */
  chargeback?: ChargebackShare[];
  unit?: CostUnit;
}

/**
 * A resource whose capacity is managed. `warning` and `critical` are utilisation percentages.
 *
 * @public
 */
export interface CapacityResource {
  name: string;
  unit?: string;
  capacity: number;
  warning?: number;
  critical?: number;
  /** PromQL returning the amount in use, in `unit`, sampled by the Prometheus provider. */
  prometheus?: { used: string };
}

/** @public */
export interface Capacity {
  resources?: CapacityResource[];
}

/** @public */
export type ContinuityStrategy =
  | 'hot-standby'
  | 'warm-standby'
  | 'cold-standby'
  | 'backup-restore'
  | 'manual-workaround'
  | 'none';

/** @public */
export type RiskLevel = 'low' | 'medium' | 'high';

/** @public */
export interface Risk {
  threat: string;
  likelihood: RiskLevel;
  impact: RiskLevel;
  mitigation?: string;
}

/** @public */
export interface BusinessImpact {
  costPerHour: number;
  currency?: string;
  notes?: string;
}

/** @public */
export interface Continuity {
  rto?: DurationInput;
  rpo?: DurationInput;
  strategy?: ContinuityStrategy;
  /** URL of the recovery plan. */
  plan?: string;
  /** How often the plan must be tested; the tier policy's when omitted. */
  testEvery?: DurationInput;
  sites?: string[];
  businessImpact?: BusinessImpact;
  risks?: Risk[];
}

/**
 * `spec.dependsOn` entries of which any one suffices, such as a failover pair.
 *
 * @public
 */
export interface RedundancyGroup {
  anyOf: string[];
}

/**
 * `spec.serviceDelivery` of a Component, System or Resource entity. Every part is optional.
 *
 * @public
 */
export interface ServiceDeliverySpec {
  /** A key of `serviceDelivery.tiers` in app-config. */
  tier?: string;
  redundancy?: RedundancyGroup[];
  serviceHours?: ServiceHours;
  agreements?: Agreement[];
  cost?: Cost;
  capacity?: Capacity;
  continuity?: Continuity;
}

/**
 * The organisation's policy for the services of one tier.
 *
 * @public
 */
export interface TierPolicy {
  availability?: number;
  rto?: DurationInput;
  rpo?: DurationInput;
  testEvery?: DurationInput;
}

/**
 * `warn` keeps entities with problems in the catalog and shows the problems; `strict` turns them
 * into catalog processing errors.
 *
 * @public
 */
export type ValidationMode = 'warn' | 'strict';

/**
 * The `serviceDelivery` section of app-config.
 *
 * @public
 */
export interface ServiceDeliveryConfig {
  currency?: string;
  tiers?: Record<string, TierPolicy>;
  /** Share, 0 to 1, of a partial outage that counts as downtime. */
  partialOutageWeight?: number;
  validation?: ValidationMode;
  /** The error-budget policy of agreements that declare none. */
  errorBudgetPolicy?: ErrorBudgetPolicyStep[];
  /**
   * Exchange rates to `currency`: the value of one unit of each other currency, such as
   * `{ USD: 0.92 }` when `currency` is EUR. Costs in a currency that is not the service's are
   * accepted only when both have a rate (or one is `currency`).
   */
  currencyRates?: Record<string, number>;
  /** How owning groups are notified of changes. */
  notifications?: {
    /** more changes than this for one owner in one refresh go as one digest (default 5) */
    digestAbove?: number;
  };
  /** How long measured data is kept, and the records of an entity gone from the catalog. */
  retention?: {
    /** default 25mo */
    keep?: string | number;
    /** default 30d */
    afterEntityGone?: string | number;
    /** when the pruning task runs (Backstage scheduler form); hourly by default */
    schedule?: object;
  };
}

/**
 * The kinds of measured data, as named in the ingest routes.
 *
 * @public
 */
export type RecordKind =
  | 'incidents'
  | 'sli'
  | 'costs'
  | 'capacity'
  | 'dr-tests'
  | 'corrections';

/** @public */
export type IncidentImpact = 'full' | 'partial' | 'degraded' | 'none';

/** @public */
export type DrTestResult = 'passed' | 'partial' | 'failed';

/*
 * Records as they are stored and served: entity references are lower-case `kind:namespace/name`,
 * instants are ISO 8601 UTC strings, durations are seconds. `source` names the system a record came
 * from; records with an `id` are unique by (source, id).
 */

/** @public */
export interface IncidentRecord {
  id: string;
  entityRef: string;
  source: string;
  title: string;
  priority?: string;
  impact: IncidentImpact;
  startedAt: string;
  acknowledgedAt?: string | null;
  /** `null` while the incident is open. */
  resolvedAt: string | null;
  /** Planned work never counts as downtime. */
  planned?: boolean;
  /** A short category such as `deployment`, `capacity`, `supplier` or `network`. */
  cause?: string;
}

/**
 * Good and total events of an objective in one time bucket.
 *
 * @public
 */
export interface SliRecord {
  entityRef: string;
  source: string;
  objective: string;
  bucketStart: string;
  bucketSeconds: number;
  good: number;
  total: number;
}

/** @public */
export interface CostRecord {
  id: string;
  entityRef: string;
  source: string;
  /** The month, `YYYY-MM`. */
  periodStart: string;
  category: string;
  amount: number;
  currency: string;
  /**
   * Where the line came from, such as the file and lines of a finance export; kept with a line
   * held unattributed, so that finance can find it.
   */
  origin?: CostOrigin;
}

/**
 * The file and lines a cost line was read from.
 *
 * @public
 */
export interface CostOrigin {
  file: string;
  /** 1-based line numbers, ascending */
  lines: number[];
}

/**
 * A usage sample of a declared capacity resource. A `capacity` overrides the declared one from
 * `at` on.
 *
 * @public
 */
export interface CapacityRecord {
  entityRef: string;
  source: string;
  resource: string;
  at: string;
  used: number;
  capacity?: number;
}

/** @public */
export interface DrTestRecord {
  id: string;
  entityRef: string;
  source: string;
  performedAt: string;
  result: DrTestResult;
  /** Seconds. */
  achievedRto?: number;
  /** Seconds. */
  achievedRpo?: number;
  notes?: string;
}

/**
 * Why an agreement does not count an incident or a stretch of time against it.
 *
 * @public
 */
export type CorrectionReason =
  | 'customer-caused'
  | 'third-party-underpinning-contract'
  | 'force-majeure'
  | 'monitoring-error'
  | 'planned-outside-window'
  | 'other';

/**
 * An SLA correction: an incident (by its source and id) or a time interval `[from, to)` that the
 * agreement (or, without `agreement`, every agreement of the entity) does not count against its
 * objectives. Measured figures still count it.
 *
 * @public
 */
export interface CorrectionRecord {
  id: string;
  entityRef: string;
  source: string;
  /** the agreement's name; absent: every agreement */
  agreement?: string;
  /** the incident excluded; absent when an interval is */
  incident?: { source: string; id: string };
  /** the excluded interval's start, ISO 8601 UTC */
  from?: string;
  /** the excluded interval's end (exclusive), ISO 8601 UTC */
  to?: string;
  reason: CorrectionReason;
  /** why, in a sentence for the customer */
  note: string;
}

/**
 * The record type of each {@link RecordKind}.
 *
 * @public
 */
export type RecordsByKind = {
  incidents: IncidentRecord;
  sli: SliRecord;
  costs: CostRecord;
  capacity: CapacityRecord;
  'dr-tests': DrTestRecord;
  corrections: CorrectionRecord;
};

/**
 * A problem found in metadata or config: where (`spec.serviceDelivery.agreements[0].type`) and
 * what, in a sentence.
 *
 * @public
 */
export interface ValidationProblem {
  path: string;
  message: string;
}

/**
 * A problem found in an ingested batch: the record's index in the batch (-1 for the batch as a
 * whole) and the field path within the record ('' for the record itself).
 *
 * @public
 */
export interface RecordProblem {
  index: number;
  path: string;
  message: string;
}
