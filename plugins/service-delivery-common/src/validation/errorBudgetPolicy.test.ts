import { validateServiceDeliveryConfig } from './config';
import { validateServiceDelivery } from './serviceDelivery';

function withPolicy(agreementPolicy: unknown, objectivePolicy?: unknown) {
  return {
    agreements: [
      {
        name: 'retail-sla',
        type: 'SLA',
        objectives: [
          {
            name: 'availability',
            kind: 'availability',
            target: 99.9,
            ...(objectivePolicy === undefined
              ? {}
              : { errorBudgetPolicy: objectivePolicy }),
          },
        ],
        errorBudgetPolicy: agreementPolicy,
      },
    ],
  };
}

const agreementPath = 'spec.serviceDelivery.agreements[0].errorBudgetPolicy';
const objectivePath =
  'spec.serviceDelivery.agreements[0].objectives[0].errorBudgetPolicy';

describe('errorBudgetPolicy in spec.serviceDelivery', () => {
  it('accepts every condition and action, under an agreement and an objective', () => {
    const steps = [
      { when: { budgetRemainingBelow: 25 }, action: 'freeze-features' },
      { when: { burnRateAlert: 'page' }, action: 'freeze-all' },
      { when: { burnRateAlert: 'ticket' }, action: 'notify' },
      {
        when: { status: 'breached' },
        action: 'freeze-features',
        appliesTo: ['feature', 'fix'],
      },
      { when: { budgetRemainingBelow: 50 }, action: 'review' },
    ];
    expect(validateServiceDelivery(withPolicy(steps, steps))).toEqual([]);
  });

  it('names each wrong field', () => {
    const problems = validateServiceDelivery(
      withPolicy(
        [
          { when: { budgetRemainingBelow: 120 }, action: 'freeze-features' },
          { when: { burnRateAlert: 'sms' }, action: 'freeze-all' },
          { when: { status: 'met' }, action: 'freeze' },
          { when: {}, action: 'notify' },
          {
            when: { budgetRemainingBelow: 10, status: 'breached' },
            action: 'freeze-all',
          },
          { action: 'review', appliesTo: ['fix'] },
          {
            when: { status: 'breached' },
            action: 'freeze-all',
            appliesTo: ['hotfix'],
          },
          {
            when: { status: 'breached' },
            action: 'freeze-features',
            appliesTo: ['fix'],
          },
        ],
        'freeze everything',
      ),
    );
    expect(problems.map(p => p.path).sort()).toEqual(
      [
        `${agreementPath}[0].when.budgetRemainingBelow`,
        `${agreementPath}[1].when.burnRateAlert`,
        `${agreementPath}[2].when.status`,
        `${agreementPath}[2].action`,
        `${agreementPath}[3].when`,
        `${agreementPath}[4].when`,
        `${agreementPath}[5].when`,
        `${agreementPath}[5].appliesTo`,
        `${agreementPath}[6].appliesTo[0]`,
        `${agreementPath}[7].appliesTo`,
        objectivePath,
      ].sort(),
    );
    const messageOf = (path: string) =>
      problems.find(p => p.path === path)?.message;
    expect(messageOf(`${agreementPath}[3].when`)).toBe(
      'must name one condition: budgetRemainingBelow, burnRateAlert, status',
    );
    expect(messageOf(`${agreementPath}[4].when`)).toBe(
      'names budgetRemainingBelow and status: a step has one condition, write two steps instead',
    );
    expect(messageOf(`${agreementPath}[7].appliesTo`)).toBe(
      'must name feature too: a freeze that stops fixes stops features as well',
    );
    expect(messageOf(`${agreementPath}[5].appliesTo`)).toBe(
      'applies only to freeze-features and freeze-all (a review step stops no change)',
    );
  });
});

describe('errorBudgetPolicy in app-config', () => {
  it('accepts default steps', () => {
    expect(
      validateServiceDeliveryConfig({
        errorBudgetPolicy: [
          { when: { budgetRemainingBelow: 25 }, action: 'freeze-features' },
          { when: { burnRateAlert: 'page' }, action: 'freeze-all' },
        ],
      }),
    ).toEqual([]);
  });

  it('names the wrong step', () => {
    expect(
      validateServiceDeliveryConfig({
        errorBudgetPolicy: [
          { when: { budgetRemainingBelow: 25 }, action: 'freeze-features' },
          {
            when: { burnRateAlert: 'page', status: 'breached' },
            action: 'freeze-all',
          },
          { when: { budgetRemainingBelow: 0 }, action: 'notify' },
        ],
      }),
    ).toEqual([
      expect.objectContaining({
        path: 'serviceDelivery.errorBudgetPolicy[2].when.budgetRemainingBelow',
      }),
      {
        path: 'serviceDelivery.errorBudgetPolicy[1].when',
        message:
          'names burnRateAlert and status: a step has one condition, write two steps instead',
      },
    ]);
  });
});
