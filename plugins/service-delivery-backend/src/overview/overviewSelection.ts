import {
  FindingSummary,
  OverviewCharts,
  OverviewFacets,
  OverviewKpis,
  OverviewRowSummary,
  PortfolioRollup,
  overviewCharts,
  overviewKpis,
  portfolioRollup,
} from '@service-delivery/plugin-service-delivery-common';
import { OverviewData } from './OverviewCache';
import {
  FindingsQuery,
  OverviewFilter,
  filterFindings,
  filterRows,
  overviewFacets,
  sortRows,
} from './overviewQuery';

/** What the overview says about the services a filter selects, whatever page is shown. */
export type OverviewAggregates = {
  kpis: OverviewKpis;
  facets: OverviewFacets;
  charts: OverviewCharts;
  rollup: PortfolioRollup;
};

/** One filter's services: the rows, each order asked for so far, and the aggregates. */
export class OverviewSelection {
  private readonly orders = new Map<string, OverviewRowSummary[]>();
  private aggregatesOf?: OverviewAggregates;
  private readonly findingsBy = new Map<string, FindingSummary[]>();

  constructor(
    private readonly data: OverviewData,
    private readonly filter: OverviewFilter,
    private readonly costVisible: boolean,
    readonly rows: OverviewRowSummary[],
  ) {}

  sorted(sort: string, order: 'asc' | 'desc'): OverviewRowSummary[] {
    const key = `${sort} ${order}`;
    let sorted = this.orders.get(key);
    if (!sorted) {
      sorted = sortRows(this.rows, sort, order);
      this.orders.set(key, sorted);
    }
    return sorted;
  }

  /** The findings of these services of a severity and discipline, most severe first. */
  findings(
    query: Pick<FindingsQuery, 'severity' | 'discipline'>,
  ): FindingSummary[] {
    const key = JSON.stringify([
      [...query.severity].sort(),
      [...query.discipline].sort(),
    ]);
    let findings = this.findingsBy.get(key);
    if (!findings) {
      findings = filterFindings(this.data.findings, this.rows, query);
      this.findingsBy.set(key, findings);
    }
    return findings;
  }

  aggregates(): OverviewAggregates {
    this.aggregatesOf ??= {
      kpis: overviewKpis(this.rows, { costVisible: this.costVisible }),
      facets: overviewFacets(this.data.rows, this.filter),
      charts: overviewCharts(this.rows, { costVisible: this.costVisible }),
      rollup: portfolioRollup(this.rows, {
        costVisible: this.costVisible,
        allRows: this.data.rows,
      }),
    };
    return this.aggregatesOf;
  }
}

/** Filters kept per copy of the overview: people page and sort through the same few selections. */
const SELECTIONS_KEPT = 64;

const selectionsByData = new WeakMap<
  OverviewData,
  Map<string, OverviewSelection>
>();

function filterKey(filter: OverviewFilter): string {
  const { owner, system, domain, tier, lifecycle, status, policy, kind, q } =
    filter;
  return JSON.stringify([
    [...owner].sort(),
    [...system].sort(),
    [...domain].sort(),
    [...tier].sort(),
    [...lifecycle].sort(),
    [...status].sort(),
    [...policy].sort(),
    [...kind].sort(),
    q?.toLocaleLowerCase('en-US') ?? null,
  ]);
}

/**
 * The services of one copy of the overview that pass a filter. The copy never changes once read
 * (a refresh makes a new one), so each filter is worked out once per copy: its sorted orders and its
 * KPIs, facets, charts and roll-ups are kept with the copy, for the most recent filters.
 */
export function selectOverview(
  data: OverviewData,
  filter: OverviewFilter,
  options: { costVisible: boolean },
): OverviewSelection {
  let selections = selectionsByData.get(data);
  if (!selections) {
    selections = new Map();
    selectionsByData.set(data, selections);
  }
  const key = `${options.costVisible} ${filterKey(filter)}`;
  let selection = selections.get(key);
  if (selection) {
    // most recently used last
    selections.delete(key);
  } else {
    selection = new OverviewSelection(
      data,
      filter,
      options.costVisible,
      filterRows(data.rows, filter),
    );
    while (selections.size >= SELECTIONS_KEPT) {
      selections.delete(selections.keys().next().value!);
    }
  }
  selections.set(key, selection);
  return selection;
}
