import {
  Finding,
  OverviewRow,
  countFindings,
  dependencyBurnRefs,
} from '@service-delivery/plugin-service-delivery-common';
import { CallerScope } from '../service/callerScope';
import { OverviewData } from './OverviewCache';

/*
 * The precomputed overview is shared by every caller; each sees it through their CallerScope. The
 * copy one scope sees is made once per copy of the overview and kept with both (a refresh makes a
 * new copy; a caller's next scope a new view), so that paging and sorting filter nothing again.
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
 * Only the rows the caller may read, cost figures and cost findings only where they may read the
 * entity's cost, and no limiting dependency they may not read named in a row or a finding.
 */
function restrict(data: OverviewData, scope: CallerScope): OverviewData {
  const limitsHidden = new Set<string>();
  for (const row of data.rows) {
    const limits = row.availability?.limitingDependencies ?? [];
    if (scope.canRead(row.entityRef) && limits.some(r => !scope.canRead(r))) {
      limitsHidden.add(row.entityRef);
    }
  }
  const findingsByRef = new Map<string, Finding[]>();
  const findings = data.findings.flatMap(finding => {
    const ref = finding.entityRef;
    if (!scope.canRead(ref)) return [];
    if (finding.discipline === 'cost' && !scope.canReadCost(ref)) return [];
    if (finding.mentions?.some(other => !scope.canRead(other))) return [];
    const kept = limitsHidden.has(ref) ? withoutLimits(finding) : finding;
    const list = findingsByRef.get(ref);
    if (list) list.push(kept);
    else findingsByRef.set(ref, [kept]);
    return [kept];
  });
  const rows: OverviewRow[] = [];
  for (const row of data.rows) {
    if (!scope.canRead(row.entityRef)) continue;
    let visible = row;
    if (!scope.canReadCost(row.entityRef)) {
      visible = {
        ...visible,
        cost: null,
        findings: countFindings(findingsByRef.get(row.entityRef) ?? []),
      };
    }
    if (burnsHidden(row, scope)) {
      visible = {
        ...visible,
        serviceLevel: withoutHiddenBurns(visible, scope),
      };
    }
    if (limitsHidden.has(row.entityRef)) {
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
    rows.push(visible);
  }
  return { ...data, rows, findings };
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
