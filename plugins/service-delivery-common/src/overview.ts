/*
 * The JSON shapes of the org-wide routes: the overview (one row of headline figures per service),
 * the findings, and the SLA report. Percentages are 0–100, shares 0–1, durations seconds, instants
 * ISO 8601 UTC strings, money is in the row's currency.
 */

import {
  BurnAttributionLine,
  CorrectionView,
  PeriodRange,
  Status,
} from './api';
import type { Feasibility } from './calc/composite';
import type {
  ErrorBudgetPolicyState,
  ErrorBudgetPolicyStepResult,
  ServicePolicy,
} from './calc/errorBudgetPolicy';
import { ValidationProblem } from './types';

/**
 * The Service Delivery disciplines, as findings and headlines name them.
 *
 * @public
 */
export type Discipline =
  | 'service-level'
  | 'availability'
  | 'cost'
  | 'capacity'
  | 'continuity'
  | 'metadata';

/**
 * The entity tabs a finding or a row can link to.
 *
 * @public
 */
export type ServiceDeliveryTab =
  | 'overview'
  | 'sla'
  | 'availability'
  | 'cost'
  | 'capacity'
  | 'continuity';

/** @public */
export type FindingSeverity = 'critical' | 'high' | 'medium' | 'low';

/** @public */
export const FINDING_SEVERITIES: readonly FindingSeverity[] = [
  'critical',
  'high',
  'medium',
  'low',
];

/**
 * One thing to act on: a breach, a risk or an inconsistency. `subject` names what the finding is
 * about within the entity (`objective:retail-sla/availability`, `dr-test`, `resource:storage`) and
 * `state` what is wrong with it (`breached`, `overdue`, `critical-soon`), so the same fact keeps its
 * `id` while its state changes.
 *
 * @public
 */
export type Finding = {
  id: string;
  severity: FindingSeverity;
  entityRef: string;
  discipline: Discipline;
  subject: string;
  state: string;
  /** a sentence a manager understands */
  message: string;
  /** the frontend path of the tab that shows the same fact */
  link: string;
  /** other entities the message names, which a caller who may not read them must not be shown */
  mentions?: string[];
  /**
   * other entities whose cost the message counts (a System's parts), which a caller who may not
   * read the cost of each must not be shown
   */
  costOf?: string[];
};

/**
 * Headline of Service Level Management: every agreement's status and the budget left.
 *
 * @public
 */
export type ServiceLevelHeadline = {
  /** the worst agreement's status */
  status: Status;
  worstAgreement: string | null;
  /** the period the agreements are measured in, e.g. `2026-10` */
  period: string;
  agreements: Array<{
    name: string;
    type: 'SLA' | 'OLA' | 'UC';
    customer?: string;
    period: string;
    /** whether the period is over (credits are then settled) */
    periodOver: boolean;
    status: Status;
    objectives: Array<{
      name: string;
      kind: 'availability' | 'latency' | 'ratio';
      target: number;
      actual: number | null;
      status: Status;
      remainingShare: number | null;
      burnRate: number | null;
      /**
       * A breached objective's dependency (or redundancy group) during whose outages the largest share
       * of the consumed budget burned; `share` is the low bound. Absent when nothing is attributed.
       */
      dependencyBurn?: {
        entityRef?: string;
        group?: string[];
        share: number;
      };
    }>;
    /**
     * The agreement's error-budget policy in its current period: its state and the steps in force,
     * strongest first. Absent when no policy applies, or for another period than the current one.
     */
    policy?: {
      state: ErrorBudgetPolicyState;
      inForce: ErrorBudgetPolicyStepResult[];
    };
  }>;
  /** the lowest share of error budget left among all objectives (negative once overspent) */
  budgetRemainingShare: number | null;
  /** `agreement/objective` of that lowest budget */
  budgetObjective: string | null;
};

/**
 * Headline of Availability Management: this period against the target, and the composite ceiling.
 *
 * @public
 */
export type AvailabilityHeadline = {
  period: string;
  availability: number | null;
  target: number | null;
  /** where the target comes from: an agreement's availability objective or the tier policy */
  targetSource: 'agreement' | 'tier' | null;
  status: Status;
  downtime: number;
  failures: number;
  /** what this entity contributes to the composites of others: measured with incidents, else agreed */
  ownAvailability: number | null;
  /** the ceiling the dependencies put on it (its lower bound when not exact); null without dependencies */
  achievable: number | null;
  /** the ceiling as an interval, when it could only be bounded; null when exact */
  achievableBounds?: { low: number; high: number } | null;
  /** the target against the ceiling; `uncertain` only when bounded; null without both */
  feasibility?: Feasibility | null;
  /** the target is above the ceiling, or may be (the conservative side of `uncertain`) */
  unachievable: boolean;
  /** when unachievable: the few dependencies that limit the ceiling most, most limiting first */
  limitingDependencies: string[];
};

