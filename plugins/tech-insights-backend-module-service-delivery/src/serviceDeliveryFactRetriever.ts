import { ResponseError } from '@backstage/errors';
import {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type {
  OverviewRowSummary,
  OverviewSummaryResponse,
} from '@service-delivery/plugin-service-delivery-common';
import { serviceDeliveryEntityKinds } from '@service-delivery/plugin-service-delivery-common';
import { DateTime } from 'luxon';

/**
 * The id the retriever registers under; its schedule is configured at
 * `techInsights.factRetrievers.serviceDeliveryFactRetriever`.
 *
 * @public
 */
export const SERVICE_DELIVERY_FACT_RETRIEVER_ID =
  'serviceDeliveryFactRetriever';

/** The overview's largest page. */
const PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

/** The backend's routes, called with the retriever's own service credentials. */
class ServiceDeliveryReader {
  static async create(ctx: FactRetrieverContext) {
    const baseUrl = await ctx.discovery.getBaseUrl('service-delivery');
    return new ServiceDeliveryReader(ctx, `${baseUrl}/v1`);
  }

  private constructor(
    private readonly ctx: FactRetrieverContext,
    private readonly baseUrl: string,
  ) {}

  /**
   * Every row's summary, which holds every figure a fact is made of: the backend answers these
   * from memory, where whole rows are read from its database (and are larger: 3,000 against
   * 1,777 bytes a row in the demo).
   */
  async overviewRows(): Promise<OverviewRowSummary[]> {
    const rows: OverviewRowSummary[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await this.get<OverviewSummaryResponse>(
        `overview?detail=summary&sort=name&order=asc&offset=${offset}&limit=${PAGE_SIZE}`,
      );
      rows.push(...page.rows);
      if (page.rows.length < PAGE_SIZE || rows.length >= page.total) {
        return rows;
      }
    }
  }

  private async get<T>(path: string): Promise<T> {
    const { token } = await this.ctx.auth.getPluginRequestToken({
      onBehalfOf: await this.ctx.auth.getOwnServiceCredentials(),
      targetPluginId: 'service-delivery',
    });
    const response = await fetch(`${this.baseUrl}/${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}

const FACT_SCHEMA = {
  tier: {
    type: 'string',
    description: 'The service tier declared in spec.serviceDelivery.tier',
  },
  slaStatus: {
    type: 'string',
    description:
      'The worst agreement status this period: met, at-risk, breached or no-data',
  },
  worstAgreement: {
    type: 'string',
    description: 'The agreement with that status',
  },
  errorBudgetLeftPercent: {
    type: 'float',
    description:
      'The lowest error budget left among all objectives this period, percent (negative once overspent)',
  },
  drTestAgeDays: {
    type: 'integer',
    description: 'Whole days since the last DR test',
  },
  drTestMaxAgeDays: {
    type: 'float',
    description:
      "The longest a DR test may be apart: the tier policy's interval, else the declared one, in days",
  },
  drTestWithinPolicy: {
    type: 'boolean',
    description:
      'Whether the last DR test is at most drTestMaxAgeDays old (false when never tested)',
  },
  drTestOverdue: {
    type: 'boolean',
    description:
      'Whether a DR test is overdue by the interval in force (the declared one where declared)',
  },
  budgetVariancePercent: {
    type: 'float',
    description:
      'Cost against budget in the last complete month, percent of budget (positive is over budget)',
  },
  budgetVarianceMonth: {
    type: 'string',
    description: 'The month of budgetVariancePercent, YYYY-MM',
  },
  capacityStatus: {
    type: 'string',
    description: 'The worst capacity status: ok, warning, critical or no-data',
  },
  daysToCriticalCapacity: {
    type: 'integer',
    description:
      'Days until the first resource crosses its critical level at the current trend (0 when already critical)',
  },
} as const;

/**
 * The facts each service publishes. Each is left out where the service has no such figure (an
 * undeclared part, no data yet, or no permission to read costs).
 *
 * @public
 */
export const serviceDeliveryFactSchema: FactRetriever['schema'] = FACT_SCHEMA;

type FactName = keyof typeof FACT_SCHEMA;
type FactValues = Partial<Record<FactName, string | number | boolean>>;

/**
 * Reads the Service Delivery backend's figures and publishes them per entity: the overview gives
 * the headlines of every service in one paged read (a request per service would be tens of
 * thousands of requests each run in a large catalog).
 *
 * @public
 */
export function createServiceDeliveryFactRetriever(
  options: { now?: () => number } = {},
): FactRetriever {
  const now = options.now ?? Date.now;
  return {
    id: SERVICE_DELIVERY_FACT_RETRIEVER_ID,
    version: '0.1.0',
    title: 'Service Delivery',
    description:
      'Service level status, error budget, DR test age against policy, budget variance and capacity runway, as the Service Delivery backend computes them',
    entityFilter: [
      {
        kind: serviceDeliveryEntityKinds.map(k => k.toLocaleLowerCase('en-US')),
      },
    ],
    schema: serviceDeliveryFactSchema,
    async handler(ctx) {
      const client = await ServiceDeliveryReader.create(ctx);
      const rows = await client.overviewRows();
      const at = now();
      // Stamped here, not left to the database's default: on SQLite that default is written
      // 'YYYY-MM-DD HH:MM:SS', which Tech Insights compares as text with the ISO instant a
      // `timeToLive` lifecycle expires at, so every fact of the day was deleted as it was stored.
      const timestamp = DateTime.fromMillis(at);
      const facts = rows.map(
        (row): TechInsightFact => ({
          entity: { kind: row.kind, namespace: row.namespace, name: row.name },
          facts: factsOf(row, at),
          timestamp,
        }),
      );
      ctx.logger.info(
        `Service Delivery facts: published facts of ${facts.length} services`,
      );
      return facts;
    },
  };
}

/** The facts of one service from its overview row's summary. */
export function factsOf(row: OverviewRowSummary, nowMs: number): FactValues {
  const facts: FactValues = {};
  const put = (name: FactName, value: string | number | boolean | null) => {
    if (value !== null && value !== undefined) facts[name] = value;
  };
  put('tier', row.tier);

  const level = row.serviceLevel;
  if (level) {
    put('slaStatus', level.status);
    put('worstAgreement', level.worstAgreement);
    if (level.budgetRemainingShare !== null) {
      put('errorBudgetLeftPercent', round(level.budgetRemainingShare * 100));
    }
  }

  const continuity = row.continuity;
  if (continuity) {
    const lastAt = continuity.lastTest ? Date.parse(continuity.lastTest) : null;
    const maxSeconds = continuity.testEvery ?? null;
    if (lastAt !== null) {
      put('drTestAgeDays', Math.floor((nowMs - lastAt) / DAY_MS));
    }
    if (maxSeconds !== null) {
      put('drTestMaxAgeDays', round(maxSeconds / 86_400));
      put(
        'drTestWithinPolicy',
        lastAt !== null && nowMs - lastAt <= maxSeconds * 1000,
      );
    }
    put('drTestOverdue', continuity.testOverdue);
  }

  // a system whose budget holds its parts' is measured with their cost, as its Cost tab is
  const lastMonth = row.cost?.withParts
    ? row.cost.withParts.lastMonth
    : row.cost?.lastMonth;
  if (
    lastMonth &&
    lastMonth.variance !== null &&
    lastMonth.budget !== null &&
    lastMonth.budget > 0
  ) {
    put(
      'budgetVariancePercent',
      round((lastMonth.variance / lastMonth.budget) * 100),
    );
    put('budgetVarianceMonth', lastMonth.month);
  }

  if (row.capacity) {
    put('capacityStatus', row.capacity.status);
    const days = row.capacity.daysToCritical;
    // the headline may carry a fraction of a day; the fact counts whole days left
    put('daysToCriticalCapacity', days === null ? null : Math.floor(days));
  }
  return facts;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
