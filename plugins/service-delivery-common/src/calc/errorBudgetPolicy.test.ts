import { ErrorBudgetPolicyStep } from '../types';
import {
  changesStoppedBy,
  effectiveErrorBudgetPolicy,
  errorBudgetPolicyState,
  evaluateErrorBudgetPolicy,
  ObjectivePolicyFigures,
  releaseGateDecision,
} from './errorBudgetPolicy';

const policy: ErrorBudgetPolicyStep[] = [
  { when: { budgetRemainingBelow: 25 }, action: 'freeze-features' },
  { when: { burnRateAlert: 'page' }, action: 'freeze-all' },
  { when: { status: 'breached' }, action: 'review' },
];

function figures(
  overrides: Partial<ObjectivePolicyFigures>,
): ObjectivePolicyFigures {
  return {
    agreement: 'retail-sla',
    objective: 'availability',
    remainingShare: 0.5,
    firingAlerts: [],
    status: 'met',
    currentPeriod: true,
    ...overrides,
  };
}

function evaluate(overrides: Partial<ObjectivePolicyFigures>) {
  return evaluateErrorBudgetPolicy(figures(overrides), {
    source: 'agreement',
    steps: policy,
  });
}

describe('effectiveErrorBudgetPolicy', () => {
  const own: ErrorBudgetPolicyStep[] = [
    { when: { status: 'breached' }, action: 'freeze-all' },
  ];
  it("takes the objective's steps over the agreement's over the defaults", () => {
    expect(
      effectiveErrorBudgetPolicy({
        objective: own,
        agreement: policy,
        defaults: policy,
      }),
    ).toEqual({ source: 'objective', steps: own });
    expect(
      effectiveErrorBudgetPolicy({ agreement: own, defaults: policy }),
    ).toEqual({ source: 'agreement', steps: own });
    expect(effectiveErrorBudgetPolicy({ defaults: own })).toEqual({
      source: 'default',
      steps: own,
    });
    expect(effectiveErrorBudgetPolicy({})).toBeNull();
  });

  it('lets an agreement opt out of the defaults with an empty list', () => {
    expect(
      effectiveErrorBudgetPolicy({ agreement: [], defaults: policy }),
    ).toEqual({ source: 'agreement', steps: [] });
  });
});

describe('changesStoppedBy', () => {
  it('exempts fixes unless the step names them', () => {
    expect(
      changesStoppedBy({
        when: { status: 'breached' },
        action: 'freeze-features',
      }),
    ).toEqual(['feature']);
    expect(
      changesStoppedBy({ when: { status: 'breached' }, action: 'freeze-all' }),
    ).toEqual(['feature', 'fix']);
    expect(
      changesStoppedBy({
        when: { status: 'breached' },
        action: 'freeze-features',
        appliesTo: ['fix', 'feature'],
      }),
    ).toEqual(['feature', 'fix']);
    expect(
      changesStoppedBy({
        when: { status: 'breached' },
        action: 'freeze-all',
        appliesTo: ['feature'],
      }),
    ).toEqual(['feature']);
    expect(
      changesStoppedBy({ when: { status: 'breached' }, action: 'review' }),
    ).toEqual([]);
    expect(
      changesStoppedBy({ when: { status: 'breached' }, action: 'notify' }),
    ).toEqual([]);
  });
});

