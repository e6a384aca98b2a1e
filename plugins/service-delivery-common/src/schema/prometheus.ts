import { text } from './definitions';

const promQl = text(4000);

/**
 * PromQL that measures an objective. Which of the fields must be present together (good and
 * total, or ratio alone) is checked by the validator, to say so in one sentence.
 */
export const objectivePrometheus = {
  type: 'object',
  additionalProperties: false,
  properties: {
    good: promQl,
    total: promQl,
    ratio: promQl,
  },
} as const;

/** PromQL that samples how much of a capacity resource is in use. */
export const resourcePrometheus = {
  type: 'object',
  additionalProperties: false,
  required: ['used'],
  properties: {
    used: promQl,
  },
} as const;
