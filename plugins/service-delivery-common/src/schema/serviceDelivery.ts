import {
  currency,
  date,
  duration,
  entityRef,
  name,
  percentage,
  text,
  url,
} from './definitions';
import { errorBudgetPolicy } from './errorBudgetPolicy';
import { objectivePrometheus, resourcePrometheus } from './prometheus';

const weeklyWindow = {
  type: 'object',
  additionalProperties: false,
  required: ['days', 'from', 'to'],
  properties: {
    days: {
      type: 'array',
      minItems: 1,
      uniqueItems: true,
      // typed, so that ajv checks uniqueItems with a lookup, not by comparing every pair
      items: {
        type: 'string',
        enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
      },
    },
    from: { type: 'string', format: 'time-of-day' },
    to: { type: 'string', format: 'time-of-day' },
  },
} as const;

const objective = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'kind', 'target'],
  properties: {
    name,
    kind: { enum: ['availability', 'latency', 'ratio'] },
    target: percentage,
    threshold: duration,
    prometheus: objectivePrometheus,
    errorBudgetPolicy,
  },
} as const;

const supportTarget = {
  type: 'object',
  additionalProperties: false,
  required: ['priority'],
  properties: {
    priority: text(16),
    response: duration,
    resolution: duration,
  },
} as const;

const agreement = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'type'],
  properties: {
    name,
    type: { enum: ['SLA', 'OLA', 'UC'] },
    customer: entityRef,
    provider: entityRef,
    period: { enum: ['month', 'quarter', 'rolling-28d', 'rolling-30d'] },
    effective: date,
    expires: date,
    document: url,
    objectives: { type: 'array', items: objective },
    support: { type: 'array', items: supportTarget },
    serviceCredits: text(1000),
    errorBudgetPolicy,
  },
} as const;

const cost = {
  type: 'object',
  additionalProperties: false,
  properties: {
    costCenter: text(100),
    currency,
    // exactly one of the two: checked after the schema, to say so in one sentence
    budget: {
      type: 'object',
      additionalProperties: false,
      properties: {
        monthly: { type: 'number', minimum: 0 },
        annual: { type: 'number', minimum: 0 },
      },
    },
    chargingPolicy: {
      enum: ['expense-center', 'cost-recovery', 'profit-center'],
    },
    chargeback: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['consumer', 'share'],
        properties: {
          consumer: entityRef,
          share: percentage,
        },
      },
    },
    unit: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: text(100),
        sli: name,
      },
    },
  },
} as const;

const capacity = {
  type: 'object',
  additionalProperties: false,
  properties: {
    resources: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'capacity'],
        properties: {
          name,
          unit: text(50),
          capacity: { type: 'number', exclusiveMinimum: 0 },
          warning: percentage,
          critical: percentage,
          prometheus: resourcePrometheus,
        },
      },
    },
  },
} as const;

const riskLevel = { enum: ['low', 'medium', 'high'] } as const;

const continuity = {
  type: 'object',
  additionalProperties: false,
  properties: {
    rto: duration,
    rpo: duration,
    strategy: {
      enum: [
        'hot-standby',
        'warm-standby',
        'cold-standby',
        'backup-restore',
        'manual-workaround',
        'none',
      ],
    },
    plan: url,
    testEvery: duration,
    sites: { type: 'array', uniqueItems: true, items: text(100) },
    businessImpact: {
      type: 'object',
      additionalProperties: false,
      required: ['costPerHour'],
      properties: {
        costPerHour: { type: 'number', minimum: 0 },
        currency,
        notes: text(1000),
      },
    },
    risks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['threat', 'likelihood', 'impact'],
        properties: {
          threat: text(200),
          likelihood: riskLevel,
          impact: riskLevel,
          mitigation: text(1000),
        },
      },
    },
  },
} as const;

/**
 * JSON Schema (draft-07) of `spec.serviceDelivery`. Besides the standard `date` it uses the formats
 * `duration`, `time-of-day`, `timezone`, `entity-ref`, `name`, `currency`, `text` and `link` (an
 * absolute `uri` with one of the {@link linkSchemes}), which {@link validateServiceDelivery} defines. Rules across fields (shares summing to 100, unique
 * names, ...) are not expressible here and are checked by the validator.
 *
 * @public
 */
export const serviceDeliverySpecSchema = {
  $id: 'service-delivery-spec',
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'spec.serviceDelivery',
  type: 'object',
  additionalProperties: false,
  properties: {
    tier: { type: 'string', minLength: 1 },
    redundancy: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['anyOf'],
        properties: {
          anyOf: {
            type: 'array',
            minItems: 2,
            uniqueItems: true,
            items: entityRef,
          },
        },
      },
    },
    serviceHours: {
      type: 'object',
      additionalProperties: false,
      properties: {
        timezone: { type: 'string', format: 'timezone' },
        schedule: { enum: ['24x7'] },
        weekly: { type: 'array', minItems: 1, items: weeklyWindow },
        maintenance: { type: 'array', items: weeklyWindow },
      },
    },
    agreements: { type: 'array', items: agreement },
    cost,
    capacity,
    continuity,
  },
} as const;
