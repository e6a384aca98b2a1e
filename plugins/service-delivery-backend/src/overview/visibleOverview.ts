import {
  Finding,
  FindingSummary,
  OverviewRow,
  OverviewRowSummary,
  countFindings,
  dependencyBurnRefs,
  budgetHoldingOf,
  sharedServices,
} from '@service-delivery/plugin-service-delivery-common';
import { CallerScope } from '../service/callerScope';
import { OverviewData, OverviewDetail } from './OverviewCache';

/*
 * The precomputed overview is shared by every caller; each sees it through their CallerScope. The
 * summaries one scope sees are made once per copy of the overview and kept with both (a refresh
 * makes a new copy; a caller's next scope a new view), so that paging and sorting filter nothing
 * again. The whole rows and findings of a page are seen through the same scope as they are read.
 */

const withoutCostByData = new WeakMap<OverviewData, OverviewData>();
const viewsByData = new WeakMap<
  OverviewData,
  WeakMap<CallerScope, OverviewData>
>();

/** The overview as one caller may see it. */
export function visibleOverview(
  data: OverviewData,
  scope: CallerScope,
): OverviewData {
  // the allow-all path: nothing copied, and every such caller shares one set of selections
  if (scope.seesEverything) return data;
  if (scope.readable === 'all' && !scope.costVisible) {
    // everything but cost: one copy shared by every such caller
    let stripped = withoutCostByData.get(data);
    if (!stripped) {
      stripped = restrict(data, scope);
      withoutCostByData.set(data, stripped);
    }
    return stripped;
  }
  let views = viewsByData.get(data);
  if (!views) {
    views = new WeakMap();
    viewsByData.set(data, views);
  }
  let view = views.get(scope);
  if (!view) {
    view = restrict(data, scope);
    views.set(scope, view);
  }
  return view;
}

/**
 * Whether the caller may see a finding: of an entity they may read, about cost only where they may
 * read its cost (and that of every entity whose cost it counts), naming no entity they may not read.
 */
function findingVisible(finding: FindingSummary, scope: CallerScope): boolean {
  const ref = finding.entityRef;
  if (!scope.canRead(ref)) return false;
  if (finding.discipline === 'cost' && !scope.canReadCost(ref)) return false;
  if (finding.costOf?.some(other => !scope.canReadCost(other))) return false;
  return !finding.mentions?.some(other => !scope.canRead(other));
}

/** Only the rows the caller may read, and cost figures and findings only where they may read cost. */
function restrict(data: OverviewData, scope: CallerScope): OverviewData {
  const findingsByRef = new Map<string, FindingSummary[]>();
  // rows with a finding the caller may not see: their counts are made again
  const withHidden = new Set<string>();
  const findings = data.findings.filter(finding => {
    if (!findingVisible(finding, scope)) {
      withHidden.add(finding.entityRef);
      return false;
    }
    const list = findingsByRef.get(finding.entityRef);
    if (list) list.push(finding);
    else findingsByRef.set(finding.entityRef, [finding]);
    return true;
  });
  const rows: OverviewRowSummary[] = [];
  for (const row of data.rows) {
    if (!scope.canRead(row.entityRef)) continue;
    let visible = row;
    if (withHidden.has(row.entityRef)) {
      visible = {
        ...visible,
        findings: countFindings(findingsByRef.get(row.entityRef) ?? []),
      };
    }
    if (!scope.canReadCost(row.entityRef)) visible = { ...visible, cost: null };
    rows.push(visible);
  }
  return { ...data, rows, findings };
}

/**
 * The whole rows of a page of summaries, as the caller may see them: besides what the summaries
 * leave out for them, no limiting dependency and no dependency a breach's budget burned on that
 * they may not read. A row removed since the summaries were read is left out.
 */
export async function visiblePage(
  data: OverviewData,
  page: readonly OverviewRowSummary[],
  scope: CallerScope,
): Promise<OverviewRow[]> {
  const details = await data.details(page.map(row => row.entityRef));
  return page.flatMap(summary => {
    const detail = details.get(summary.entityRef);
    return detail && scope.canRead(summary.entityRef)
      ? [visibleRow(detail, scope)]
      : [];
  });
}

/**
 * The whole findings of a page of finding summaries, as the caller may see them: an unachievable
 * target's finding does not name what limits it when the caller may not read all of that. A finding
 * gone since the summaries were read is left out.
 */
export async function visibleFindingsPage(
  data: OverviewData,
  page: readonly FindingSummary[],
  scope: CallerScope,
): Promise<Finding[]> {
  const details = await data.details([...new Set(page.map(f => f.entityRef))]);
  return page.flatMap(summary => {
    const detail = details.get(summary.entityRef);
    const finding = detail?.findings.find(f => f.id === summary.id);
    if (!detail || !finding || !findingVisible(finding, scope)) return [];
    return [limitsHidden(detail.row, scope) ? withoutLimits(finding) : finding];
  });
}

