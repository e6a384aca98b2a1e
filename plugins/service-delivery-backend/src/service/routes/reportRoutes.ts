import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  SlaReportResponse,
  SlaReportService,
  validateEntityServiceDelivery,
} from '@service-delivery/plugin-service-delivery-common';
import { Request, Router } from 'express';
import { recordRef } from '../../disciplines/declared';
import { parseReportQuery } from '../../overview/overviewQuery';
import { selectOverview } from '../../overview/overviewSelection';
import {
  prefetchWindow,
  prefetchedStore,
} from '../../overview/prefetchedStore';
import {
  slaReportCsv,
  slaReportService,
  slaReportSummary,
  unreportedService,
} from '../../reports/slaReport';
import { RouteContext } from '../RouteContext';
import { checkedPeriod } from '../queryParameters';
import { OverviewReader, readOverview } from './overviewRoutes';

/** A portfolio report covers at most this many services; narrow the filter for more. */
export const MAX_REPORT_SERVICES = 500;

/**
 * GET /v1/reports/sla and /v1/reports/sla.csv: the SLA report of one service (`entityRef`) or of
 * every service the overview's filters select, for a period. Services are read with the caller's
 * credentials, so a report holds only what the caller may see in the catalog.
 */
export function registerReportRoutes(
  router: Router,
  context: RouteContext,
  overview: OverviewReader,
) {
  const { catalog, store, settings } = context;
  const tiers = Object.keys(settings.tiers);

  async function buildReport(req: Request): Promise<SlaReportResponse> {
    const query = parseReportQuery(req.query);
    const now = context.now();
    // a malformed period is answered before anything is read
    checkedPeriod(query.period, now);
    const credentials = await context.httpAuth.credentials(req);

    let entities: Entity[];
    if (query.entityRef) {
      const entity = await catalog.getEntityByRef(
        parseEntityRef(query.entityRef),
        { credentials },
      );
      if (!entity) {
        throw new NotFoundError(`No entity ${query.entityRef} in the catalog`);
      }
      entities = [entity];
    } else {
      // the portfolio is the overview's selection, in its default order (worst first)
      const { data, costVisible } = await readOverview({
        req,
        context,
        overview,
      });
      const rows = selectOverview(data, query, { costVisible }).sorted(
        'status',
        'desc',
      );
      if (rows.length > MAX_REPORT_SERVICES) {
        throw new InputError(
          `The filter selects ${rows.length} services; a report covers at most ${MAX_REPORT_SERVICES}. Narrow it with owner, system, domain, tier, lifecycle, status or q`,
        );
      }
      const refs = rows.map(row => row.entityRef);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials },
      );
      entities = items.filter((e): e is Entity => e !== undefined);
    }

    const batchStore = await prefetchedStore(store, {
      entityRefs: entities.map(recordRef),
      window: prefetchWindow(now),
    });
    const services: SlaReportService[] = [];
    const graph = await context.catalogGraph.snapshot(credentials);
    for (const entity of entities) {
      const problems = validateEntityServiceDelivery(entity, { tiers });
      try {
        services.push(
          await slaReportService({
            entity,
            period: query.period,
            now,
            store: batchStore,
            settings,
            problems,
            closure: graph.closure(entity),
          }),
        );
      } catch (error) {
        // one service that cannot be computed leaves the others in the report, and says so
        context.logger.warn(
          `The SLA report could not compute ${recordRef(entity)}: ${error}`,
        );
        services.push(
          unreportedService({
            entity,
            period: query.period,
            now,
            problems,
            error,
          }),
        );
      }
    }
    const { entityRef, period, q, ...lists } = query;
    const filters: Record<string, string[]> = Object.fromEntries(
      Object.entries(lists).filter(([, values]) => values.length > 0),
    );
    if (q) filters.q = [q];
    return {
      generatedAt: new Date(now).toISOString(),
      period: period ?? null,
      scope: { ...(entityRef ? { entityRef } : {}), filters },
      summary: slaReportSummary(services),
      services,
    };
  }

  router.get('/v1/reports/sla', async (req, res) => {
    res.json(await buildReport(req));
  });

  router.get('/v1/reports/sla.csv', async (req, res) => {
    const report = await buildReport(req);
    res
      .type('text/csv; charset=utf-8')
      .attachment(`sla-report${report.period ? `-${report.period}` : ''}.csv`)
      .send(slaReportCsv(report));
  });
}
