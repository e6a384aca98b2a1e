import { InputError, NotAllowedError } from '@backstage/errors';
import {
  FOCUS_COLUMNS,
  PeriodError,
  serviceDeliveryCostReadPermission,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { costFocusExport, costReport } from '../../disciplines/cost';
import { toCsv } from '../../overview/csv';
import { RouteContext } from '../RouteContext';
import { costQuery, focusQuery } from '../queryParameters';
import { costReadCheck, mayReadCostOf } from '../callerScope';

/**
 * The Cost route of an entity: readable only with the cost permission on that entity (an entity the
 * caller may not read in the catalog answers 404 first, so a 403 never confirms that it exists).
 */
export function registerCostRoutes(router: Router, context: RouteContext) {
  const { permissions, store, settings, catalog } = context;

  router.get('/v1/entities/:kind/:namespace/:name/cost', async (req, res) => {
    const { from, to, months } = costQuery(req.query);
    const credentials = await context.httpAuth.credentials(req);
    // the policy is asked while the entity is read; its answer waits until the entity is found
    const costReadable = costReadCheck(permissions, credentials, {
      askNow: true,
    });
    const { entity, ref, problems } = await context.readEntity(req);
    if (!(await mayReadCostOf(costReadable, ref))) {
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
          costReadable,
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
      const { from, to, months, view } = focusQuery(req.query);
      const { entity, ref, credentials } = await context.readEntity(req);
      const costReadable = costReadCheck(permissions, credentials);
      if (!(await mayReadCostOf(costReadable, ref))) {
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
          costReadable,
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
