import { currency, duration, percentage } from './definitions';
import { errorBudgetPolicy } from './errorBudgetPolicy';

/**
 * JSON Schema (draft-07) of the `serviceDelivery` section of app-config. Other settings may live
 * beside these (providers read their own), so unknown keys are allowed at the top level only.
 *
 * @public
 */
export const serviceDeliveryConfigSchema = {
  $id: 'service-delivery-config',
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'serviceDelivery (app-config)',
  type: 'object',
  properties: {
    currency,
    tiers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          availability: percentage,
          rto: duration,
          rpo: duration,
          testEvery: duration,
        },
      },
    },
    partialOutageWeight: { type: 'number', minimum: 0, maximum: 1 },
    validation: { enum: ['warn', 'strict'] },
    errorBudgetPolicy,
    currencyRates: {
      type: 'object',
      additionalProperties: { type: 'number', exclusiveMinimum: 0 },
    },
    notifications: {
      type: 'object',
      additionalProperties: false,
      properties: {
        digestAbove: { type: 'integer', minimum: 0 },
      },
    },
    retention: {
      type: 'object',
      additionalProperties: false,
      properties: {
        keep: duration,
        afterEntityGone: duration,
        schedule: { type: 'object' },
      },
    },
  },
} as const;
