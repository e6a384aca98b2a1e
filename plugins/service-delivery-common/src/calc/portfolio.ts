import { Status } from '../api';
import {
  CapacityHeadlineStatus,
  CostWithParts,
  ContinuityHeadlineStatus,
  OverviewCharts,
  OverviewKpis,
  OverviewRowSummary,
  PortfolioRollup,
  SystemRollup,
} from '../overview';
import { CompositeNode, compositeAvailability } from './composite';
import { BudgetHolding, budgetHolders, fromCents, toCents } from './cost';
import { agreementStatus } from './errorBudget';
import {
  CAPACITY_CRITICAL_SOON_DAYS,
  CAPACITY_TRENDING_DAYS,
  emptyFindingCounts,
} from './findings';

/*
 * Figures over many services: the overview's KPIs and charts, and a portfolio's roll-ups. Each reads
 * the rows' headlines, which the disciplines computed.
 */

/** @public */
export const STATUSES: readonly Status[] = [
  'breached',
  'at-risk',
  'met',
  'no-data',
];

const CAPACITY_RANK: Record<CapacityHeadlineStatus, number> = {
  'no-data': 0,
  ok: 1,
  warning: 2,
  critical: 3,
};

const CONTINUITY_RANK: Record<ContinuityHeadlineStatus, number> = {
  pass: 0,
  warn: 1,
  fail: 2,
};

const STATUS_RANK: Record<Status, number> = {
  'no-data': 0,
  met: 1,
  'at-risk': 2,
  breached: 3,
};

/**
 * The worst status among the rows, how many rows have it, and the first of them by reference —
 * named only when that status needs attention.
 */
function worstOf<S extends string>(
  rows: readonly OverviewRowSummary[],
  statusOf: (row: OverviewRowSummary) => S | undefined,
  rank: Record<S, number>,
  needsAttention: (status: S) => boolean,
): { status: S | null; entityRef: string | null; count: number } {
  let status: S | null = null;
  let first: string | null = null;
  let count = 0;
  for (const row of rows) {
    const own = statusOf(row);
    if (own === undefined) continue;
    if (status === null || rank[own] > rank[status]) {
      status = own;
      first = row.entityRef;
      count = 1;
    } else if (own === status) {
      count += 1;
      if (row.entityRef.localeCompare(first!) < 0) first = row.entityRef;
    }
  }
  return {
    status,
    entityRef: status !== null && needsAttention(status) ? first : null,
    count: status === null ? 0 : count,
  };
}

/**
 * The service level status of a service: the worst of its agreements and its availability.
 *
 * @public
 */
export function serviceLevelStatus(
  row: Pick<OverviewRowSummary, 'serviceLevel' | 'availability'>,
): Status {
  return agreementStatus([
    row.serviceLevel?.status ?? 'no-data',
    row.availability?.status ?? 'no-data',
  ]);
}

/** @public */
export function worseCapacityStatus(
  a: CapacityHeadlineStatus,
  b: CapacityHeadlineStatus,
): CapacityHeadlineStatus {
  return CAPACITY_RANK[b] > CAPACITY_RANK[a] ? b : a;
}

/**
 * Whether a service's capacity needs attention: above warning, or critical within 14 days.
 *
 * @public
 */
export function isCapacityAtRisk(
  row: Pick<OverviewRowSummary, 'capacity'>,
): boolean {
  const capacity = row.capacity;
  if (!capacity) return false;
  return (
    capacity.status === 'warning' ||
    capacity.status === 'critical' ||
    (capacity.daysToCritical !== null &&
      capacity.daysToCritical <= CAPACITY_CRITICAL_SOON_DAYS)
  );
}

