/*
 * Building blocks shared by the schemas. Formats that are not JSON Schema's own (duration,
 * time-of-day, timezone, entity-ref, name, currency, month, instant, source, text, link) are registered
 * by the validator; see src/validation/formats.ts.
 */

/** No recovery objective, test interval or threshold is longer than ten years. */
export const MAX_DURATION_SECONDS = 10 * 365 * 86400;

export const duration = {
  type: ['string', 'number'],
  format: 'duration',
  minimum: 0,
  maximum: MAX_DURATION_SECONDS,
} as const;

export const percentage = {
  type: 'number',
  exclusiveMinimum: 0,
  maximum: 100,
} as const;

export const entityRef = { type: 'string', format: 'entity-ref' } as const;

/** The longest entity reference a measured record may name. */
export const MAX_RECORD_ENTITY_REF_LENGTH = 255;

export const name = { type: 'string', format: 'name' } as const;

export const currency = { type: 'string', format: 'currency' } as const;

/** A link people open from the entity page: http, https or mailto (see linkSchemes). */
export const url = { type: 'string', format: 'link' } as const;

export const date = { type: 'string', format: 'date' } as const;

export const instant = { type: 'string', format: 'instant' } as const;

/** Free text of 1 to `maxLength` characters. */
export function text(maxLength: number) {
  return { type: 'string', format: 'text', minLength: 1, maxLength } as const;
}
