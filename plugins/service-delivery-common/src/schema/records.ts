import { CorrectionReason, RecordKind } from '../types';
import {
  MAX_RECORD_ENTITY_REF_LENGTH,
  currency,
  duration,
  instant,
  name,
  text,
} from './definitions';

const entityRef = {
  type: 'string',
  format: 'entity-ref',
  maxLength: MAX_RECORD_ENTITY_REF_LENGTH,
} as const;
const source = { type: 'string', format: 'source' } as const;
const id = {
  type: 'string',
  format: 'text',
  minLength: 1,
  maxLength: 200,
} as const;
const count = {
  type: 'integer',
  minimum: 0,
  maximum: Number.MAX_SAFE_INTEGER,
} as const;
// Far beyond any real amount, and still exact in a double.
const maxAmount = 1e15;

function record<P extends Record<string, object>, R extends readonly string[]>(
  $id: string,
  required: R,
  properties: P,
) {
  return {
    $id,
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    additionalProperties: false,
    required,
    properties,
  } as const;
}

/** @public */
export const incidentRecordSchema = record(
  'service-delivery-incident',
  ['id', 'entityRef', 'source', 'title', 'impact', 'startedAt'] as const,
  {
    id,
    entityRef,
    source,
    title: text(500),
    priority: text(16),
    impact: { enum: ['full', 'partial', 'degraded', 'none'] },
    startedAt: instant,
    acknowledgedAt: { type: ['string', 'null'], format: 'instant' },
    resolvedAt: { type: ['string', 'null'], format: 'instant' },
    planned: { type: 'boolean' },
    cause: text(64),
  } as const,
);

/** @public */
export const sliRecordSchema = record(
  'service-delivery-sli',
  [
    'entityRef',
    'source',
    'objective',
    'bucketStart',
    'bucketSeconds',
    'good',
    'total',
  ] as const,
  {
    entityRef,
    source,
    objective: name,
    bucketStart: instant,
    bucketSeconds: {
      type: 'integer',
      exclusiveMinimum: 0,
      maximum: 366 * 86400,
    },
    good: count,
    total: count,
  } as const,
);

/** @public */
export const costRecordSchema = record(
  'service-delivery-cost',
  [
    'id',
    'entityRef',
    'source',
    'periodStart',
    'category',
    'amount',
    'currency',
  ] as const,
  {
    id,
    entityRef,
    source,
    periodStart: { type: 'string', format: 'month' },
    category: text(100),
    amount: { type: 'number', minimum: -maxAmount, maximum: maxAmount },
    currency,
    origin: {
      type: 'object',
      additionalProperties: false,
      required: ['file', 'lines'],
      properties: {
        file: text(500),
        lines: {
          type: 'array',
          minItems: 1,
          maxItems: 1000,
          items: { type: 'integer', minimum: 1, maximum: 1e9 },
        },
      },
    },
  } as const,
);

/** @public */
export const capacityRecordSchema = record(
  'service-delivery-capacity',
  ['entityRef', 'source', 'resource', 'at', 'used'] as const,
  {
    entityRef,
    source,
    resource: name,
    at: instant,
    used: { type: 'number', minimum: 0, maximum: maxAmount },
    capacity: { type: 'number', exclusiveMinimum: 0, maximum: maxAmount },
  } as const,
);

/** @public */
export const drTestRecordSchema = record(
  'service-delivery-dr-test',
  ['id', 'entityRef', 'source', 'performedAt', 'result'] as const,
  {
    id,
    entityRef,
    source,
    performedAt: instant,
    result: { enum: ['passed', 'partial', 'failed'] },
    achievedRto: duration,
    achievedRpo: duration,
    notes: text(4000),
  } as const,
);

/**
 * The reasons an SLA correction may give.
 *
 * @public
 */
export const correctionReasons: readonly CorrectionReason[] = [
  'customer-caused',
  'third-party-underpinning-contract',
  'force-majeure',
  'monitoring-error',
  'planned-outside-window',
  'other',
];

/** @public */
export const correctionRecordSchema = record(
  'service-delivery-correction',
  ['id', 'entityRef', 'source', 'reason', 'note'] as const,
  {
    id,
    entityRef,
    source,
    agreement: name,
    incident: {
      type: 'object',
      additionalProperties: false,
      required: ['source', 'id'],
      properties: { source, id },
    },
    from: instant,
    to: instant,
    reason: { enum: correctionReasons },
    note: text(2000),
  } as const,
);

/**
 * JSON Schema (draft-07) of one ingested record of each kind.
 *
 * @public
 */
export const recordSchemas: Record<RecordKind, object> = {
  incidents: incidentRecordSchema,
  sli: sliRecordSchema,
  costs: costRecordSchema,
  capacity: capacityRecordSchema,
  'dr-tests': drTestRecordSchema,
  corrections: correctionRecordSchema,
};
