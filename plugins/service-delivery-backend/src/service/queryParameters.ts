import { InputError } from '@backstage/errors';
import {
  ChangeKind,
  FocusView,
  PeriodError,
  canonicalEntityRef,
  isMonth,
  resolvePeriod,
  tryParseDuration,
} from '@service-delivery/plugin-service-delivery-common';
import express from 'express';

/*
 * Every query parameter of the API is read here, by one set of rules: a single-valued parameter is
 * given once, as text (never as name[…]), surrounding spaces do not count and an empty one counts
 * as left out; a list may be repeated or comma-separated; whole numbers are digits only. A value
 * that is not understood answers 400 naming the parameter and what it takes.
 *
 * src/schema/openapi.yaml describes the same parameters, and the router validates each request
 * against it first; when the document refuses a value, the route's reader below is asked again
 * for its explanation (see openApiErrors.ts), so both agree on what the error says.
 */

export type Query = express.Request['query'];

function invalid(name: string, why: string): InputError {
  return new InputError(`Invalid query parameter '${name}': ${why}`);
}

/** An optional single-valued parameter, trimmed; undefined when left out or empty. */
export function singleParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) {
    // the router's validator turns a list parameter given once into a list of one
    throw invalid(name, `give it once, not ${raw.length} times`);
  }
  if (typeof raw !== 'string') {
    throw invalid(name, `give it once, as text, not as ${name}[…]`);
  }
  return raw.trim() || undefined;
}

/** A parameter given once or repeated, each value possibly a comma-separated list. */
export function listParam(query: Query, name: string): string[] {
  const raw = query[name];
  if (raw === undefined) return [];
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.some(value => typeof value !== 'string')) {
    throw invalid(name, `give it as text, not as ${name}[…]`);
  }
  return (values as string[])
    .flatMap(value => value.split(','))
    .map(value => value.trim())
    .filter(value => value !== '');
}

/** A whole number from `min` to `max`, or `fallback` when left out. */
export function wholeNumberParam(
  query: Query,
  name: string,
  range: { min: number; max: number },
): number | undefined;
export function wholeNumberParam(
  query: Query,
  name: string,
  range: { min: number; max: number; fallback: number },
): number;
export function wholeNumberParam(
  query: Query,
  name: string,
  range: { min: number; max: number; fallback?: number },
): number | undefined {
  const text = singleParam(query, name);
  if (text === undefined) return range.fallback;
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw invalid(
      name,
      `'${text}' must be a whole number from ${range.min} to ${range.max}`,
    );
  }
  return value;
}

/** One of the values given, or `fallback` when left out. */
export function choiceParam<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
  why: (value: string) => string,
): T | undefined {
  const value = singleParam(query, name);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw invalid(name, why(value));
  return value as T;
}

/** Each value of a list parameter, each one of those allowed. */
export function choicesParam<T extends string>(
  query: Query,
  name: string,
  allowed: readonly T[],
): T[] {
  return listParam(query, name).map(value => {
    if (!allowed.includes(value as T)) {
      throw invalid(name, `'${value}' is not one of ${allowed.join(', ')}`);
    }
    return value as T;
  });
}

/** Entity references, `defaultKind` when a value names none. */
export function refsParam(query: Query, name: string, defaultKind: string) {
  return listParam(query, name).map(value => {
    try {
      return canonicalEntityRef(value, { defaultKind });
    } catch {
      throw invalid(
        name,
        `'${value}' is not an entity reference such as ${defaultKind}:default/name`,
      );
    }
  });
}

/** A month, `YYYY-MM`. */
export function monthParam(query: Query, name: string): string | undefined {
  const value = singleParam(query, name);
  if (value !== undefined && !isMonth(value)) {
    throw invalid(
      name,
      `'${value}' is not a month; write it YYYY-MM, such as 2026-03`,
    );
  }
  return value;
}

/** A `period` that is understood, or a 400 naming it and the forms of a period. */
export function checkedPeriod(
  period: string | undefined,
  now: number,
): string | undefined {
  if (period !== undefined) {
    try {
      resolvePeriod(period, { defaultPeriod: 'month', now });
    } catch (error) {
      if (error instanceof PeriodError) {
        throw invalid('period', error.message);
      }
      throw error;
    }
  }
  return period;
}

/**
 * `period`: YYYY-MM, YYYY-Qn, rolling-28d or rolling-30d. Anything else answers 400 naming the
 * parameter and those forms, before anything is computed; the period is resolved later in each
 * service's timezone, which does not change whether it is understood.
 */
export function periodParam(query: Query, now: number): string | undefined {
  return checkedPeriod(singleParam(query, 'period'), now);
}

/* The query of each route, by the route's operationId in the document. */

/** getSla, getAvailability */
export function periodQuery(query: Query, now: number) {
  return { period: periodParam(query, now) };
}

/** getCost: `from`..`to`, or `months` months up to `to`. */
export function costQuery(query: Query) {
  return {
    from: monthParam(query, 'from'),
    to: monthParam(query, 'to'),
    months: wholeNumberParam(query, 'months', { min: 1, max: 120 }),
  };
}