/**
 * Headline of Financial Management: this month against budget.
 *
 * @public
 */
export type CostHeadline = {
  currency: string;
  /** `YYYY-MM` */
  month: string;
  /** null when no cost was recorded for the month */
  actual: number | null;
  budget: number | null;
  /** actual − budget: positive is over budget */
  variance: number | null;
  /** the month before `month`, complete: what a budget review looks at */
  lastMonth: {
    month: string;
    actual: number | null;
    budget: number | null;
    variance: number | null;
  } | null;
  forecastYearEnd: number | null;
  annualBudget: number | null;
  /** recent months, oldest first, for the cost-against-budget chart; actual 0 when none recorded */
  months: Array<{ month: string; actual: number; budget: number | null }>;
  /**
   * On a page's row of a system whose budget holds its parts': its cost with theirs, over the rows
   * the caller may read (`budgetHoldingOf`). Absent otherwise.
   */
  withParts?: CostWithParts;
};

/**
 * A system's own cost this month with its parts', against the budget that holds theirs.
 *
 * @public
 */
export type CostWithParts = {
  actual: number;
  budget: number;
  /** actual − budget: positive is over budget */
  variance: number;
  /** how many parts' cost it adds */
  parts: number;
  /** the same for the month before, complete; null without a budget that month */
  lastMonth: {
    month: string;
    actual: number;
    budget: number;
    variance: number;
  } | null;
};

/** @public */
export type CapacityHeadlineStatus = 'ok' | 'warning' | 'critical' | 'no-data';

/**
 * Headline of Capacity Management: the worst resource and when it runs out.
 *
 * @public
 */
export type CapacityHeadline = {
  status: CapacityHeadlineStatus;
  /** the resource closest to trouble */
  resource: string | null;
  utilisation: number | null;
  daysToCritical: number | null;
  resources: Array<{
    name: string;
    status: CapacityHeadlineStatus;
    /** percent of capacity used */
    utilisation: number | null;
    /** when the trend crosses the critical level; null when it never does (or is already above) */
    criticalAt: string | null;
    /** whole days from now to `criticalAt`, 0 when already critical */
    daysToCritical: number | null;
  }>;
};

/** @public */
export type ContinuityHeadlineStatus = 'pass' | 'warn' | 'fail';

/**
 * Headline of IT Service Continuity Management: the worst check and whether a DR test is overdue.
 *
 * @public
 */
export type ContinuityHeadline = {
  status: ContinuityHeadlineStatus;
  testOverdue: boolean;
  lastTest: string | null;
  /** when the next DR test falls (or fell) due */
  testDueAt: string | null;
  /**
   * The longest a DR test may age, seconds: the tier's policy, else the declared `testEvery`; null
   * when neither says. Absent from rows computed before it was added.
   */
  testEvery?: number | null;
  /** the checks that did not pass, in the discipline's own sentences */
  checks: Array<{
    id: string;
    status: ContinuityHeadlineStatus;
    message: string;
  }>;
};

/**
 * Every discipline's headline of one entity; null where the entity declares nothing for it.
 *
 * @public
 */
export type DisciplineHeadlines = {
  serviceLevel: ServiceLevelHeadline | null;
  availability: AvailabilityHeadline | null;
  cost: CostHeadline | null;
  capacity: CapacityHeadline | null;
  continuity: ContinuityHeadline | null;
};

/** @public */
export type FindingCounts = Record<FindingSeverity, number>;

/**
 * One row of the overview: a service that declares `spec.serviceDelivery`, with its headlines.
 *
 * @public
 */
export type OverviewRow = DisciplineHeadlines & {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string | null;
  type: string | null;
  lifecycle: string | null;
  owner: string | null;
  /** the owner and the groups above it, for "this group and its sub-groups" */
  ownerAncestry: string[];
  system: string | null;
  domain: string | null;
  tier: string | null;
  /** the service level status: the worst of its agreements and its availability */
  status: Status;
  /**
   * The error-budget policy state: the strongest of its agreements' in their current periods, with
   * the step that sets it. Null when no policy applies or for another period than the current one;
   * absent on rows stored before the overview carried policies (read as null).
   */
  policy?: ServicePolicy | null;
  problems: number;
  findings: FindingCounts;
  /** which tabs the entity has, and their frontend paths */
  links: Partial<Record<ServiceDeliveryTab, string>>;
  /** the entity's own dependencies, for roll-ups over a system */
  dependsOn: string[];
  redundancy: string[][];
};

