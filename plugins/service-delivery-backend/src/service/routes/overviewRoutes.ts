import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  FindingsResponse,
  OverviewResponse,
  OverviewRowSummary,
  OverviewSummaryResponse,
  policyFilterValue,
} from '@service-delivery/plugin-service-delivery-common';
import { Request, Router } from 'express';
import { toCsv } from '../../overview/csv';
import { OverviewData } from '../../overview/OverviewCache';
import {
  parseFindingsQuery,
  parseOverviewQuery,
} from '../../overview/overviewQuery';
import { selectOverview } from '../../overview/overviewSelection';
import {
  visibleFindingsPage,
  visibleOverview,
  heldBudgets,
  visiblePage,
  withSystemCosts,
} from '../../overview/visibleOverview';
import { RouteContext } from '../RouteContext';
import { checkedPeriod } from '../queryParameters';
import { CallerScope, callerScopesOf } from '../callerScope';

/** Where the org-wide routes read the precomputed overview. */
export interface OverviewReader {
  current(): Promise<OverviewData>;
  /** a new computation counts against the caller's budget (429 beyond it) */
  forPeriod(
    period: string,
    caller: BackstageCredentials,
  ): Promise<OverviewData>;
}

/** The overview as one caller may see it. */
export type VisibleOverview = {
  /** only the rows the caller may read, cost only where they may read it */
  data: OverviewData;
  /** whether the caller may read the cost of any entity */
  costVisible: boolean;
  credentials: BackstageCredentials;
  /** what the caller may read: the whole rows of a page are seen through it */
  scope: CallerScope;
};

/**
 * Reads the overview for a request: the precomputed rows, or those of the period asked for, seen
 * through the caller's scope — the entities the catalog lets them read, cost columns and cost
 * findings only where they may read that entity's cost. Totals, KPIs, facets, charts and limits are
 * then worked out over these rows only.
 */
export async function readOverview(options: {
  req: Request;
  context: RouteContext;
  overview: OverviewReader;
  period?: string;
}): Promise<VisibleOverview> {
  const { req, context, overview, period } = options;
  const credentials = await context.httpAuth.credentials(req);
  // a malformed period is answered before anything is computed
  if (period) checkedPeriod(period, context.now());
  const data = period
    ? await overview.forPeriod(period, credentials)
    : await overview.current();
  const scopes = callerScopesOf(context);
  const candidates = async () => [
    ...new Set(
      [...(await overview.current()).rows, ...data.rows].map(
        row => row.entityRef,
      ),
    ),
  ];
  let scope = await scopes.forCaller(credentials, candidates);
  if (!scope.decidesCostOf(data.rows)) {
    // rows came after the caller's cost was decided one by one: decide again, once
    scopes.forget(credentials);
    scope = await scopes.forCaller(credentials, candidates);
  }
  return {
    data: visibleOverview(data, scope),
    costVisible: scope.costVisible,
    credentials,
    scope,
  };
}

const CSV_HEADER = [
  'entityRef',
  'name',
  'title',
  'kind',
  'type',
  'lifecycle',
  'owner',
  'system',
  'domain',
  'tier',
  'status',
  'period',
  'worstAgreement',
  'budgetRemainingPercent',
  'policy',
  'policyReason',
  'availability',
  'availabilityTarget',
  'achievableAvailability',
  'costMonth',
  'cost',
  'budget',
  'variance',
  'currency',
  'costWithParts',
  'budgetHeldBy',
  'capacityStatus',
  'capacityResource',
  'daysToCritical',
  'continuityStatus',
  'drTestOverdue',
  'metadataProblems',
  'findingsCritical',
  'findingsHigh',
  'findingsMedium',
  'findingsLow',
];

