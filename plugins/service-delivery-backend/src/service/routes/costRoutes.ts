import { InputError, NotAllowedError } from '@backstage/errors';
import {
  FOCUS_COLUMNS,
  FocusView,
  PeriodError,
  isMonth,
  serviceDeliveryCostReadPermission,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { costFocusExport, costReport } from '../../disciplines/cost';
import { toCsv } from '../../overview/csv';
import { RouteContext, queryParam } from '../RouteContext';
import { authorizeEntities, mayReadCost } from '../callerScope';

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

/**
 * The Cost route of an entity: readable only with the cost permission on that entity (an entity the
 * caller may not read in the catalog answers 404 first, so a 403 never confirms that it exists).
 */
export function registerCostRoutes(router: Router, context: RouteContext) {
  const { permissions, store, settings, catalog } = context;

  router.get('/v1/entities/:kind/:namespace/:name/cost', async (req, res) => {
    const from = monthParam(req.query, 'from');
    const to = monthParam(req.query, 'to');
    const months = countParam(req.query);
    const { entity, ref, problems, credentials } = await context.readEntity(
      req,
    );
    if (!(await mayReadCost(permissions, credentials, ref))) {
      throw new NotAllowedError(
        `Reading cost data of ${ref} needs the ${serviceDeliveryCostReadPermission.name} permission`,
      );
    }
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
          costReadable: entityRefs =>
            authorizeEntities({
              permissions,
              permission: serviceDeliveryCostReadPermission,
              credentials,
              entityRefs,
            }),
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

  /** The same costs as FOCUS CSV: `view=showback` (the default) or `chargeback`. */
  router.get(
    '/v1/entities/:kind/:namespace/:name/cost/focus.csv',
    async (req, res) => {
      const from = monthParam(req.query, 'from');
      const to = monthParam(req.query, 'to');
      const months = countParam(req.query);
      const view = viewParam(req.query);
      const { entity, ref, credentials } = await context.readEntity(req);
      if (!(await mayReadCost(permissions, credentials, ref))) {
        throw new NotAllowedError(
          `Reading cost data of ${ref} needs the ${serviceDeliveryCostReadPermission.name} permission`,
        );
      }
      let focus;
      try {
        focus = await costFocusExport({
          entity,
          from,
          to,
          months,
          view,
          now: context.now(),
          store,
          settings,
          catalog,
          credentials,
          costReadable: entityRefs =>
            authorizeEntities({
              permissions,
              permission: serviceDeliveryCostReadPermission,
              credentials,
              entityRefs,
            }),
        });
      } catch (error) {
        if (error instanceof PeriodError || error instanceof RangeError) {
          throw new InputError(
            `Invalid query parameters 'from', 'to' and 'months': ${error.message}`,
          );
        }
        throw error;
      }
      const money = new Set(['BilledCost', 'EffectiveCost']);
      for (const warning of focus.warnings) {
        res.append('Warning', `199 - "${warning.replace(/"/g, "'")}"`);
      }
      res
        .type('text/csv; charset=utf-8')
        .attachment(
          `${entity.metadata.name}-costs-${view}-${focus.from}-${focus.to}.csv`,
        )
        .send(
          toCsv(
            [...FOCUS_COLUMNS],
            focus.rows.map(row =>
              FOCUS_COLUMNS.map(column =>
                money.has(column) ? Number(row[column]) : row[column],
              ),
            ),
          ),
        );
    },
  );
}

function viewParam(query: Parameters<typeof queryParam>[0]): FocusView {
  const value = queryParam(query, 'view') ?? 'showback';
  if (value !== 'showback' && value !== 'chargeback') {
    throw new InputError(
      `Invalid query parameter 'view': '${value}' is neither showback (costs charged to each entity's owner) nor chargeback (split by the declared chargeback shares)`,
    );
  }
  return value;
}
