import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  PeriodError,
  isMonth,
  serviceDeliveryCostReadPermission,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { costReport } from '../../disciplines/cost';
import { RouteContext, queryParam } from '../RouteContext';

function monthParam(query: Parameters<typeof queryParam>[0], name: string) {
  const value = queryParam(query, name);
  if (value !== undefined && !isMonth(value)) {
    throw new InputError(
      `Invalid query parameter '${name}': '${value}' is not a month; write it YYYY-MM, such as 2026-03`,
    );
  }
  return value;
}

/** `months=24`: how many months up to `to` (or the current month), when `from` is not given. */
function countParam(query: Parameters<typeof queryParam>[0]) {
  const value = queryParam(query, 'months');
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1 || count > 120) {
    throw new InputError(
      `Invalid query parameter 'months': '${value}' must be a whole number of months from 1 to 120`,
    );
  }
  return count;
}

/** The Cost route of an entity: readable only with the cost permission. */
export function registerCostRoutes(router: Router, context: RouteContext) {
  const { httpAuth, permissions, store, settings, catalog } = context;

  router.get('/v1/entities/:kind/:namespace/:name/cost', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: serviceDeliveryCostReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Reading cost data needs the ${serviceDeliveryCostReadPermission.name} permission`,
      );
    }
    const from = monthParam(req.query, 'from');
    const to = monthParam(req.query, 'to');
    const months = countParam(req.query);
    const { entity, problems } = await context.readEntity(req);
    try {
      res.json(
        await costReport({
          entity,
          from,
          to,
          months,
          now: context.now(),
          store,
          settings,
          catalog,
          credentials,
          graph: () => context.catalogGraph.snapshot(credentials),
          problems,
        }),
      );
    } catch (error) {
      if (error instanceof PeriodError || error instanceof RangeError) {
        throw new InputError(
          `Invalid query parameters 'from', 'to' and 'months': ${error.message}`,
        );
      }
      throw error;
    }
  });
}
