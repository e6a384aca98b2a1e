import { ErrorBudgetPolicyStep } from '../types';
import {
  ErrorBudgetPolicyStepResult,
  ObjectivePolicyFigures,
  evaluateErrorBudgetPolicy,
  policyFilterValue,
  servicePolicy,
  stepsInForce,
} from './errorBudgetPolicy';

/*
 * The policy state of an overview row: the strongest state of the service's agreements, from the
 * steps each evaluated in its current period, with the step that sets it.
 */

const policy: ErrorBudgetPolicyStep[] = [
  { when: { budgetRemainingBelow: 25 }, action: 'freeze-features' },
  { when: { burnRateAlert: 'page' }, action: 'freeze-all' },
  { when: { status: 'breached' }, action: 'review' },
];

function evaluate(
  agreement: string,
  objective: string,
  figures: Partial<ObjectivePolicyFigures>,
  steps: ErrorBudgetPolicyStep[] = policy,
): ErrorBudgetPolicyStepResult[] {
  return evaluateErrorBudgetPolicy(
    {
      agreement,
      objective,
      remainingShare: 0.5,
      firingAlerts: [],
      status: 'met',
      currentPeriod: true,
      ...figures,
    },
    { source: 'agreement', steps },
  );
}

/** An agreement of the overview row's headline, as the backend stores it. */
const agreement = (...objectives: ErrorBudgetPolicyStepResult[][]) => ({
  policy: { inForce: stepsInForce(objectives.flat()) },
});

describe('servicePolicy', () => {
  it('is null when no policy governs any agreement (or the row has none)', () => {
    expect(servicePolicy([])).toBeNull();
    expect(servicePolicy([{}, {}])).toBeNull();
  });

  it('is normal, with no step, while a policy applies but nothing is in force', () => {
    // 50 % of the budget left, met, no alert: no condition holds
    expect(
      servicePolicy([agreement(evaluate('retail-sla', 'availability', {}))]),
    ).toEqual({ state: 'normal', step: null });
  });

  it('freezes features when a budget falls below its threshold, naming that step', () => {
    // 10 % left < 25 %: the freeze-features step; met, so no review
    const result = servicePolicy([
      agreement(
        evaluate('retail-sla', 'availability', { remainingShare: 0.1 }),
      ),
    ]);
    expect(result?.state).toBe('features-frozen');
    expect(result?.step).toMatchObject({
      agreement: 'retail-sla',
      objective: 'availability',
      action: 'freeze-features',
      reason:
        'retail-sla/availability has 10% of its error budget left, below the 25% of its policy: features are frozen',
    });
  });

  it('takes the strongest state over every agreement, whatever order they are declared in', () => {
    // retail-sla/availability: breached with −20 % left → freeze-features and review in force;
    // partner-ola/latency: a page alert firing, 60 % left → freeze-all in force
    const result = servicePolicy([
      agreement(
        evaluate('retail-sla', 'availability', {
          remainingShare: -0.2,
          status: 'breached',
        }),
      ),
      agreement(
        evaluate('partner-ola', 'latency', {
          remainingShare: 0.6,
          firingAlerts: ['page'],
        }),
      ),
    ]);
    expect(result?.state).toBe('all-frozen');
    expect(result?.step).toMatchObject({
      agreement: 'partner-ola',
      objective: 'latency',
      action: 'freeze-all',
    });
  });

  it('orders the steps in force strongest first: freeze-all, freeze-features, review', () => {
    const steps = evaluate('retail-sla', 'availability', {
      remainingShare: 0,
      status: 'breached',
      firingAlerts: ['page'],
    });
    expect(stepsInForce(steps).map(step => step.action)).toEqual([
      'freeze-all',
      'freeze-features',
      'review',
    ]);
  });

  it('is review when only a review is in force', () => {
    // breached with 30 % left: 30 % is not below 25 %, so only the review holds
    const result = servicePolicy([
      agreement(
        evaluate('retail-sla', 'availability', {
          remainingShare: 0.3,
          status: 'breached',
        }),
      ),
    ]);
    expect(result).toMatchObject({
      state: 'review',
      step: {
        action: 'review',
        reason:
          'retail-sla/availability is breached: changes need a review of the error budget',
      },
    });
  });

  it('freezes nothing for a finished period, and a freeze that applies to fixes only freezes all', () => {
    expect(
      servicePolicy([
        agreement(
          evaluate('retail-sla', 'availability', {
            remainingShare: -1,
            status: 'breached',
            currentPeriod: false,
          }),
        ),
      ]),
    ).toEqual({ state: 'normal', step: null });
    const fixesOnly = servicePolicy([
      agreement(
        evaluate('retail-sla', 'availability', { remainingShare: 0.2 }, [
          {
            when: { budgetRemainingBelow: 25 },
            action: 'freeze-features',
            appliesTo: ['fix'],
          },
        ]),
      ),
    ]);
    expect(fixesOnly?.state).toBe('all-frozen');
  });
});

describe('policyFilterValue', () => {
  it('reads a row without a policy, or stored before rows had one, as none', () => {
    expect(policyFilterValue({})).toBe('none');
    expect(policyFilterValue({ policy: null })).toBe('none');
    expect(
      policyFilterValue({ policy: { state: 'features-frozen', step: null } }),
    ).toBe('features-frozen');
  });
});