const FOCUS_VIEWS: FocusView[] = ['showback', 'chargeback'];

/** getCostFocusCsv: the cost query and `view`. */
export function focusQuery(query: Query) {
  const view =
    choiceParam(
      query,
      'view',
      FOCUS_VIEWS,
      value =>
        `'${value}' is neither showback (costs charged to each entity's owner) nor chargeback (split by the declared chargeback shares)`,
    ) ?? 'showback';
  return { ...costQuery(query), view };
}

const DAY_SECONDS = 86_400;
const MAX_GROWTH = 1000;

/** getCapacity: the trend `window`, `growth` and the `capacityChange` text (see capacityChanges). */
export function capacityQuery(query: Query) {
  let windowSeconds = 30 * DAY_SECONDS;
  const window = singleParam(query, 'window');
  if (window !== undefined) {
    const seconds = tryParseDuration(window);
    if (
      seconds === undefined ||
      seconds < DAY_SECONDS ||
      seconds > 366 * DAY_SECONDS
    ) {
      throw invalid(
        'window',
        `'${window}' must be a duration from 1d to 366d, such as 30d`,
      );
    }
    windowSeconds = seconds;
  }
  let growth = 1;
  const growthText = singleParam(query, 'growth');
  if (growthText !== undefined) {
    growth = Number(growthText);
    if (!Number.isFinite(growth) || growth <= 0 || growth > MAX_GROWTH) {
      throw invalid(
        'growth',
        `'${growthText}' must be a factor above 0, such as 1.2 for 20 % more demand`,
      );
    }
  }
  const capacityChange = singleParam(query, 'capacityChange');
  return {
    windowSeconds,
    growth,
    capacityChange,
    changes: capacityChange === undefined ? [] : parseChanges(capacityChange),
  };
}

const CHANGE = /^([A-Za-z0-9][A-Za-z0-9._-]*):([0-9]+(?:\.[0-9]+)?)(?:@(.+))?$/;

type ParsedChange = {
  part: string;
  resource: string;
  capacity: number;
  date?: string;
};

function changeError(part: string, why: string) {
  return invalid('capacityChange', `'${part}' ${why}`);
}

function parseChanges(value: string): ParsedChange[] {
  return value.split(',').map(part => {
    const match = CHANGE.exec(part.trim());
    if (!match) {
      throw changeError(
        part,
        'must be written resource:capacity@YYYY-MM-DD, such as cpu:768@2026-12-01',
      );
    }
    const [, resource, capacityText, date] = match;
    return { part, resource, capacity: Number(capacityText), date };
  });
}

/**
 * `capacityChange=cpu:768@2026-12-01`: what if `cpu` had a capacity of 768 from that date (UTC
 * midnight; an ISO instant works too; now when left out). Several are separated by commas; each
 * must name one of the entity's declared resources.
 */
export function capacityChanges(
  changes: ParsedChange[],
  declared: string[],
  now: number,
): Array<{ resource: string; capacity: number; at: number }> {
  return changes.map(({ part, resource, capacity, date }) => {
    if (!declared.includes(resource)) {
      throw changeError(
        part,
        `names no declared resource; the resources are ${
          declared.join(', ') || 'none'
        }`,
      );
    }
    if (!(capacity > 0)) throw changeError(part, 'needs a capacity above 0');
    let at = now;
    if (date !== undefined) {
      at = Date.parse(
        /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date,
      );
      if (!Number.isFinite(at)) {
        throw changeError(part, `has a date '${date}' that is not a date`);
      }
    }
    return { resource, capacity, at };
  });
}

const CHANGE_KINDS: ChangeKind[] = ['feature', 'fix'];

/** getGate: which `change` is to be released. */
export function gateQuery(query: Query): { change: ChangeKind } {
  const change = choiceParam(
    query,
    'change',
    CHANGE_KINDS,
    value => `must be feature or fix (got '${value}')`,
  );
  if (change === undefined) {
    throw new InputError(
      "Missing query parameter 'change': say which change is to be released, feature or fix",
    );
  }
  return { change };
}

/** getGateDecisions: how many decisions, 50 by default. */
export function gateDecisionsQuery(query: Query) {
  return {
    limit: wholeNumberParam(query, 'limit', { min: 1, max: 500, fallback: 50 }),
  };
}

/** getAudit: one entity's writes, `limit` at a time (50 by default) before `cursor`. */
export function auditQuery(query: Query) {
  const param = singleParam(query, 'entityRef');
  if (param === undefined) {
    throw new InputError(
      "Missing query parameter 'entityRef': name the entity, as kind:namespace/name",
    );
  }
  let entityRef: string;
  try {
    entityRef = canonicalEntityRef(param);
  } catch (error) {
    throw invalid('entityRef', (error as Error).message);
  }
  return {
    entityRef,
    limit: wholeNumberParam(query, 'limit', { min: 1, max: 500, fallback: 50 }),
    cursor: wholeNumberParam(query, 'cursor', {
      min: 1,
      max: Number.MAX_SAFE_INTEGER,
    }),
  };
}