function countBy<T extends string>(values: T[], keys: readonly T[]) {
  const counts = Object.fromEntries(keys.map(key => [key, 0])) as Record<
    T,
    number
  >;
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** The rows with a cost or a budget this month. */
function costedRows(rows: readonly OverviewRowSummary[]) {
  return rows.flatMap(row =>
    row.cost && (row.cost.actual !== null || row.cost.budget !== null)
      ? [{ entityRef: row.entityRef, system: row.system, cost: row.cost }]
      : [],
  );
}

/**
 * Which rows' budgets are held by a system's among them (`budgetHolders`), and the cost in cents
 * each budget holds: its row's own and, for a system, its held parts'.
 */
function heldCosts(costed: ReturnType<typeof costedRows>) {
  const held = budgetHolders(
    costed.map(({ entityRef, system, cost }) => ({
      entityRef,
      system,
      currency: cost.currency,
      budget: cost.budget,
    })),
  );
  const holding = new Map<
    string,
    { cents: number; lastMonthCents: number; parts: number }
  >();
  for (const { entityRef, cost } of costed) {
    const holder = held.get(entityRef) ?? entityRef;
    const sum = holding.get(holder) ?? {
      cents: 0,
      lastMonthCents: 0,
      parts: 0,
    };
    sum.cents += toCents(cost.actual ?? 0);
    sum.lastMonthCents += toCents(cost.lastMonth?.actual ?? 0);
    if (holder !== entityRef) sum.parts += 1;
    holding.set(holder, sum);
  }
  return { held, holding };
}

/**
 * How budgets hold one another among the rows: each row whose budget its system's holds
 * (`budgetHolders`), with that system, and each system whose budget holds some of theirs with its
 * own cost this month and its held parts', against its budget — the figure its Cost tab shows over
 * those parts, and what the totals count its budget against.
 *
 * @public
 */
export function budgetHoldingOf(rows: readonly OverviewRowSummary[]): {
  heldBy: Map<string, string>;
  systems: Map<string, CostWithParts>;
} {
  const costed = costedRows(rows);
  const { held, holding } = heldCosts(costed);
  const systems = new Map<string, CostWithParts>();
  for (const { entityRef, cost } of costed) {
    const sum = holding.get(entityRef);
    if (!sum || sum.parts === 0 || cost.budget === null) continue;
    const last = cost.lastMonth;
    systems.set(entityRef, {
      actual: fromCents(sum.cents),
      budget: cost.budget,
      variance: fromCents(sum.cents - toCents(cost.budget)),
      parts: sum.parts,
      lastMonth:
        last && last.budget !== null
          ? {
              month: last.month,
              actual: fromCents(sum.lastMonthCents),
              budget: last.budget,
              variance: fromCents(sum.lastMonthCents - toCents(last.budget)),
            }
          : null,
    });
  }
  return { heldBy: held, systems };
}

/**
 * Sums per currency, in cents. A service with a budget and no cost yet this month counts its budget
 * and an actual of 0, as the Cost tab's roll-ups do; rows with neither are left out. Every cost line
 * counts once and every budget once: a system's budget holds its parts' among the rows
 * (`budgetHolders`), and the variance is each budget's against the cost it holds — its own and, for
 * a system, its held parts'. `overBudget` counts the rows over their own budget, a system by that
 * cost.
 */
function costTotals(rows: readonly OverviewRowSummary[]) {
  const costed = costedRows(rows);
  const { held, holding } = heldCosts(costed);
  const totals = new Map<
    string,
    {
      currency: string;
      actual: number;
      budget: number;
      variance: number;
      overBudget: number;
    }
  >();
  for (const { entityRef, cost } of costed) {
    const total = totals.get(cost.currency) ?? {
      currency: cost.currency,
      actual: 0,
      budget: 0,
      variance: 0,
      overBudget: 0,
    };
    const actual = toCents(cost.actual ?? 0);
    total.actual += actual;
    if (cost.budget !== null) {
      const budget = toCents(cost.budget);
      const holds = held.has(entityRef)
        ? actual
        : holding.get(entityRef)!.cents;
      if (!held.has(entityRef)) {
        total.budget += budget;
        total.variance += holds - budget;
      }
      if (holds > budget) total.overBudget += 1;
    }
    totals.set(cost.currency, total);
  }
  return [...totals.values()]
    .map(total => ({
      ...total,
      actual: fromCents(total.actual),
      budget: fromCents(total.budget),
      variance: fromCents(total.variance),
    }))
    .sort((a, b) => a.currency.localeCompare(b.currency));
}

/**
 * One owner's cost and budget month by month, over rows in one currency: each budget counted once
 * (a system's holds its parts' in the months it has one). A month is complete unless it is a row's
 * own month, the one under way when the row was computed.
 */
function ownerMonths(rows: readonly OverviewRowSummary[]) {
  const months = new Map<
    string,
    { actual: number; complete: boolean; entries: BudgetHolding[] }
  >();
  for (const row of rows) {
    for (const month of row.cost!.months) {
      const sum = months.get(month.month) ?? {
        actual: 0,
        complete: true,
        entries: [],
      };
      sum.actual += toCents(month.actual);
      sum.entries.push({
        entityRef: row.entityRef,
        system: row.system,
        currency: row.cost!.currency,
        budget: month.budget,
      });
      if (month.month >= row.cost!.month) sum.complete = false;
      months.set(month.month, sum);
    }
  }
  return [...months.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, sum]) => {
      const held = budgetHolders(sum.entries);
      const budget = sum.entries.reduce(
        (cents, entry) =>
          entry.budget === null || held.has(entry.entityRef)
            ? cents
            : cents + toCents(entry.budget),
        0,
      );
      return {
        month,
        actual: fromCents(sum.actual),
        budget: fromCents(budget),
        complete: sum.complete,
      };
    });
}