/**
 * What the org-wide figures read of an overview row — filters, sorts, KPIs, facets, charts,
 * roll-ups and the CSV: the row without what only a page of rows shows (each agreement's
 * objectives, the limiting dependencies, the continuity checks' sentences, the tab links). A
 * backend holds these for every service and reads the whole rows of a page only.
 *
 * @public
 */
export type OverviewRowSummary = Omit<
  OverviewRow,
  'serviceLevel' | 'availability' | 'continuity' | 'links'
> & {
  serviceLevel: Omit<ServiceLevelHeadline, 'agreements'> | null;
  availability: Omit<AvailabilityHeadline, 'limitingDependencies'> | null;
  continuity: Omit<ContinuityHeadline, 'checks'> | null;
};

/**
 * What the findings list sorts and filters a finding by, and what tells whether a caller may see it.
 *
 * @public
 */
export type FindingSummary = Pick<
  Finding,
  'id' | 'severity' | 'entityRef' | 'discipline' | 'mentions' | 'costOf'
>;

/**
 * A row's summary: a new object sharing the row's values, without the parts a summary leaves out.
 *
 * @public
 */
export function summariseOverviewRow(row: OverviewRow): OverviewRowSummary {
  const {
    links: _links,
    serviceLevel,
    availability,
    continuity,
    ...rest
  } = row;
  let serviceLevelSummary: OverviewRowSummary['serviceLevel'] = null;
  if (serviceLevel) {
    const { agreements: _agreements, ...kept } = serviceLevel;
    serviceLevelSummary = kept;
  }
  let availabilitySummary: OverviewRowSummary['availability'] = null;
  if (availability) {
    const { limitingDependencies: _limits, ...kept } = availability;
    availabilitySummary = kept;
  }
  let continuitySummary: OverviewRowSummary['continuity'] = null;
  if (continuity) {
    const { checks: _checks, ...kept } = continuity;
    continuitySummary = kept;
  }
  return {
    ...rest,
    serviceLevel: serviceLevelSummary,
    availability: availabilitySummary,
    continuity: continuitySummary,
  };
}

/**
 * A finding's summary: what {@link FindingSummary} keeps.
 *
 * @public
 */
export function summariseFinding(finding: Finding): FindingSummary {
  const summary: FindingSummary = {
    id: finding.id,
    severity: finding.severity,
    entityRef: finding.entityRef,
    discipline: finding.discipline,
  };
  if (finding.mentions) summary.mentions = finding.mentions;
  if (finding.costOf) summary.costOf = finding.costOf;
  return summary;
}

/** @public */
export type OverviewKpis = {
  services: number;
  byStatus: Record<Status, number>;
  /** share of services with data that meet all their agreements (0–1); null when none has data */
  meetingSlas: number | null;
  /** totals per currency; absent without the cost permission */
  cost: Array<{
    currency: string;
    actual: number;
    budget: number;
    variance: number;
    overBudget: number;
  }> | null;
  capacityAtRisk: number;
  capacityCritical: number;
  drTestsOverdue: number;
  continuityFailing: number;
  metadataProblems: number;
  findings: FindingCounts;
};

/** @public */
export type FacetCount = { value: string; count: number };

/** @public */
export type OverviewFacets = {
  owner: FacetCount[];
  system: FacetCount[];
  domain: FacetCount[];
  tier: FacetCount[];
  lifecycle: FacetCount[];
  status: FacetCount[];
  /** policy states (`none` for services no policy governs) */
  policy: FacetCount[];
};

/** @public */
export type OverviewCharts = {
  byStatus: Array<{ status: Status; count: number }>;
  /** the services furthest below (or least above) their availability target */
  availabilityAgainstTarget: Array<{
    entityRef: string;
    name: string;
    availability: number;
    target: number;
    /** availability − target, percentage points (negative below target) */
    margin: number;
  }>;
  /**
   * per owner (the biggest spenders), actual against budget per month; null without permission.
   * `complete` is false for the month under way, whose actual is only what was recorded so far.
   */
  costByOwner: Array<{
    owner: string;
    currency: string;
    months: Array<{
      month: string;
      actual: number;
      budget: number;
      complete: boolean;
    }>;
  }> | null;
  capacityRisk: {
    byStatus: Array<{ status: CapacityHeadlineStatus; count: number }>;
    /** resources that reach critical soonest */
    soonest: Array<{
      entityRef: string;
      name: string;
      resource: string;
      status: CapacityHeadlineStatus;
      utilisation: number | null;
      daysToCritical: number | null;
    }>;
  };
};