describe('evaluateErrorBudgetPolicy', () => {
  it('freezes features with 12 % of the budget left, below 25 %', () => {
    // 3600 s allowed, 3168 s consumed: 432 s = 12 % left
    const steps = evaluate({ remainingShare: 1 - 3168 / 3600 });
    expect(steps.map(step => step.inForce)).toEqual([true, false, false]);
    expect(steps[0]).toEqual({
      when: { budgetRemainingBelow: 25 },
      action: 'freeze-features',
      agreement: 'retail-sla',
      objective: 'availability',
      source: 'agreement',
      inForce: true,
      stops: ['feature'],
      reason:
        'retail-sla/availability has 12% of its error budget left, below the 25% of its policy: features are frozen',
    });
    expect(steps[1].reason).toBeUndefined();
    expect(errorBudgetPolicyState(steps)).toBe('features-frozen');
  });

  it('does not count exactly the threshold as below it', () => {
    // 2700 of 3600 s consumed: exactly 25 % left
    expect(
      evaluate({ remainingShare: 1 - 2700 / 3600 }).map(step => step.inForce),
    ).toEqual([false, false, false]);
    // one second more: 899 / 3600 = 24.97 % left
    const steps = evaluate({ remainingShare: 899 / 3600 });
    expect(steps[0].inForce).toBe(true);
    expect(steps[0].reason).toBe(
      'retail-sla/availability has 24.97% of its error budget left, below the 25% of its policy: features are frozen',
    );
  });

  it('never rounds the budget left up to the threshold it is below', () => {
    // 24.999 % left rounds to 25 at two decimals; shown as 24.99
    const steps = evaluate({ remainingShare: 0.24999 });
    expect(steps[0].reason).toContain('has 24.99% of its error budget left');
  });

  it('says a spent budget is spent, and follows a page alert and a breach', () => {
    const steps = evaluate({
      remainingShare: -0.2,
      firingAlerts: ['page', 'ticket'],
      status: 'breached',
    });
    expect(steps.map(step => step.reason)).toEqual([
      'retail-sla/availability has spent all of its error budget, below the 25% of its policy: features are frozen',
      'retail-sla/availability burns its error budget fast enough to page (a page burn-rate alert is firing): features and fixes are frozen',
      'retail-sla/availability is breached: changes need a review of the error budget',
    ]);
    expect(errorBudgetPolicyState(steps)).toBe('all-frozen');
  });

  it('does not take a ticket alert for a page', () => {
    expect(
      evaluate({ firingAlerts: ['ticket'] }).map(step => step.inForce),
    ).toEqual([false, false, false]);
  });

  it('puts nothing in force without data', () => {
    const steps = evaluate({
      remainingShare: null,
      status: 'no-data',
      firingAlerts: [],
    });
    expect(steps.every(step => !step.inForce)).toBe(true);
    expect(errorBudgetPolicyState(steps)).toBe('normal');
  });

  it('does not let a finished period freeze the next', () => {
    const steps = evaluate({
      remainingShare: -1,
      status: 'breached',
      firingAlerts: ['page'],
      currentPeriod: false,
    });
    expect(steps.every(step => !step.inForce)).toBe(true);
  });

  it('reads a review alone as review', () => {
    const steps = evaluateErrorBudgetPolicy(
      figures({ status: 'breached', remainingShare: 0.9 }),
      {
        source: 'default',
        steps: [{ when: { status: 'breached' }, action: 'review' }],
      },
    );
    expect(errorBudgetPolicyState(steps)).toBe('review');
  });
});

describe('releaseGateDecision', () => {
  const frozen = evaluate({ remainingShare: 0.12 });

  it('denies a feature while features are frozen', () => {
    expect(releaseGateDecision('feature', frozen)).toEqual({
      allow: false,
      reasons: [
        'retail-sla/availability has 12% of its error budget left, below the 25% of its policy: features are frozen',
      ],
    });
  });

  it('lets a fix through a feature freeze and says why', () => {
    expect(releaseGateDecision('fix', frozen)).toEqual({
      allow: true,
      reasons: [
        'retail-sla/availability has 12% of its error budget left, below the 25% of its policy: features are frozen (fixes are exempt)',
      ],
    });
  });

  it('denies a fix under freeze-all, naming the stopping step first', () => {
    const steps = evaluate({
      remainingShare: 0.12,
      firingAlerts: ['page'],
    });
    const decision = releaseGateDecision('fix', steps);
    expect(decision.allow).toBe(false);
    expect(decision.reasons[0]).toContain('a page burn-rate alert is firing');
    expect(decision.reasons[1]).toContain('(fixes are exempt)');
  });

  it('combines the steps of several objectives', () => {
    const healthy = evaluateErrorBudgetPolicy(
      figures({ objective: 'success-rate', remainingShare: 0.9 }),
      { source: 'agreement', steps: policy },
    );
    expect(releaseGateDecision('feature', [...healthy, ...frozen]).allow).toBe(
      false,
    );
    expect(releaseGateDecision('feature', healthy)).toEqual({
      allow: true,
      reasons: ['no step of its error-budget policies is in force'],
    });
  });

  it('allows when no policy applies, and says so', () => {
    expect(releaseGateDecision('feature', [])).toEqual({
      allow: true,
      reasons: ['no error-budget policy applies to this service'],
    });
  });
});
