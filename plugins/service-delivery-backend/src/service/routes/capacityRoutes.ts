import { InputError } from '@backstage/errors';
import { tryParseDuration } from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import {
  CapacityChange,
  capacityReport,
  declaredResources,
} from '../../disciplines/capacity';
import { RouteContext, queryParam } from '../RouteContext';

const DAY_SECONDS = 86_400;
const DEFAULT_WINDOW_SECONDS = 30 * DAY_SECONDS;
const MAX_WINDOW_SECONDS = 366 * DAY_SECONDS;
const MAX_GROWTH = 1000;

function windowParam(query: Parameters<typeof queryParam>[0]): number {
  const value = queryParam(query, 'window');
  if (value === undefined) return DEFAULT_WINDOW_SECONDS;
  const seconds = tryParseDuration(value);
  if (
    seconds === undefined ||
    seconds < DAY_SECONDS ||
    seconds > MAX_WINDOW_SECONDS
  ) {
    throw new InputError(
      `Invalid query parameter 'window': '${value}' must be a duration from 1d to 366d, such as 30d`,
    );
  }
  return seconds;
}

function growthParam(query: Parameters<typeof queryParam>[0]): number {
  const value = queryParam(query, 'growth');
  if (value === undefined) return 1;
  const growth = Number(value);
  if (!Number.isFinite(growth) || growth <= 0 || growth > MAX_GROWTH) {
    throw new InputError(
      `Invalid query parameter 'growth': '${value}' must be a factor above 0, such as 1.2 for 20 % more demand`,
    );
  }
  return growth;
}

const CHANGE = /^([A-Za-z0-9][A-Za-z0-9._-]*):([0-9]+(?:\.[0-9]+)?)(?:@(.+))?$/;

/**
 * `capacityChange=cpu:768@2026-12-01`: what if `cpu` had a capacity of 768 from that date (UTC
 * midnight; an ISO instant works too; now when left out). Several are separated by commas.
 */
function capacityChangesParam(
  query: Parameters<typeof queryParam>[0],
  declared: string[],
  now: number,
): CapacityChange[] {
  const value = queryParam(query, 'capacityChange');
  if (value === undefined) return [];
  return value.split(',').map(part => {
    const fail = (why: string): never => {
      throw new InputError(
        `Invalid query parameter 'capacityChange': '${part}' ${why}`,
      );
    };
    const match = CHANGE.exec(part.trim());
    if (!match) {
      return fail(
        'must be written resource:capacity@YYYY-MM-DD, such as cpu:768@2026-12-01',
      );
    }
    const [, resource, capacityText, dateText] = match;
    if (!declared.includes(resource)) {
      return fail(
        `names no declared resource; the resources are ${
          declared.join(', ') || 'none'
        }`,
      );
    }
    const capacity = Number(capacityText);
    if (!(capacity > 0)) return fail('needs a capacity above 0');
    let at = now;
    if (dateText !== undefined) {
      at = Date.parse(
        /^\d{4}-\d{2}-\d{2}$/.test(dateText)
          ? `${dateText}T00:00:00Z`
          : dateText,
      );
      if (!Number.isFinite(at))
        return fail(`has a date '${dateText}' that is not a date`);
    }
    return { resource, capacity, at };
  });
}

/** The Capacity route of an entity, with what-if modelling. */
export function registerCapacityRoutes(router: Router, context: RouteContext) {
  router.get(
    '/v1/entities/:kind/:namespace/:name/capacity',
    async (req, res) => {
      const windowSeconds = windowParam(req.query);
      const growth = growthParam(req.query);
      const { entity, problems } = await context.readEntity(req);
      const now = context.now();
      const changes = capacityChangesParam(
        req.query,
        declaredResources(entity).map(r => r.name),
        now,
      );
      res.json(
        await capacityReport({
          entity,
          now,
          windowSeconds,
          growth,
          changes,
          store: context.store,
          problems,
        }),
      );
    },
  );
}
