import {
  ChangeKind,
  ErrorBudgetPolicyAction,
  ErrorBudgetPolicyStep,
} from '../types';
import { AlertSeverity } from './alerts';
import { ObjectiveStatus } from './errorBudget';

/**
 * Where the steps that govern an objective were declared.
 *
 * @public
 */
export type ErrorBudgetPolicySource = 'objective' | 'agreement' | 'default';

/**
 * The steps that govern one objective: its own when it declares any, else its agreement's, else the
 * organisation's default from app-config. An empty list declared on purpose stops the fall-through.
 *
 * @public
 */
export function effectiveErrorBudgetPolicy(input: {
  objective?: readonly ErrorBudgetPolicyStep[];
  agreement?: readonly ErrorBudgetPolicyStep[];
  defaults?: readonly ErrorBudgetPolicyStep[];
}): { source: ErrorBudgetPolicySource; steps: ErrorBudgetPolicyStep[] } | null {
  if (input.objective)
    return { source: 'objective', steps: [...input.objective] };
  if (input.agreement)
    return { source: 'agreement', steps: [...input.agreement] };
  if (input.defaults) return { source: 'default', steps: [...input.defaults] };
  return null;
}

/**
 * The change kinds a step stops: `freeze-features` features, `freeze-all` features and fixes, unless
 * `appliesTo` names them; `review` and `notify` stop nothing.
 *
 * @public
 */
export function changesStoppedBy(step: ErrorBudgetPolicyStep): ChangeKind[] {
  if (step.action === 'review' || step.action === 'notify') return [];
  if (step.appliesTo)
    return (['feature', 'fix'] as const).filter(kind =>
      step.appliesTo!.includes(kind),
    );
  return step.action === 'freeze-all' ? ['feature', 'fix'] : ['feature'];
}

/**
 * The figures of one objective a policy reads, as computed for its agreement's period.
 *
 * @public
 */
export interface ObjectivePolicyFigures {
  agreement: string;
  objective: string;
  /** remaining / allowed (1 untouched, 0 spent, negative overspent); null without data or allowance */
  remainingShare: number | null;
  /** severities of the burn-rate alerts firing now */
  firingAlerts: readonly AlertSeverity[];
  status: ObjectiveStatus;
  /**
   * false for the figures of a finished period: they belong to that period and freeze nothing now.
   */
  currentPeriod: boolean;
}

/**
 * One step of a policy with what it means for an objective now.
 *
 * @public
 */
export interface ErrorBudgetPolicyStepResult extends ErrorBudgetPolicyStep {
  agreement: string;
  objective: string;
  source: ErrorBudgetPolicySource;
  inForce: boolean;
  /** the change kinds it stops while in force */
  stops: ChangeKind[];
  /** why it is in force, in a sentence; absent when it is not */
  reason?: string;
}

/** Percentages of budget left are compared at this precision, so that 25 % left is not "below 25". */
const PERCENT_TOLERANCE = 1e-9;

/**
 * Which steps of an objective's policy are in force: less than `budgetRemainingBelow` percent of the
 * budget left (exactly the threshold is not below it), an alert of the severity firing, or the
 * objective breached. Nothing is in force without data or for a finished period.
 *
 * @public
 */
export function evaluateErrorBudgetPolicy(
  figures: ObjectivePolicyFigures,
  policy: {
    source: ErrorBudgetPolicySource;
    steps: readonly ErrorBudgetPolicyStep[];
  },
): ErrorBudgetPolicyStepResult[] {
  const label = `${figures.agreement}/${figures.objective}`;
  const evaluable = figures.currentPeriod && figures.status !== 'no-data';
  return policy.steps.map(step => {
    const condition = evaluable
      ? conditionHolds(step, figures, label)
      : undefined;
    const stops = changesStoppedBy(step);
    return {
      ...step,
      agreement: figures.agreement,
      objective: figures.objective,
      source: policy.source,
      inForce: condition !== undefined,
      stops,
      ...(condition !== undefined
        ? { reason: `${condition}: ${consequence(step.action, stops)}` }
        : {}),
    };
  });
}

function conditionHolds(
  step: ErrorBudgetPolicyStep,
  figures: ObjectivePolicyFigures,
  label: string,
): string | undefined {
  const when = step.when as Record<string, unknown>;
  if (typeof when.budgetRemainingBelow === 'number') {
    const threshold = when.budgetRemainingBelow;
    if (figures.remainingShare === null) return undefined;
    const percent = figures.remainingShare * 100;
    if (!(percent < threshold - PERCENT_TOLERANCE)) return undefined;
    const left =
      percent <= 0
        ? 'has spent all of its error budget'
        : `has ${formatPercentBelow(
            percent,
            threshold,
          )}% of its error budget left`;
    return `${label} ${left}, below the ${threshold}% of its policy`;
  }
  if (when.burnRateAlert === 'page' || when.burnRateAlert === 'ticket') {
    if (!figures.firingAlerts.includes(when.burnRateAlert)) return undefined;
    return `${label} burns its error budget fast enough to ${
      when.burnRateAlert === 'page' ? 'page' : 'open a ticket'
    } (a ${when.burnRateAlert} burn-rate alert is firing)`;
  }
  if (when.status === 'breached') {
    if (figures.status !== 'breached') return undefined;
    return `${label} is breached`;
  }
  return undefined;
}

