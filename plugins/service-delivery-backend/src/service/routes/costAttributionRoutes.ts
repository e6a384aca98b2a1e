import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CostCoverageResponse,
  UnattributedCost,
  UnattributedCostsResponse,
  UnattributedTotal,
  costCoverage,
  fromCents,
  serviceDeliveryUnattributedCostReadPermission,
  toCents,
} from '@service-delivery/plugin-service-delivery-common';
import { Router } from 'express';
import { converter } from '../../disciplines/cost';
import { isNarrowed, parseCoverageQuery } from '../../overview/overviewQuery';
import { selectOverview } from '../../overview/overviewSelection';
import { sharedServicesOf } from '../../overview/visibleOverview';
import { writerOf } from '../../records/writers';
import { RouteContext } from '../RouteContext';
import { authorizeIngest } from '../ingestAuthorization';
import { Query, monthParam } from '../queryParameters';
import { OverviewReader, readOverview } from './overviewRoutes';

const PERMISSION = serviceDeliveryUnattributedCostReadPermission.name;

/** `month`, the current month (UTC) when left out. */
function monthOf(query: Query, now: number): string {
  return monthParam(query, 'month') ?? new Date(now).toISOString().slice(0, 7);
}

async function mayReadUnattributed(
  context: RouteContext,
  credentials: BackstageCredentials,
): Promise<boolean> {
  const [decision] = await context.permissions.authorize(
    [{ permission: serviceDeliveryUnattributedCostReadPermission }],
    { credentials },
  );
  return decision.result === AuthorizeResult.ALLOW;
}

/** Each line's amount in the organisation's currency, where a rate allows (else its own). */
function inOrganisationCurrency(
  lines: UnattributedCost[],
  settings: RouteContext['settings'],
): Array<{ currency: string; amount: number }> {
  const convert = converter(settings);
  return lines.map(line => {
    const amount = convert(line.amount, line.currency, settings.currency);
    return amount === undefined
      ? { currency: line.currency, amount: line.amount }
      : { currency: settings.currency, amount };
  });
}

/** Unattributed spend per currency, added up in cents. */
function totalsOf(
  amounts: Array<{ currency: string; amount: number }>,
): UnattributedTotal[] {
  const cents = new Map<string, { cents: number; lines: number }>();
  for (const { currency, amount } of amounts) {
    const total = cents.get(currency) ?? { cents: 0, lines: 0 };
    total.cents += toCents(amount);
    total.lines += 1;
    cents.set(currency, total);
  }
  return [...cents.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([currency, total]) => ({
      currency,
      amount: fromCents(total.cents),
      lines: total.lines,
    }));
}

/**
 * A month's unattributed lines as stored, the same in the organisation's currency, and their
 * totals in it.
 */
async function unattributedIn(context: RouteContext, month: string) {
  const lines = await context.store.listUnattributedCosts({
    fromMonth: month,
    toMonth: month,
  });
  const converted = inOrganisationCurrency(lines, context.settings);
  return { lines, converted, totals: totalsOf(converted) };
}

/** The month's unattributed lines and totals, or null for a caller who may not read them. */
async function unattributedFor(
  context: RouteContext,
  credentials: BackstageCredentials,
  month: string,
) {
  return (await mayReadUnattributed(context, credentials))
    ? unattributedIn(context, month)
    : null;
}

/**
 * GET /v1/cost/unattributed: the cost lines held because they named no entity the catalog knows,
 * for finance to map. They belong to no entity, so a plugin-level permission guards them.
 */
export function registerUnattributedCostRoutes(
  router: Router,
  context: RouteContext,
) {
  router.get('/v1/cost/unattributed', async (req, res) => {
    const month = monthOf(req.query, context.now());
    const credentials = await context.httpAuth.credentials(req);
    if (!(await mayReadUnattributed(context, credentials))) {
      throw new NotAllowedError(
        `Reading unattributed cost lines needs the ${PERMISSION} permission`,
      );
    }
    const { totals, lines } = await unattributedIn(context, month);
    const body: UnattributedCostsResponse = { month, totals, lines };
    res.json(body);
  });

  // only a caller who may write for every entity has its lines held, and only such a one retracts
  router.delete('/v1/cost/unattributed/:source/:id', async (req, res) => {
    const { source, id } = req.params;
    const credentials = await context.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const authorization = await authorizeIngest(
      context.permissions,
      credentials,
    );
    if (!authorization.everyEntity) {
      throw new NotAllowedError(
        'Retracting a cost line held unattributed needs the service-delivery.data.write permission for every entity: the line belongs to no entity of the catalog',
      );
    }
    const entityRef = await context.store.retractUnattributedCost({
      source,
      id,
      write: { writtenBy: writerOf(credentials), at: context.now() },
    });
    if (!entityRef) {
      throw new NotFoundError(
        `No cost line held unattributed with source '${source}' and id '${id}'`,
      );
    }
    context.logger.info(
      `Retracted the cost line ${source}/${id} held unattributed (it named ${entityRef})`,
    );
    res.json({ retracted: { source, id, entityRef } });
  });
}

/**
 * GET /v1/cost/coverage: a month's spend over the overview's filtered services, allocated against
 * shared (a platform others depend on) and, organisation-wide, unattributed — as shares.
 */
export function registerCostCoverageRoutes(
  router: Router,
  context: RouteContext,
  overview: OverviewReader,
) {
  router.get('/v1/cost/coverage', async (req, res) => {
    const query = parseCoverageQuery(req.query);
    const month = monthOf(req.query, context.now());
    const credentials = await context.httpAuth.credentials(req);
    // the unattributed lines belong to no service: read beside the overview, not after it
    const [{ data, costVisible }, unattributed] = await Promise.all([
      readOverview({ req, context, overview }),
      unattributedFor(context, credentials, month),
    ]);
    const rows = selectOverview(data, query, { costVisible }).rows;
    const services = rows.flatMap(row => {
      const spent = row.cost?.months.find(m => m.month === month);
      return row.cost && spent
        ? [
            {
              entityRef: row.entityRef,
              currency: row.cost.currency,
              amount: spent.actual,
            },
          ]
        : [];
    });
    // an unattributed line belongs to no group, domain or system: only the whole organisation
    // counts it
    const scope = isNarrowed(query) ? 'filtered' : 'organisation';
    const body: CostCoverageResponse = {
      month,
      scope,
      coverage: costCoverage({
        services,
        shared: sharedServicesOf(data),
        unattributed:
          scope === 'organisation' ? unattributed?.converted ?? [] : [],
      }),
      unattributed: unattributed?.totals ?? null,
      // the card that shows the shares lists the lines too: one request instead of two in a row
      unattributedLines: unattributed?.lines ?? null,
    };
    res.json(body);
  });
}