function visibleRow(detail: OverviewDetail, scope: CallerScope): OverviewRow {
  const { row } = detail;
  if (scope.seesEverything) return row;
  let visible = row;
  const shown = detail.findings.filter(finding =>
    findingVisible(finding, scope),
  );
  if (shown.length < detail.findings.length) {
    visible = { ...visible, findings: countFindings(shown) };
  }
  if (!scope.canReadCost(row.entityRef)) visible = { ...visible, cost: null };
  if (burnsHidden(row, scope)) {
    visible = {
      ...visible,
      serviceLevel: withoutHiddenBurns(visible, scope),
    };
  }
  if (limitsHidden(row, scope)) {
    visible = {
      ...visible,
      availability: {
        ...row.availability!,
        limitingDependencies: row.availability!.limitingDependencies.filter(
          ref => scope.canRead(ref),
        ),
      },
    };
  }
  return visible;
}

/** Whether a row names, as what limits its ceiling, an entity the caller may not read. */
function limitsHidden(row: OverviewRow, scope: CallerScope): boolean {
  return (row.availability?.limitingDependencies ?? []).some(
    ref => !scope.canRead(ref),
  );
}

/** Whether a row names, as where a breach's budget burned, an entity the caller may not read. */
function burnsHidden(row: OverviewRow, scope: CallerScope): boolean {
  return (row.serviceLevel?.agreements ?? []).some(agreement =>
    agreement.objectives.some(objective =>
      dependencyBurnRefs(objective.dependencyBurn).some(
        ref => !scope.canRead(ref),
      ),
    ),
  );
}

function withoutHiddenBurns(
  row: OverviewRow,
  scope: CallerScope,
): OverviewRow['serviceLevel'] {
  const serviceLevel = row.serviceLevel!;
  return {
    ...serviceLevel,
    agreements: serviceLevel.agreements.map(agreement => ({
      ...agreement,
      objectives: agreement.objectives.map(objective => {
        if (
          dependencyBurnRefs(objective.dependencyBurn).every(ref =>
            scope.canRead(ref),
          )
        ) {
          return objective;
        }
        const { dependencyBurn: _hidden, ...kept } = objective;
        return kept;
      }),
    })),
  };
}

/** An unachievable-target finding without the names of what limits it (some may not be read). */
function withoutLimits(finding: Finding): Finding {
  if (
    finding.discipline !== 'availability' ||
    finding.subject !== 'composite'
  ) {
    return finding;
  }
  return {
    ...finding,
    message: finding.message.replace(/ \(limited most by [^)]*\)/, ''),
  };
}

/** Over every row of a caller's overview: each system's cost with its parts', and whose budget holds a row's. */
type HeldBudgets = ReturnType<typeof budgetHoldingOf>;

const heldBudgetsByData = new WeakMap<OverviewData, HeldBudgets>();

/**
 * How budgets hold one another among every row of the caller's overview (not only the filtered
 * ones), so that a row reads the same whatever the filter. Made once per caller's copy of the
 * overview.
 */
export function heldBudgets(data: OverviewData): HeldBudgets {
  let held = heldBudgetsByData.get(data);
  if (!held) {
    held = budgetHoldingOf(data.rows);
    heldBudgetsByData.set(data, held);
  }
  return held;
}

const sharedByRows = new WeakMap<
  readonly OverviewRowSummary[],
  ReadonlySet<string>
>();

/**
 * The services of a copy of the overview (as one caller sees it) that another service depends on,
 * worked out once per copy: it reads every dependency of every row, which a portfolio's cost
 * coverage would otherwise do on each load.
 */
export function sharedServicesOf(data: OverviewData): ReadonlySet<string> {
  let shared = sharedByRows.get(data.rows);
  if (!shared) {
    shared = sharedServices(data.rows);
    sharedByRows.set(data.rows, shared);
  }
  return shared;
}

/** A page's rows with, on each system whose budget holds its parts', its cost with theirs. */
export function withSystemCosts<T extends OverviewRowSummary>(
  data: OverviewData,
  page: T[],
): T[] {
  const holdsParts = (row: T) =>
    row.system === row.entityRef &&
    row.cost !== null &&
    row.cost.budget !== null;
  if (!page.some(holdsParts)) return page;
  const { systems } = heldBudgets(data);
  return page.map(row => {
    const withParts = row.cost ? systems.get(row.entityRef) : undefined;
    return withParts ? { ...row, cost: { ...row.cost!, withParts } } : row;
  });
}