/**
 * The overview's headline figures. `meetingSlas` is the share of services with data whose status is
 * met. Cost totals (per currency; budget and variance over the services that have a budget, each
 * budget once: a system's holds its parts') are null when the caller may not see cost.
 *
 * @public
 */
export function overviewKpis(
  rows: readonly OverviewRowSummary[],
  options: { costVisible: boolean },
): OverviewKpis {
  const byStatus = countBy(
    rows.map(row => row.status),
    STATUSES,
  );
  const measured = byStatus.met + byStatus['at-risk'] + byStatus.breached;
  const findings = emptyFindingCounts();
  for (const row of rows) {
    for (const severity of Object.keys(findings) as Array<
      keyof typeof findings
    >) {
      findings[severity] += row.findings[severity];
    }
  }
  return {
    services: rows.length,
    byStatus,
    meetingSlas: measured > 0 ? byStatus.met / measured : null,
    cost: options.costVisible
      ? costTotals(rows).map(total => ({ ...total }))
      : null,
    capacityAtRisk: rows.filter(isCapacityAtRisk).length,
    capacityCritical: rows.filter(row => row.capacity?.status === 'critical')
      .length,
    drTestsOverdue: rows.filter(row => row.continuity?.testOverdue).length,
    continuityFailing: rows.filter(row => row.continuity?.status === 'fail')
      .length,
    metadataProblems: rows.filter(row => row.problems > 0).length,
    findings,
  };
}

/**
 * What the overview's charts show, at most `limit` entries each: services by status, the services
 * furthest below their availability target, cost against budget per month of the biggest-spending
 * owners, and the resources that reach critical soonest (above warning, or within 60 days).
 *
 * @public
 */
