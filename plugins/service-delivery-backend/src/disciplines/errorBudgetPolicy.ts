import {
  Agreement,
  AgreementPolicy,
  AgreementResult,
  ErrorBudgetPolicyStep,
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

/**
 * An agreement's error-budget policy evaluated from `result`, the agreement's figures of its
 * current period; undefined when no policy governs any of its objectives.
 */
export function agreementPolicy(options: {
  agreement: Agreement;
  result: AgreementResult;
  defaults?: ErrorBudgetPolicyStep[];
}): AgreementPolicy | undefined {
  const { agreement, result } = options;
  const steps = objectivesOf(agreement).flatMap(objective => {
    const policy = effectiveErrorBudgetPolicy({
      objective: wellFormed(objective.errorBudgetPolicy),
      agreement: wellFormed(agreement.errorBudgetPolicy),
      defaults: options.defaults,
    });
    const figures = result.objectives.find(o => o.name === objective.name);
    if (!policy || !figures) return [];
    return evaluateErrorBudgetPolicy(
      {
        agreement: agreement.name,
        objective: objective.name,
        remainingShare: figures.errorBudget.remainingShare,
        firingAlerts: figures.alerts
          .filter(alert => alert.firing)
          .map(alert => alert.severity),
        status: figures.status,
        // an agreement that has expired or is not yet effective freezes nothing
        currentPeriod: result.inForce,
      },
      policy,
    );
  });
  if (steps.length === 0) return undefined;
  return { steps, state: errorBudgetPolicyState(steps), period: result.period };
}

/** Every step of the entity's policies, from an SLA report of the current periods. */
export function policyStepsOf(report: SlaResponse) {
  return report.agreements.flatMap(agreement => agreement.policy?.steps ?? []);
}
