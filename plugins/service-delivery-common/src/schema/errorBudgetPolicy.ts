import { percentage } from './definitions';

/**
 * One step of an error-budget policy: when its condition holds, its action is in force. `when`
 * names exactly one condition (checked by the validator, to say so in one sentence).
 */
const errorBudgetPolicyStep = {
  type: 'object',
  additionalProperties: false,
  required: ['when', 'action'],
  properties: {
    when: {
      type: 'object',
      additionalProperties: false,
      properties: {
        budgetRemainingBelow: percentage,
        burnRateAlert: { enum: ['page', 'ticket'] },
        status: { enum: ['breached'] },
      },
    },
    action: { enum: ['freeze-features', 'freeze-all', 'review', 'notify'] },
    appliesTo: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      items: { type: 'string', enum: ['feature', 'fix'] },
    },
  },
} as const;

/** An ordered list of error-budget policy steps. */
export const errorBudgetPolicy = {
  type: 'array',
  items: errorBudgetPolicyStep,
} as const;
