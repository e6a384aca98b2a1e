import { entityDisplayName, entityTabPath } from '../links';
import {
  AvailabilityHeadline,
  CapacityHeadline,
  ContinuityHeadline,
  CostHeadline,
  DisciplineHeadlines,
  Discipline,
  Finding,
  FindingCounts,
  FindingSeverity,
  FINDING_SEVERITIES,
  ServiceDeliveryTab,
  ServiceLevelHeadline,
} from '../overview';
import { formatMoney } from '../money';
import { ValidationProblem } from '../types';
import {
  ErrorBudgetPolicyState,
  ErrorBudgetPolicyStepResult,
} from './errorBudgetPolicy';
import { burnAttributionSentence, dependencyBurnRefs } from './burnAttribution';
import { costVariance } from './cost';

/*
 * The Service Improvement Programme: every breach, risk and inconsistency the disciplines computed,
 * turned into findings with a severity, a sentence and a link to the tab that shows the same fact.
 * These rules only read computed figures (the headlines); they compute nothing themselves.
 */

/**
 * A resource forecast to reach its critical level within this many days is urgent.
 *
 * @public
 */
export const CAPACITY_CRITICAL_SOON_DAYS = 14;

/**
 * Within this many days it is worth knowing about.
 *
 * @public
 */
export const CAPACITY_TRENDING_DAYS = 60;

/**
 * Over budget by more than this share of the budget is serious.
 *
 * @public
 */
export const COST_OVERRUN_HIGH_SHARE = 0.1;

/**
 * Above this share of a breached objective's consumed budget, a dependency caused most of the breach.
 *
 * @public
 */
export const DEPENDENCY_CAUSED_BREACH_SHARE = 0.5;

/** @public */
export interface FindingsInput extends DisciplineHeadlines {
  entityRef: string;
  /** how the entity is called in sentences; its name when omitted */
  name?: string;
  tier?: string | null;
  problems: readonly ValidationProblem[];
  /**
   * A System whose budget holds its parts': its cost with every part's in the cost headline's
   * month and the month before, which its budget findings read instead of its own cost lines.
   */
  systemCost?: SystemCostInput;
}

/**
 * A System's cost with its parts', in its own currency, against its budget.
 *
 * @public
 */
export interface SystemCostInput {
  /** the parts whose cost is counted */
  parts: string[];
  month: { month: string; actual: number; budget: number | null };
  lastMonth: { month: string; actual: number; budget: number | null } | null;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
};

/**
 * Most severe first, then by entity and id, so lists read the same on every refresh.
 *
 * @public
 */
export function compareFindings(
  a: Pick<Finding, 'severity' | 'entityRef' | 'id'>,
  b: Pick<Finding, 'severity' | 'entityRef' | 'id'>,
): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    a.entityRef.localeCompare(b.entityRef) ||
    a.id.localeCompare(b.id)
  );
}

