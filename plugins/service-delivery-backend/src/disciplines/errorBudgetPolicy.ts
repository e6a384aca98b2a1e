import {
  Agreement,
  Objective,
  AgreementPolicy,
  AgreementResult,
  ErrorBudgetPolicyStep,
  ErrorBudgetPolicyStepResult,
  ObjectivePolicyFigures,
  SlaResponse,
  effectiveErrorBudgetPolicy,
  errorBudgetPolicyState,
  evaluateErrorBudgetPolicy,
} from '@service-delivery/plugin-service-delivery-common';
import { objectivesOf } from './declared';

const actions = ['freeze-features', 'freeze-all', 'review', 'notify'];

/**
 * The well-formed steps of a declared policy. Metadata with problems still reaches the catalog
 * (validation: warn); a malformed step is one of its problems and governs nothing.
 */
function wellFormed(policy: unknown): ErrorBudgetPolicyStep[] | undefined {
  if (!Array.isArray(policy)) return undefined;
  return policy.filter(
    (step): step is ErrorBudgetPolicyStep =>
      step !== null &&
      typeof step === 'object' &&
      actions.includes(step.action) &&
      step.when !== null &&
      typeof step.when === 'object' &&
      Object.keys(step.when).length === 1 &&
      (step.appliesTo === undefined ||
        (Array.isArray(step.appliesTo) &&
          step.appliesTo.every((kind: unknown) =>
            ['feature', 'fix'].includes(kind as string),
          ))),
  );
}

/** The policy that governs one objective of an agreement, or null when none does. */
export function governingPolicy(options: {
  agreement: Agreement;
  objective: Objective;
  defaults?: ErrorBudgetPolicyStep[];
}) {
  return effectiveErrorBudgetPolicy({
    objective: wellFormed(options.objective.errorBudgetPolicy),
    agreement: wellFormed(options.agreement.errorBudgetPolicy),
    defaults: options.defaults,
  });
}

/** Whether a policy step of the objective reads burn-rate alerts (else they need not be computed). */
export function readsBurnRateAlerts(
  policy: ReturnType<typeof governingPolicy>,
): boolean {
  return (
    policy?.steps.some(
      step => (step.when as { burnRateAlert?: unknown }).burnRateAlert,
    ) ?? false
  );
}

/**
 * The steps of an agreement's policies evaluated from the figures of its objectives in its current
 * period (`inForce`: whether the agreement itself is in force then); empty when no policy governs
 * any of its objectives.
 */
export function evaluateAgreementPolicy(options: {
  agreement: Agreement;
  inForce: boolean;
  objectives: Array<
    Omit<
      ObjectivePolicyFigures,
      'agreement' | 'objective' | 'currentPeriod'
    > & {
      name: string;
    }
  >;
  defaults?: ErrorBudgetPolicyStep[];
}): ErrorBudgetPolicyStepResult[] {
  const { agreement } = options;
  return objectivesOf(agreement).flatMap(objective => {
    const policy = governingPolicy({
      agreement,
      objective,
      defaults: options.defaults,
    });
    const figures = options.objectives.find(o => o.name === objective.name);
    if (!policy || !figures) return [];
    return evaluateErrorBudgetPolicy(
      {
        agreement: agreement.name,
        objective: objective.name,
        remainingShare: figures.remainingShare,
        firingAlerts: figures.firingAlerts,
        status: figures.status,
        // an agreement that has expired or is not yet effective freezes nothing
        currentPeriod: options.inForce,
      },
      policy,
    );
  });
}

/**
 * An agreement's error-budget policy evaluated from `result`, the agreement's figures of its
 * current period; undefined when no policy governs any of its objectives.
 */
export function agreementPolicy(options: {
  agreement: Agreement;
  result: AgreementResult;
  defaults?: ErrorBudgetPolicyStep[];
}): AgreementPolicy | undefined {
  const { result } = options;
  const steps = evaluateAgreementPolicy({
    agreement: options.agreement,
    inForce: result.inForce,
    defaults: options.defaults,
    objectives: result.objectives.map(figures => ({
      name: figures.name,
      remainingShare: figures.errorBudget.remainingShare,
      firingAlerts: figures.alerts
        .filter(alert => alert.firing)
        .map(alert => alert.severity),
      status: figures.status,
    })),
  });
  if (steps.length === 0) return undefined;
  return { steps, state: errorBudgetPolicyState(steps), period: result.period };
}

/** Every step of the entity's policies, from an SLA report of the current periods. */
export function policyStepsOf(report: SlaResponse) {
  return report.agreements.flatMap(agreement => agreement.policy?.steps ?? []);
}
