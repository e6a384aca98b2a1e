import { InputError } from '@backstage/errors';
import { isOwnKey } from '@service-delivery/plugin-service-delivery-common';
import express from 'express';
import {
  parseCoverageQuery,
  parseFindingsQuery,
  parseOverviewQuery,
  parseReportQuery,
} from '../overview/overviewQuery';
import { spec } from '../schema/openapi';
import {
  Query,
  auditQuery,
  capacityQuery,
  checkedPeriod,
  costQuery,
  focusQuery,
  gateDecisionsQuery,
  gateQuery,
  monthParam,
  periodQuery,
} from './queryParameters';

/**
 * The reader of each operation's query (by its operationId in src/schema/openapi.yaml); a route
 * whose query is only what the document says needs none.
 */
export const QUERY_READERS: Record<
  string,
  (query: Query, now: number) => void
> = {
  getSla: periodQuery,
  getAvailability: periodQuery,
  getCost: costQuery,
  getCostFocusCsv: focusQuery,
  getCapacity: capacityQuery,
  getGate: gateQuery,
  getGateDecisions: gateDecisionsQuery,
  getAudit: auditQuery,
  getOverview: (query, now) =>
    checkedPeriod(parseOverviewQuery(query).period, now),
  getOverviewCsv: (query, now) =>
    checkedPeriod(parseOverviewQuery(query, { everyRow: true }).period, now),
  getFindings: (query, now) =>
    checkedPeriod(parseFindingsQuery(query).period, now),
  getSlaReport: (query, now) =>
    checkedPeriod(parseReportQuery(query).period, now),
  getSlaReportCsv: (query, now) =>
    checkedPeriod(parseReportQuery(query).period, now),
  getUnattributedCosts: query => monthParam(query, 'month'),
  getCostCoverage: query => {
    parseCoverageQuery(query);
    monthParam(query, 'month');
  },
};

type Parameter = { name?: string; in?: string; $ref?: string };

/** A parameter of the document, `#/components/parameters/…` looked up. */
function dereference(parameter: Parameter): Parameter {
  const name = parameter.$ref?.replace('#/components/parameters/', '');
  const parameters: Record<string, Parameter> = spec.components.parameters;
  return name && isOwnKey(parameters, name) ? parameters[name] : parameter;
}

type OpenApiRequest = express.Request & {
  openapi?: {
    schema?: {
      operationId?: string;
      parameters?: Parameter[];
    };
    pathParams?: Record<string, string>;
  };
};

const LOCATIONS: Record<string, string> = {
  query: 'query parameter',
  params: 'path parameter',
  headers: 'header',
  body: 'request body',
};

/** `request/query/limit must match pattern "^\d+$"` → its location, name and complaint. */
const VALIDATOR_MESSAGE =
  /^request\/(query|params|headers|body)(?:\/([^\s/]+))?(\S*) ([\s\S]*)$/;

/**
 * The validator's answer about a request the document does not describe, reworded to name the
 * parameter or field the way the routes do: the route's own reader explains a query it refuses
 * (the same words as when the route reads it), anything else names what and where.
 */
function explain(
  error: InputError,
  req: OpenApiRequest,
  now: number,
): string | undefined {
  const message = error.message;
  const operationId = req.openapi?.schema?.operationId;
  const reader = operationId ? QUERY_READERS[operationId] : undefined;
  const aboutQuery =
    /^(Unknown|Empty value found for) query parameter '|^Parameter '[^']*' must be url encoded|^request\/query\b/.test(
      message,
    );
  if (aboutQuery && reader) {
    try {
      reader(req.query, now);
    } catch (readerError) {
      if (readerError instanceof InputError) return readerError.message;
      throw readerError;
    }
  }
  const mediaType = /^unsupported media type (.*)$/.exec(message);
  if (mediaType) {
    const given = mediaType[1] === 'undefined' ? 'none' : mediaType[1];
    return `The request body must be JSON, sent with Content-Type: application/json (given: ${given})`;
  }
  const unknown = /^Unknown query parameter '([^']*)'$/.exec(message);
  if (unknown) {
    const known = (req.openapi?.schema?.parameters ?? [])
      .map(dereference)
      .filter(p => p.in === 'query' && p.name)
      .map(p => p.name);
    return known.length > 0
      ? `${message}: expected ${known.join(', ')}`
      : `${message}: this route takes no query parameters`;
  }
  const empty = /^Empty value found for query parameter '([^']*)'$/.exec(
    message,
  );
  if (empty) {
    return `Invalid query parameter '${empty[1]}': give it a value, or leave it out`;
  }
  const match = VALIDATOR_MESSAGE.exec(message);
  if (!match) return undefined;
  const [, location, name, rest, complaint] = match;
  // several problems are joined with ', '; the first names the parameter
  const first = complaint.split(/, request\//)[0];
  if (location === 'body') {
    const field = `${name ?? ''}${rest}`;
    return `Invalid request body${field ? ` at '${field}'` : ''}: ${first}`;
  }
  if (!name) {
    const missing = /must have required property '([^']*)'/.exec(first);
    if (missing) {
      return `Missing ${LOCATIONS[location]} '${missing[1]}'`;
    }
    return `Invalid ${LOCATIONS[location]}s: ${first}`;
  }
  let value: unknown;
  if (location === 'params') value = req.openapi?.pathParams?.[name];
  else if (location === 'query') value = req.query[name];
  return `Invalid ${LOCATIONS[location]} '${name}': ${
    typeof value === 'string' ? `'${value}' ` : ''
  }${first}`;
}

/**
 * Rewords the 400s of the document's validator (see `explain`); registered right after it, so
 * errors of the routes themselves pass through untouched.
 */
export function nameTheParameter(options: {
  now(): number;
}): express.ErrorRequestHandler {
  return (error, req, _res, next) => {
    if (error instanceof InputError) {
      const reworded = explain(error, req as OpenApiRequest, options.now());
      if (reworded !== undefined && reworded !== error.message) {
        next(new InputError(reworded));
        return;
      }
    }
    next(error);
  };
}