/** At most two decimals, never rounded up to the threshold it is below. */
function formatPercentBelow(percent: number, threshold: number): string {
  const rounded = Math.round(percent * 100) / 100;
  const shown =
    rounded >= threshold ? Math.floor(percent * 100) / 100 : rounded;
  return String(shown);
}

function consequence(
  action: ErrorBudgetPolicyAction,
  stops: ChangeKind[],
): string {
  if (action === 'review') return 'changes need a review of the error budget';
  if (action === 'notify') return 'the team is notified';
  if (stops.length === 2) return 'features and fixes are frozen';
  if (stops[0] === 'fix') return 'fixes are frozen';
  return 'features are frozen';
}

/**
 * The state of an agreement (or a service) under its policies: `all-frozen` when the steps in force
 * stop fixes, `features-frozen` when they stop features, `review` when only a review is in force.
 *
 * @public
 */
export type ErrorBudgetPolicyState =
  | 'normal'
  | 'features-frozen'
  | 'all-frozen'
  | 'review';

/** @public */
export function errorBudgetPolicyState(
  steps: readonly ErrorBudgetPolicyStepResult[],
): ErrorBudgetPolicyState {
  const inForce = steps.filter(step => step.inForce);
  const stopped = new Set(inForce.flatMap(step => step.stops));
  if (stopped.has('fix')) return 'all-frozen';
  if (stopped.has('feature')) return 'features-frozen';
  if (inForce.some(step => step.action === 'review')) return 'review';
  return 'normal';
}

const STATE_RANK: Record<ErrorBudgetPolicyState, number> = {
  normal: 0,
  review: 1,
  'features-frozen': 2,
  'all-frozen': 3,
};

/**
 * The policy states from the weakest to the strongest, as filters offer them.
 *
 * @public
 */
export const ERROR_BUDGET_POLICY_STATES: readonly ErrorBudgetPolicyState[] = [
  'normal',
  'review',
  'features-frozen',
  'all-frozen',
];

/** The state a step puts its service in on its own while in force. */
function stateOfStep(
  step: ErrorBudgetPolicyStepResult,
): ErrorBudgetPolicyState {
  return errorBudgetPolicyState([{ ...step, inForce: true }]);
}

/**
 * The steps in force, strongest first (those that stop fixes, then features, then reviews, then
 * notices), in their declared order within each strength.
 *
 * @public
 */
export function stepsInForce(
  steps: readonly ErrorBudgetPolicyStepResult[],
): ErrorBudgetPolicyStepResult[] {
  return steps
    .filter(step => step.inForce)
    .map((step, index) => ({
      step,
      index,
      rank: STATE_RANK[stateOfStep(step)],
    }))
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .map(({ step }) => step);
}

/**
 * A service's state under its error-budget policies, as the overview shows it: the strongest of its
 * agreements' states and the step that sets it (null while nothing holds changes back).
 *
 * @public
 */
export type ServicePolicy = {
  state: ErrorBudgetPolicyState;
  step: ErrorBudgetPolicyStepResult | null;
};

/**
 * The service's policy state from its agreements' steps in force; null when no policy applies to
 * any of its agreements.
 *
 * @public
 */
export function servicePolicy(
  agreements: ReadonlyArray<{
    policy?: { inForce: readonly ErrorBudgetPolicyStepResult[] };
  }>,
): ServicePolicy | null {
  const governed = agreements.filter(agreement => agreement.policy);
  if (governed.length === 0) return null;
  const inForce = stepsInForce(governed.flatMap(a => a.policy!.inForce));
  const state = errorBudgetPolicyState(inForce);
  return { state, step: state === 'normal' ? null : inForce[0] };
}

/**
 * What the overview's `policy` filter matches: a policy state, or `none` for a service no policy
 * governs (and for rows stored before the overview carried policies).
 *
 * @public
 */
export type PolicyFilterValue = ErrorBudgetPolicyState | 'none';

/** @public */
export const POLICY_FILTER_VALUES: readonly PolicyFilterValue[] = [
  'none',
  ...ERROR_BUDGET_POLICY_STATES,
];

/** @public */
export function policyFilterValue(row: {
  policy?: ServicePolicy | null;
}): PolicyFilterValue {
  return row.policy?.state ?? 'none';
}

/**
 * The release gate's answer for one change kind: denied when any step in force stops it. The reasons
 * are the sentences of the steps in force (those that stop this change first), or why nothing holds
 * the change back.
 *
 * @public
 */
export function releaseGateDecision(
  change: ChangeKind,
  steps: readonly ErrorBudgetPolicyStepResult[],
): { allow: boolean; reasons: string[] } {
  const inForce = steps.filter(step => step.inForce);
  const stopping = inForce.filter(step => step.stops.includes(change));
  const other = inForce.filter(step => !step.stops.includes(change));
  if (steps.length === 0) {
    return {
      allow: true,
      reasons: ['no error-budget policy applies to this service'],
    };
  }
  const reasons = [
    ...stopping.map(step => step.reason!),
    ...other.map(step =>
      step.stops.length > 0
        ? `${step.reason} (${
            change === 'fix' ? 'fixes' : 'features'
          } are exempt)`
        : step.reason!,
    ),
  ];
  if (inForce.length === 0) {
    reasons.push('no step of its error-budget policies is in force');
  }
  return { allow: stopping.length === 0, reasons: dedupe(reasons) };
}

function dedupe(reasons: string[]): string[] {
  return [...new Set(reasons)];
}