function csvRecord(
  row: OverviewRowSummary,
  held: ReturnType<typeof heldBudgets>,
) {
  const share = row.serviceLevel?.budgetRemainingShare;
  return [
    row.entityRef,
    row.name,
    row.title,
    row.kind,
    row.type,
    row.lifecycle,
    row.owner,
    row.system,
    row.domain,
    row.tier,
    row.status,
    row.serviceLevel?.period ?? row.availability?.period ?? null,
    row.serviceLevel?.worstAgreement ?? null,
    share === null || share === undefined
      ? null
      : Number((share * 100).toFixed(2)),
    policyFilterValue(row),
    row.policy?.step?.reason ?? null,
    row.availability?.availability ?? null,
    row.availability?.target ?? null,
    row.availability?.achievable ?? null,
    row.cost?.month ?? null,
    row.cost?.actual ?? null,
    row.cost?.budget ?? null,
    row.cost?.variance ?? null,
    row.cost?.currency ?? null,
    row.cost ? held.systems.get(row.entityRef)?.actual ?? null : null,
    row.cost ? held.heldBy.get(row.entityRef) ?? null : null,
    row.capacity?.status ?? null,
    row.capacity?.resource ?? null,
    row.capacity?.daysToCritical ?? null,
    row.continuity?.status ?? null,
    row.continuity ? row.continuity.testOverdue : null,
    row.problems,
    row.findings.critical,
    row.findings.high,
    row.findings.medium,
    row.findings.low,
  ];
}

/**
 * GET /v1/overview, /v1/overview.csv and /v1/findings: the precomputed rows' summaries filtered,
 * searched, sorted and paged in memory, with KPIs, facets, charts and roll-ups over what is
 * filtered; the whole rows and findings of the page read for it (or, with `detail=summary`, the
 * page's summaries as they are).
 */
export function registerOverviewRoutes(
  router: Router,
  context: RouteContext,
  overview: OverviewReader,
) {
  router.get('/v1/overview', async (req, res) => {
    const query = parseOverviewQuery(req.query, { detail: true });
    const { data, costVisible, scope } = await readOverview({
      req,
      context,
      overview,
      period: query.period,
    });
    const selection = selectOverview(data, query, { costVisible });
    const page = selection
      .sorted(query.sort, query.order)
      .slice(query.offset, query.offset + query.limit);
    const body: OverviewResponse | OverviewSummaryResponse = {
      total: selection.rows.length,
      offset: query.offset,
      limit: query.limit,
      // the summaries are already as the caller may see them (visibleOverview)
      rows: withSystemCosts(
        data,
        query.detail === 'summary'
          ? page
          : await visiblePage(data, page, scope),
      ),
      ...selection.aggregates(),
      computedAt:
        data.computedAt === null
          ? null
          : new Date(data.computedAt).toISOString(),
      costVisible,
    };
    res.json(body);
  });

  router.get('/v1/overview.csv', async (req, res) => {
    const query = parseOverviewQuery(req.query, { everyRow: true });
    const { data, costVisible } = await readOverview({
      req,
      context,
      overview,
      period: query.period,
    });
    const sorted = selectOverview(data, query, { costVisible }).sorted(
      query.sort,
      query.order,
    );
    const held = heldBudgets(data);
    res
      .type('text/csv; charset=utf-8')
      .attachment(
        `service-delivery-overview${
          query.period ? `-${query.period}` : ''
        }.csv`,
      )
      .send(
        toCsv(
          CSV_HEADER,
          sorted
            .slice(query.offset, query.offset + query.limit)
            .map(row => csvRecord(row, held)),
        ),
      );
  });

  router.get('/v1/findings', async (req, res) => {
    const query = parseFindingsQuery(req.query);
    const { data, costVisible, scope } = await readOverview({
      req,
      context,
      overview,
      period: query.period,
    });
    const findings = selectOverview(data, query, { costVisible }).findings(
      query,
    );
    const body: FindingsResponse & { offset: number; limit: number } = {
      total: findings.length,
      offset: query.offset,
      limit: query.limit,
      findings: await visibleFindingsPage(
        data,
        findings.slice(query.offset, query.offset + query.limit),
        scope,
      ),
    };
    res.json(body);
  });
}