export function overviewCharts(
  rows: readonly OverviewRowSummary[],
  options: { costVisible: boolean; limit?: number },
): OverviewCharts {
  const limit = options.limit ?? 12;
  const byStatus = countBy(
    rows.map(row => row.status),
    STATUSES,
  );

  const availabilityAgainstTarget = rows
    .flatMap(row =>
      row.availability &&
      row.availability.availability !== null &&
      row.availability.target !== null
        ? [
            {
              entityRef: row.entityRef,
              name: row.name,
              availability: row.availability.availability,
              target: row.availability.target,
              margin: row.availability.availability - row.availability.target,
            },
          ]
        : [],
    )
    .sort(
      (a, b) => a.margin - b.margin || a.entityRef.localeCompare(b.entityRef),
    )
    .slice(0, limit);

  let costByOwner: OverviewCharts['costByOwner'] = null;
  if (options.costVisible) {
    const owners = new Map<
      string,
      { owner: string; currency: string; rows: OverviewRowSummary[] }
    >();
    for (const row of rows) {
      if (!row.cost) continue;
      const owner = row.owner ?? 'unowned';
      const key = `${owner}|${row.cost.currency}`;
      const entry = owners.get(key) ?? {
        owner,
        currency: row.cost.currency,
        rows: [],
      };
      entry.rows.push(row);
      owners.set(key, entry);
    }
    const lines = [...owners.values()].map(entry => ({
      owner: entry.owner,
      currency: entry.currency,
      months: ownerMonths(entry.rows),
    }));
    const spend = (line: (typeof lines)[number]) =>
      line.months.reduce((sum, m) => sum + m.actual, 0);
    costByOwner = lines
      .sort((a, b) => spend(b) - spend(a) || a.owner.localeCompare(b.owner))
      .slice(0, limit);
  }

  const resources = rows.flatMap(row =>
    (row.capacity?.resources ?? []).map(resource => ({
      entityRef: row.entityRef,
      name: row.name,
      resource: resource.name,
      status: resource.status,
      utilisation: resource.utilisation,
      daysToCritical: resource.daysToCritical,
    })),
  );
  const soonest = resources
    .filter(
      r =>
        r.status === 'critical' ||
        r.status === 'warning' ||
        (r.daysToCritical !== null &&
          r.daysToCritical <= CAPACITY_TRENDING_DAYS),
    )
    .sort(
      (a, b) =>
        CAPACITY_RANK[b.status] - CAPACITY_RANK[a.status] ||
        (a.daysToCritical ?? Infinity) - (b.daysToCritical ?? Infinity) ||
        a.entityRef.localeCompare(b.entityRef) ||
        a.resource.localeCompare(b.resource),
    )
    .slice(0, limit);
  const capacityByStatus = countBy(
    rows.filter(row => row.capacity).map(row => row.capacity!.status),
    ['critical', 'warning', 'ok', 'no-data'] as CapacityHeadlineStatus[],
  );

  return {
    byStatus: STATUSES.map(status => ({ status, count: byStatus[status] })),
    availabilityAgainstTarget,
    costByOwner,
    capacityRisk: {
      byStatus: (['critical', 'warning', 'ok', 'no-data'] as const).map(
        status => ({ status, count: capacityByStatus[status] }),
      ),
      soonest,
    },
  };
}

/**
 * A system's composite availability: the system is up when every member that no other member depends
 * on (its entry points) is up, each with its own dependencies, redundancy included. Each entity counts
 * with what it contributes to composites (measured with incidents, else agreed); entities without
 * figures count as 100 %. It is set against the strictest availability target among the members and
 * the system itself.
 *
 * @public
 */
export function systemRollup(
  system: string,
  members: readonly OverviewRowSummary[],
  graph: ReadonlyMap<string, CompositeNode>,
  systemRow?: OverviewRowSummary,
): SystemRollup {
  const parts = members.filter(row => row.entityRef !== system);
  const refs = new Set(parts.map(row => row.entityRef));
  const dependedOn = new Set<string>();
  for (const row of parts) {
    for (const dep of [...row.dependsOn, ...row.redundancy.flat()]) {
      if (refs.has(dep) && dep !== row.entityRef) dependedOn.add(dep);
    }
  }
  const entryPoints = parts
    .map(row => row.entityRef)
    .filter(ref => !dependedOn.has(ref));

  let strictestTarget: number | null = null;
  let strictestTargetOf: string | null = null;
  for (const row of systemRow ? [systemRow, ...parts] : parts) {
    const target = row.availability?.target ?? null;
    if (
      target !== null &&
      (strictestTarget === null || target > strictestTarget)
    ) {
      strictestTarget = target;
      strictestTargetOf = row.entityRef;
    }
  }

  if (parts.length === 0) {
    return {
      system,
      services: members.length,
      achievable: null,
      strictestTarget,
      strictestTargetOf,
      meetsTargets: null,
      limitingDependencies: [],
    };
  }

  // the part of the graph the members reach, and a root that needs every entry point
  const root = `${system}#members`;
  const rootNode = {
    dependsOn: entryPoints.length > 0 ? entryPoints : [...refs],
  };
  const reached = new Map<string, CompositeNode>([[root, rootNode]]);
  const pending = [...rootNode.dependsOn];
  while (pending.length > 0) {
    const ref = pending.pop()!;
    const node = graph.get(ref);
    if (!node || reached.has(ref)) continue;
    reached.set(ref, node);
    pending.push(
      ...(node.dependsOn ?? []),
      ...(node.redundancy ?? []).flatMap(group => group.anyOf),
    );
  }
  const composite = compositeAvailability(root, reached);
  return {
    system,
    services: members.length,
    achievable: composite.achievable,
    achievableBounds: composite.exact ? null : composite.bounds,
    strictestTarget,
    strictestTargetOf,
    meetsTargets:
      strictestTarget === null
        ? null
        : composite.achievable + 1e-9 >= strictestTarget,
    limitingDependencies: composite.limitingDependencies
      .slice(0, 5)
      .map(limit => limit.ref),
  };
}

