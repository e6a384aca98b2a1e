import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Finding,
  FindingsResponse,
  OverviewResponse,
  OverviewRow,
  countFindings,
  serviceDeliveryCostReadPermission,
} from '@service-delivery/plugin-service-delivery-common';
import { Request, Router } from 'express';
import { toCsv } from '../../overview/csv';
import { OverviewData } from '../../overview/OverviewCache';
import {
  filterFindings,
  parseFindingsQuery,
  parseOverviewQuery,
} from '../../overview/overviewQuery';
import { selectOverview } from '../../overview/overviewSelection';
import { RouteContext, checkedPeriod } from '../RouteContext';

/** Where the org-wide routes read the precomputed overview. */
export interface OverviewReader {
  current(): Promise<OverviewData>;
  forPeriod(period: string): Promise<OverviewData>;
}

/** The overview as one caller may see it: without cost figures unless they may read cost. */
export type VisibleOverview = {
  data: OverviewData;
  costVisible: boolean;
  credentials: BackstageCredentials;
};

/**
 * Reads the overview for a request: the precomputed rows, or those of the period asked for; cost
 * columns and cost findings are taken out for callers without the cost-read permission.
 */
export async function readOverview(options: {
  req: Request;
  context: RouteContext;
  overview: OverviewReader;
  period?: string;
}): Promise<VisibleOverview> {
  const { req, context, overview, period } = options;
  const credentials = await context.httpAuth.credentials(req);
  const [decision] = await context.permissions.authorizeConditional(
    [{ permission: serviceDeliveryCostReadPermission }],
    { credentials },
  );
  const costVisible = decision.result === AuthorizeResult.ALLOW;
  let data: OverviewData;
  if (period) {
    // a malformed period is answered before anything is computed
    checkedPeriod(period, context.now());
    data = await overview.forPeriod(period);
  } else {
    data = await overview.current();
  }
  return {
    data: costVisible ? data : withoutCost(data),
    costVisible,
    credentials,
  };
}

const withoutCostByData = new WeakMap<OverviewData, OverviewData>();

/** The copy without cost, made once per copy of the overview. */
function withoutCost(data: OverviewData): OverviewData {
  let stripped = withoutCostByData.get(data);
  if (!stripped) {
    stripped = stripCost(data);
    withoutCostByData.set(data, stripped);
  }
  return stripped;
}

function stripCost(data: OverviewData): OverviewData {
  const findings = data.findings.filter(f => f.discipline !== 'cost');
  const byRef = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byRef.get(finding.entityRef) ?? [];
    list.push(finding);
    byRef.set(finding.entityRef, list);
  }
  return {
    ...data,
    findings,
    rows: data.rows.map(
      (row): OverviewRow => ({
        ...row,
        cost: null,
        findings: countFindings(byRef.get(row.entityRef) ?? []),
      }),
    ),
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
  'availability',
  'availabilityTarget',
  'achievableAvailability',
  'costMonth',
  'cost',
  'budget',
  'variance',
  'currency',
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

function csvRecord(row: OverviewRow) {
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
    row.availability?.availability ?? null,
    row.availability?.target ?? null,
    row.availability?.achievable ?? null,
    row.cost?.month ?? null,
    row.cost?.actual ?? null,
    row.cost?.budget ?? null,
    row.cost?.variance ?? null,
    row.cost?.currency ?? null,
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
 * GET /v1/overview, /v1/overview.csv and /v1/findings: the precomputed rows filtered, searched,
 * sorted and paged in memory, with KPIs, facets, charts and roll-ups over what is filtered.
 */
export function registerOverviewRoutes(
  router: Router,
  context: RouteContext,
  overview: OverviewReader,
) {
  router.get('/v1/overview', async (req, res) => {
    const query = parseOverviewQuery(req.query);
    const { data, costVisible } = await readOverview({
      req,
      context,
      overview,
      period: query.period,
    });
    const selection = selectOverview(data, query, { costVisible });
    const body: OverviewResponse = {
      total: selection.rows.length,
      offset: query.offset,
      limit: query.limit,
      rows: selection
        .sorted(query.sort, query.order)
        .slice(query.offset, query.offset + query.limit),
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
          sorted.slice(query.offset, query.offset + query.limit).map(csvRecord),
        ),
      );
  });

  router.get('/v1/findings', async (req, res) => {
    const query = parseFindingsQuery(req.query);
    const { data, costVisible } = await readOverview({
      req,
      context,
      overview,
      period: query.period,
    });
    const findings = filterFindings(
      data.findings,
      selectOverview(data, query, { costVisible }).rows,
      query,
    );
    const body: FindingsResponse & { offset: number; limit: number } = {
      total: findings.length,
      offset: query.offset,
      limit: query.limit,
      findings: findings.slice(query.offset, query.offset + query.limit),
    };
    res.json(body);
  });
}