/** @public */
export function countFindings(
  findings: ReadonlyArray<Pick<Finding, 'severity'>>,
): FindingCounts {
  const counts = emptyFindingCounts();
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

/** @public */
export function emptyFindingCounts(): FindingCounts {
  return Object.fromEntries(FINDING_SEVERITIES.map(s => [s, 0])) as Record<
    FindingSeverity,
    number
  >;
}

/**
 * Every finding of one entity, most severe first.
 *
 * @public
 */
export function serviceDeliveryFindings(input: FindingsInput): Finding[] {
  const name = input.name ?? entityDisplayName(input.entityRef);
  const make = (
    discipline: Discipline,
    tab: ServiceDeliveryTab,
    subject: string,
    state: string,
    severity: FindingSeverity,
    message: string,
  ): Finding => ({
    id: `${discipline}:${input.entityRef}:${subject}`,
    severity,
    entityRef: input.entityRef,
    discipline,
    subject,
    state,
    message,
    link: entityTabPath(input.entityRef, tab),
  });

  const findings: Finding[] = [
    ...metadataFindings(name, input.problems, make),
    ...(input.serviceLevel
      ? serviceLevelFindings(name, input.serviceLevel, make)
      : []),
    ...(input.availability
      ? availabilityFindings(name, input.tier, input.availability, make)
      : []),
    ...(input.cost
      ? costFindings(name, input.cost, make, input.systemCost)
      : []),
    ...(input.capacity ? capacityFindings(name, input.capacity, make) : []),
    ...(input.continuity
      ? continuityFindings(name, input.continuity, make)
      : []),
  ];
  return findings.sort(compareFindings);
}

type Make = (
  discipline: Discipline,
  tab: ServiceDeliveryTab,
  subject: string,
  state: string,
  severity: FindingSeverity,
  message: string,
) => Finding;

/** Each metadata problem: the service stays in the catalog, but its figures may be incomplete. */
function metadataFindings(
  name: string,
  problems: readonly ValidationProblem[],
  make: Make,
): Finding[] {
  return problems.map(problem =>
    make(
      'metadata',
      'overview',
      `metadata:${problem.path}`,
      'invalid',
      'medium',
      `The service-delivery metadata of ${name} is invalid at ${
        problem.path
      }: ${sentence(problem.message)}`,
    ),
  );
}

/**
 * A breached objective is critical in an SLA (a business customer's agreement) and high in an OLA or
 * UC; an objective at risk is one step less severe. An agreement's error-budget policy is one finding
 * (see {@link POLICY_FINDING_STATES}).
 */
function serviceLevelFindings(
  name: string,
  headline: ServiceLevelHeadline,
  make: Make,
): Finding[] {
  const findings: Finding[] = [];
  for (const agreement of headline.agreements) {
    const customerFacing = agreement.type === 'SLA';
    const party = agreement.customer
      ? ` with ${entityDisplayName(agreement.customer)}`
      : '';
    for (const objective of agreement.objectives) {
      const subject = `objective:${agreement.name}/${objective.name}`;
      const what = `the ${objective.name} objective of its ${agreement.type} ${agreement.name}${party}`;
      const figures =
        objective.actual === null
          ? `against a target of ${percent(objective.target)}`
          : `${percent(objective.actual)} against a target of ${percent(
              objective.target,
            )}`;
      if (objective.status === 'breached') {
        findings.push(
          make(
            'service-level',
            'sla',
            subject,
            'breached',
            customerFacing ? 'critical' : 'high',
            `${name} ${
              agreement.periodOver ? 'breached' : 'has breached'
            } ${what} in ${
              agreement.period
            }: ${figures}, the error budget is spent.`,
          ),
        );
        const burn = objective.dependencyBurn;
        if (burn && burn.share > DEPENDENCY_CAUSED_BREACH_SHARE) {
          findings.push({
            ...make(
              'service-level',
              'sla',
              `dependency-burn:${agreement.name}/${objective.name}`,
              'breached-by-dependency',
              customerFacing ? 'high' : 'medium',
              `${burnAttributionSentence({
                line: burn,
                share: burn.share,
                budget: `the ${agreement.period} ${agreement.name}/${objective.name}`,
              })}: ${
                burn.group ? 'that redundancy group' : 'that dependency'
              } caused most of ${name}'s breach.`,
            ),
            mentions: dependencyBurnRefs(burn),
          });
        }
      } else if (objective.status === 'at-risk') {
        findings.push(
          make(
            'service-level',
            'sla',
            subject,
            'at-risk',
            customerFacing ? 'high' : 'medium',
            `${name} is at risk of breaching ${what} in ${
              agreement.period
            }: ${budgetLeft(objective.remainingShare, objective.burnRate)}.`,
          ),
        );
      }
    }
    const policy = agreement.policy ? policyFinding(agreement.policy) : null;
    if (policy) {
      findings.push(
        make(
          'service-level',
          'sla',
          `policy:${agreement.name}`,
          policy.state,
          policy.severity,
          `The error-budget policy of ${name}'s ${agreement.type} ${
            agreement.name
          }${party} ${policy.does}: ${policy.steps
            .map(step => step.reason)
            .join('; ')}.`,
        ),
      );
    }
  }
  return findings;
}

/**
 * The states of an agreement's error-budget policy finding (subject `policy:<agreement>`), from the
 * strongest: `all-frozen` (high) and `features-frozen` (medium) while a freeze is in force,
 * `review` (low) while changes need a review of the error budget and nothing freezes, `notify` (low)
 * while only `notify` steps are in force. One subject per agreement, so that a freeze superseding a
 * review or a notice is one change of state.
 *
 * @public
 */
export const POLICY_FINDING_STATES = [
  'all-frozen',
  'features-frozen',
  'review',
  'notify',
] as const;

/** @public */
export type PolicyFindingState = (typeof POLICY_FINDING_STATES)[number];

/**
 * The finding an agreement's policy raises, with the steps that set its state (their reasons make
 * its sentence); null while no step is in force.
 */
function policyFinding(policy: {
  state: ErrorBudgetPolicyState;
  inForce: readonly ErrorBudgetPolicyStepResult[];
}): {
  state: PolicyFindingState;
  severity: FindingSeverity;
  does: string;
  steps: ErrorBudgetPolicyStepResult[];
} | null {
  const { state, inForce } = policy;
  if (state === 'features-frozen' || state === 'all-frozen') {
    return {
      state,
      severity: state === 'all-frozen' ? 'high' : 'medium',
      does: `freezes its ${
        state === 'all-frozen' ? 'features and fixes' : 'features'
      }`,
      steps: inForce.filter(step => step.stops.length > 0),
    };
  }
  if (state === 'review') {
    return {
      state,
      severity: 'low',
      does: 'asks for a review of the error budget before each change',
      steps: inForce.filter(step => step.action === 'review'),
    };
  }
  const notices = inForce.filter(step => step.action === 'notify');
  if (notices.length === 0) return null;
  return {
    state: 'notify',
    severity: 'low',
    does: 'notifies its team',
    steps: notices,
  };
}

function budgetLeft(
  remainingShare: number | null,
  burnRate: number | null,
): string {
  const left =
    remainingShare === null
      ? 'the error budget is running out'
      : `${Math.max(
          0,
          Math.round(remainingShare * 100),
        )}% of the error budget is left`;
  return burnRate !== null && burnRate > 1
    ? `${left}, burning ${round(burnRate, 1)}× as fast as the period allows`
    : left;
}

/**
 * An availability target above what the dependencies can deliver is an inconsistency to fix in the
 * design or the agreement. Below-target availability is reported here only when the target is the
 * tier's: an agreement's availability objective is already a service-level finding.
 */
function availabilityFindings(
  name: string,
  tier: string | null | undefined,
  headline: AvailabilityHeadline,
  make: Make,
): Finding[] {
  const findings: Finding[] = [];
  if (
    headline.unachievable &&
    headline.target !== null &&
    headline.achievable !== null
  ) {
    const limits = headline.limitingDependencies
      .slice(0, 3)
      .map(entityDisplayName);
    const limited =
      limits.length > 0 ? ` (limited most by ${limits.join(', ')})` : '';
    const bounds = headline.achievableBounds;
    findings.push(
      headline.feasibility === 'uncertain' && bounds
        ? make(
            'availability',
            'availability',
            'composite',
            'unachievable',
            'medium',
            `${name}'s availability target of ${percent(
              headline.target,
            )} may be above what its dependencies can deliver together: between ${percent(
              bounds.low,
            )} and ${percent(
              bounds.high,
            )}, too many shared dependencies to work out exactly${limited}.`,
          )
        : make(
            'availability',
            'availability',
            'composite',
            'unachievable',
            'high',
            `${name}'s availability target of ${percent(
              headline.target,
            )} is above the ${percent(
              headline.achievable,
            )} its dependencies can deliver together${limited}.`,
          ),
    );
  }
  if (
    headline.targetSource === 'tier' &&
    headline.target !== null &&
    (headline.status === 'breached' || headline.status === 'at-risk')
  ) {
    const policy = tier ? `its ${tier} target` : 'its tier target';
    findings.push(
      make(
        'availability',
        'availability',
        'availability',
        headline.status,
        headline.status === 'breached' ? 'medium' : 'low',
        headline.status === 'breached'
          ? `${name} was available ${percent(
              headline.availability,
            )} of its agreed service time in ${
              headline.period
            }, below ${policy} of ${percent(headline.target)}.`
          : `${name} is at risk of missing ${policy} of ${percent(
              headline.target,
            )} in ${headline.period}: ${percent(
              headline.availability,
            )} so far.`,
      ),
    );
  }
  return findings;
}

/**
 * Over budget: this month already (its costs so far exceed the whole month's budget), else in the
 * last complete month — a System whose budget holds its parts' with their cost; and forecast to
 * end the year over the annual budget.
 */
function costFindings(
  name: string,
  headline: CostHeadline,
  make: Make,
  systemCost?: SystemCostInput,
): Finding[] {
  const findings: Finding[] = [];
  const { currency } = headline;
  const months = systemCost
    ? [systemCost.month, systemCost.lastMonth]
    : [headline, headline.lastMonth];
  const overIn = months
    .flatMap((m, index) =>
      m && m.actual !== null && m.budget !== null
        ? [
            {
              month: m.month,
              budget: m.budget,
              variance: costVariance(m.actual, m.budget)!,
              running: index === 0,
            },
          ]
        : [],
    )
    .find(m => m.variance > 0);
  if (overIn) {
    const { budget, variance } = overIn;
    const share = budget > 0 ? variance / budget : Infinity;
    const finding = make(
      'cost',
      'cost',
      'budget-month',
      'over-budget',
      share > COST_OVERRUN_HIGH_SHARE ? 'high' : 'medium',
      `${name} ${overIn.running ? 'is' : 'was'} ${formatMoney(
        variance,
        currency,
      )}${
        Number.isFinite(share) ? ` (${Math.round(share * 100)}%)` : ''
      } over its budget of ${formatMoney(budget, currency)} in ${
        overIn.month
      }${
        systemCost
          ? `, its ${systemCost.parts.length} ${
              systemCost.parts.length === 1 ? "part's" : "parts'"
            } cost included`
          : ''
      }.`,
    );
    findings.push(
      systemCost ? { ...finding, costOf: [...systemCost.parts] } : finding,
    );
  }
  if (
    headline.annualBudget !== null &&
    headline.forecastYearEnd !== null &&
    headline.forecastYearEnd > headline.annualBudget
  ) {
    findings.push(
      make(
        'cost',
        'cost',
        'budget-year',
        'forecast-over-budget',
        'medium',
        `${name} is forecast to spend ${formatMoney(
          headline.forecastYearEnd,
          currency,
        )} this year, ${formatMoney(
          headline.forecastYearEnd - headline.annualBudget,
          currency,
        )} more than its annual budget.`,
      ),
    );
  }
  return findings;
}

/**
 * Per resource, the most urgent of: above its critical level (critical), forecast to reach it within
 * 14 days (high), above its warning level (medium), forecast to reach critical within 60 days (low).
 */
function capacityFindings(
  name: string,
  headline: CapacityHeadline,
  make: Make,
): Finding[] {
  const findings: Finding[] = [];
  for (const resource of headline.resources) {
    const subject = `resource:${resource.name}`;
    const used =
      resource.utilisation === null
        ? ''
        : `, at ${percent(resource.utilisation, 1)} today`;
    const when =
      resource.criticalAt === null
        ? ''
        : ` (on ${resource.criticalAt.slice(0, 10)})`;
    const days = resource.daysToCritical;
    // a forecast a fraction of a day away is a day away
    const inDays = days === null ? '' : plural(Math.ceil(days), 'day');
    if (resource.status === 'critical') {
      findings.push(
        make(
          'capacity',
          'capacity',
          subject,
          'critical',
          'critical',
          `${name}'s ${resource.name} is above its critical level${
            resource.utilisation === null
              ? ''
              : `: ${percent(resource.utilisation, 1)} of capacity is used`
          }.`,
        ),
      );
    } else if (days !== null && days <= CAPACITY_CRITICAL_SOON_DAYS) {
      findings.push(
        make(
          'capacity',
          'capacity',
          subject,
          'critical-soon',
          'high',
          `${name}'s ${resource.name} is forecast to reach its critical level in ${inDays}${when}${used}.`,
        ),
      );
    } else if (resource.status === 'warning') {
      findings.push(
        make(
          'capacity',
          'capacity',
          subject,
          'warning',
          'medium',
          `${name}'s ${resource.name} is above its warning level${used}${
            days === null
              ? ''
              : `; it reaches the critical level in ${inDays}${when}`
          }.`,
        ),
      );
    } else if (days !== null && days <= CAPACITY_TRENDING_DAYS) {
      findings.push(
        make(
          'capacity',
          'capacity',
          subject,
          'trending',
          'low',
          `${name}'s ${resource.name} is forecast to reach its critical level in ${inDays}${when}${used}.`,
        ),
      );
    }
  }
  return findings;
}

/**
 * Each continuity check that failed (high) or warns (low), in the check's own sentence. An overdue
 * DR test is the `dr-test` subject, whichever check reported it.
 */
function continuityFindings(
  name: string,
  headline: ContinuityHeadline,
  make: Make,
): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  let overdueReported = false;
  for (const check of headline.checks) {
    if (check.status === 'pass') continue;
    const isSchedule = check.id === 'dr-test-due';
    const overdue = isSchedule && check.status === 'fail';
    overdueReported ||= overdue;
    const base = isSchedule ? 'dr-test' : `check:${check.id}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    findings.push(
      make(
        'continuity',
        'continuity',
        n === 1 ? base : `${base}#${n}`,
        overdue ? 'overdue' : check.status,
        check.status === 'fail' ? 'high' : 'low',
        `${name}: ${sentence(check.message)}`,
      ),
    );
  }
  if (headline.testOverdue && !overdueReported) {
    findings.push(
      make(
        'continuity',
        'continuity',
        'dr-test',
        'overdue',
        'high',
        headline.lastTest
          ? `${name}'s disaster-recovery test is overdue: the last one was on ${headline.lastTest.slice(
              0,
              10,
            )}${
              headline.testDueAt
                ? ` and the next was due on ${headline.testDueAt.slice(0, 10)}`
                : ''
            }.`
          : `${name}'s disaster-recovery plan has never been tested.`,
      ),
    );
  }
  return findings;
}

function percent(value: number | null, digits = 3): string {
  return value === null ? 'unknown' : `${round(value, digits)}%`;
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