/**
 * The composite graph of rows: each entity with what it contributes and its dependencies.
 *
 * @public
 */
export function compositeGraphOf(
  rows: readonly OverviewRowSummary[],
): Map<string, CompositeNode> {
  return new Map(
    rows.map(row => [
      row.entityRef,
      {
        availability: row.availability?.ownAvailability ?? null,
        dependsOn: row.dependsOn,
        redundancy: row.redundancy.map(anyOf => ({ anyOf })),
      },
    ]),
  );
}

/**
 * Roll-ups over a portfolio: cost and budget summed, the worst service level, capacity and continuity
 * status (and whose it is), and each system's composite availability; above `maxSystems` systems the
 * composites are left out.
 *
 * @public
 */
export function portfolioRollup(
  rows: readonly OverviewRowSummary[],
  options: {
    costVisible: boolean;
    /** every row, so that dependencies outside the portfolio count too */
    allRows: readonly OverviewRowSummary[];
    maxSystems?: number;
  },
): PortfolioRollup {
  const maxSystems = options.maxSystems ?? 50;
  const serviceLevel = worstOf(
    rows,
    row => row.status,
    STATUS_RANK,
    status => status === 'at-risk' || status === 'breached',
  );
  const capacity = worstOf(
    rows,
    row => row.capacity?.status,
    CAPACITY_RANK,
    status => status === 'warning' || status === 'critical',
  );
  const continuity = worstOf(
    rows,
    row => row.continuity?.status,
    CONTINUITY_RANK,
    status => status !== 'pass',
  );

  const bySystem = new Map<string, OverviewRowSummary[]>();
  for (const row of rows) {
    if (!row.system) continue;
    const members = bySystem.get(row.system) ?? [];
    members.push(row);
    bySystem.set(row.system, members);
  }
  const systems: SystemRollup[] = [];
  if (bySystem.size <= maxSystems) {
    const graph = compositeGraphOf(options.allRows);
    const rowByRef = new Map(options.allRows.map(row => [row.entityRef, row]));
    for (const [system, members] of [...bySystem.entries()].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      systems.push(systemRollup(system, members, graph, rowByRef.get(system)));
    }
  }

  return {
    services: rows.length,
    status: agreementStatus(rows.map(row => row.status)),
    serviceLevel: {
      status: serviceLevel.status ?? 'no-data',
      entityRef: serviceLevel.entityRef,
      count: serviceLevel.count,
    },
    cost: options.costVisible
      ? costTotals(rows).map(({ currency, actual, budget, variance }) => ({
          currency,
          actual,
          budget,
          variance,
        }))
      : null,
    capacity: {
      status: capacity.status ?? 'no-data',
      entityRef: capacity.entityRef,
      count: capacity.count,
    },
    continuity,
    systems,
    systemsOmitted: bySystem.size > maxSystems ? bySystem.size : 0,
  };
}
