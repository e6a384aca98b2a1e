/*
 * The one ajv-based engine behind every validator of this package: it checks a value against a
 * schema and turns ajv's errors into problems a person understands, with full field paths.
 */
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ValidationProblem } from '../types';
import { formats } from './formats';
import {
  appendIndex,
  appendKey,
  characterCount,
  describeValue,
  shorten,
  suggest,
} from './text';

let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      allowUnionTypes: true,
      strictNumbers: true,
    });
    addFormats(ajv, ['date']);
    for (const [format, definition] of Object.entries(formats)) {
      if (definition.validate) {
        ajv.addFormat(format, {
          type: 'string',
          validate: definition.validate,
        });
      }
    }
  }
  return ajv;
}

function compile(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = getAjv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

type SchemaNode = {
  type?: string | string[];
  format?: string;
  properties?: Record<string, unknown>;
  exclusiveMinimum?: number;
  maximum?: number;
};

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function isPercentage(schema: SchemaNode): boolean {
  return schema.exclusiveMinimum === 0 && schema.maximum === 100;
}

function expectedType(schema: SchemaNode): string {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? ''];
  // "must be text without control characters" would be true but beside the point for a number
  const format =
    schema.format && schema.format !== 'text'
      ? formats[schema.format]
      : undefined;
  if (format) {
    // a duration may also be a number of seconds, which its description already implies
    return types.includes('null')
      ? `${format.expected}, or null`
      : format.expected;
  }
  return types.map(type => typeWords[type] ?? type).join(' or ');
}

// Lower is more useful when several errors concern the same field.
const ranks: Record<string, number> = {
  required: 0,
  additionalProperties: 0,
  enum: 1,
  format: 2,
  type: 3,
};

function rankOf(keyword: string): number {
  return ranks[keyword] ?? 4;
}

function knownFields(error: ErrorObject): string[] {
  return Object.keys(
    (error.parentSchema as SchemaNode | undefined)?.properties ?? {},
  );
}

/** The known field an unknown one is most likely a misspelling of. */
function likelyField(error: ErrorObject): string | undefined {
  return suggest(String(error.params.additionalProperty), knownFields(error));
}

function messageOf(
  error: ErrorObject,
  value: unknown,
  likely: string | undefined,
): string {
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const params = error.params as Record<string, any>;
  const got = ` (got ${describeValue(value)})`;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties': {
      const field = shorten(String(params.additionalProperty));
      if (field.startsWith('$')) {
        return `unknown field '${field}': a placeholder such as $yaml is resolved by the catalog, so validate the entity as the catalog reads it`;
      }
      const known = knownFields(error);
      if (likely) {
        return `unknown field '${field}' (did you mean '${likely}'?)`;
      }
      return known.length
        ? `unknown field '${field}'; the fields here are ${known.join(', ')}`
        : `unknown field '${field}'`;
    }
    case 'type':
      return `must be ${expectedType(schema)}${got}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[])
        .map(String)
        .join(', ')}${got}`;
    case 'format': {
      const format = formats[String(params.format)];
      return `must be ${format?.expected ?? params.format}${got}`;
    }
    case 'minimum':
      return params.limit === 0
        ? `must not be negative${got}`
        : `must be at least ${params.limit}${got}`;
    case 'exclusiveMinimum':
    case 'maximum':
      if (isPercentage(schema)) {
        return `must be a percentage above 0 and at most 100${got}`;
      }
      return error.keyword === 'maximum'
        ? `must be at most ${params.limit}${got}`
        : `must be greater than ${params.limit}${got}`;
    case 'exclusiveMaximum':
      return `must be less than ${params.limit}${got}`;
    case 'minLength':
      return params.limit === 1
        ? 'must not be empty'
        : `must be at least ${params.limit} characters long`;
    case 'maxLength':
      return `must be at most ${params.limit} characters long (got ${
        typeof value === 'string' ? characterCount(value) : '?'
      })`;
    case 'minItems':
      return params.limit === 1
        ? 'must list at least one entry'
        : `must list at least ${params.limit} entries`;
    case 'maxItems':
      return `must list at most ${params.limit} entries`;
    case 'uniqueItems':
      return `lists ${describeValue(
        Array.isArray(value) ? value[params.j] : undefined,
      )} more than once`;
    default:
      return error.message ?? 'is not valid';
  }
}

/** A value with thousands of unknown fields is named, not listed field by field. */
const MAX_SCHEMA_ERRORS_READ = 100;

/** Follows ajv's JSON pointer through the data to name each step as the user wrote it. */
function locate(
  root: string,
  data: unknown,
  instancePath: string,
): { path: string; value: unknown } {
  let path = root;
  let value = data;
  if (instancePath === '') {
    return { path, value };
  }
  for (const encoded of instancePath.slice(1).split('/')) {
    const step = encoded.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(value)) {
      path = appendIndex(path, Number(step));
      value = value[Number(step)];
    } else {
      path = appendKey(path, step);
      value =
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[step]
          : undefined;
    }
  }
  return { path, value };
}

/**
 * Validates `data` against `schema`; each problem's path starts at `root` (`spec.serviceDelivery`,
 * `serviceDelivery`, or '' for a record). One problem per field: when ajv finds several things
 * wrong with one value, the most telling one is kept.
 */
export function schemaProblems(
  schema: object,
  data: unknown,
  root: string,
): ValidationProblem[] {
  const validate = compile(schema);
  if (validate(data)) {
    return [];
  }
  const best = new Map<string, { keyword: string; message: string }>();
  // `targt: 99.9` is one mistake: the unknown field says so, `target is required` would repeat it
  const misspelt = new Set<string>();
  const errors = validate.errors ?? [];
  for (const error of errors.slice(0, MAX_SCHEMA_ERRORS_READ)) {
    const located = locate(root, data, error.instancePath);
    let path = located.path;
    let value = located.value;
    let likely: string | undefined;
    if (error.keyword === 'required') {
      path = appendKey(path, String(error.params.missingProperty));
      value = undefined;
    } else if (error.keyword === 'additionalProperties') {
      const field = String(error.params.additionalProperty);
      likely = likelyField(error);
      if (likely) {
        misspelt.add(appendKey(path, likely));
      }
      path = appendKey(path, field);
    }
    const current = best.get(path);
    if (!current || rankOf(error.keyword) < rankOf(current.keyword)) {
      best.set(path, {
        keyword: error.keyword,
        message: messageOf(error, value, likely),
      });
    }
  }
  const problems = [...best]
    .filter(
      ([path, { keyword }]) => !(keyword === 'required' && misspelt.has(path)),
    )
    .map(([path, { message }]) => ({ path, message }));
  if (errors.length > MAX_SCHEMA_ERRORS_READ) {
    problems.push({
      path: root,
      message: `has ${
        errors.length - MAX_SCHEMA_ERRORS_READ
      } more problems than the ${MAX_SCHEMA_ERRORS_READ} read; fix these first`,
    });
  }
  return problems;
}