/**
 * A system's composite availability against the strictest availability target of its members.
 *
 * @public
 */
export type SystemRollup = {
  system: string;
  services: number;
  achievable: number | null;
  /** the ceiling as an interval, when it could only be bounded; null when exact */
  achievableBounds?: { low: number; high: number } | null;
  strictestTarget: number | null;
  /** the member whose target that is */
  strictestTargetOf: string | null;
  meetsTargets: boolean | null;
  limitingDependencies: string[];
};

/**
 * Roll-ups over the filtered services, for a portfolio.
 *
 * @public
 */
export type PortfolioRollup = {
  services: number;
  status: Status;
  /**
   * The service whose service level is worst, when one is at risk or breached (null otherwise),
   * and how many share that status.
   */
  serviceLevel: { status: Status; entityRef: string | null; count: number };
  /** per currency; null without the cost permission */
  cost: Array<{
    currency: string;
    actual: number;
    budget: number;
    variance: number;
  }> | null;
  /** the worst capacity status; the service named only at warning or critical */
  capacity: {
    status: CapacityHeadlineStatus;
    entityRef: string | null;
    count: number;
  };
  /** the worst continuity status; the service named only at warn or fail */
  continuity: {
    status: ContinuityHeadlineStatus | null;
    entityRef: string | null;
    count: number;
  };
  systems: SystemRollup[];
  /** systems left out of `systems` because the filter spans too many */
  systemsOmitted: number;
};

/**
 * GET /overview
 *
 * @public
 */
export type OverviewResponse = {
  total: number;
  offset: number;
  limit: number;
  rows: OverviewRow[];
  kpis: OverviewKpis;
  facets: OverviewFacets;
  charts: OverviewCharts;
  rollup: PortfolioRollup;
  /** when the rows were last computed */
  computedAt: string | null;
  /** false when the caller may not read cost figures: every cost field is then null */
  costVisible: boolean;
};

/**
 * GET /overview?detail=summary: the same page, each row's summary instead of the whole row.
 *
 * @public
 */
export type OverviewSummaryResponse = Omit<OverviewResponse, 'rows'> & {
  rows: OverviewRowSummary[];
};

/**
 * GET /findings
 *
 * @public
 */
export type FindingsResponse = {
  total: number;
  findings: Finding[];
};

/**
 * One service's part of GET /reports/sla
 *
 * @public
 */
export type SlaReportService = {
  entityRef: string;
  name: string;
  title: string | null;
  owner: string | null;
  system: string | null;
  tier: string | null;
  period: PeriodRange;
  status: Status;
  availability: {
    availability: number | null;
    target: number | null;
    status: Status;
    agreedServiceTime: number;
    downtime: number;
    failures: number;
    mtrs: number | null;
    mtbf: number | null;
  } | null;
  agreements: Array<{
    name: string;
    type: 'SLA' | 'OLA' | 'UC';
    customer?: string;
    provider?: string;
    status: Status;
    inForce: boolean;
    document?: string;
    objectives: Array<{
      name: string;
      kind: 'availability' | 'latency' | 'ratio';
      target: number;
      actual: number | null;
      status: Status;
      remainingShare: number | null;
      /** the dependency during whose outages most of the consumed budget fell; null when none */
      topDependencyBurn?: BurnAttributionLine | null;
    }>;
    support: Array<{
      priority: string;
      responseTarget: number;
      resolutionTarget: number;
      incidents: number;
      respondedInTime: number;
      resolvedInTime: number;
      responseCompliance: number | null;
      resolutionCompliance: number | null;
    }>;
    serviceCredits: {
      terms: string | null;
      /** owed: the period is over and the agreement breached; pending: breached, period still running */
      state: 'owed' | 'pending' | 'none';
      missedObjectives: string[];
    };
    /** the SLA corrections that changed the agreement's figures in the period: what, who and why */
    corrections?: CorrectionView[];
  }>;
  incidents: Array<{
    id: string;
    title: string;
    priority?: string;
    impact: string;
    startedAt: string;
    resolvedAt?: string | null;
    downtime: number;
  }>;
  problems: ValidationProblem[];
};

/**
 * GET /reports/sla
 *
 * @public
 */
export type SlaReportResponse = {
  generatedAt: string;
  /** the period asked for; null for each agreement's current period */
  period: string | null;
  /** what the report covers: one service or the filter of a portfolio */
  scope: { entityRef?: string; filters: Record<string, string[]> };
  summary: {
    services: number;
    byStatus: Record<Status, number>;
    agreements: number;
    agreementsBreached: number;
    creditsOwed: number;
    creditsPending: number;
  };
  services: SlaReportService[];
};
