import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BudgetInput,
  ChargebackShareInput,
  CostAllocationNode,
  CostLineInput,
  CostRecord,
  CostResponse,
  CostRollUpItem,
  FocusCostInput,
  FocusRow,
  FocusView,
  Month,
  ValidationProblem,
  budgetForMonth,
  canonicalEntityRef,
  chargeback,
  convertAmount,
  costVariance,
  focusCostRows,
  fullyLoadedCost,
  monthOf,
  monthReader,
  monthlyActuals,
  monthsBetween,
  resolvePeriod,
  budgetHolders,
  rollUpCosts,
  shiftMonth,
  sumAmounts,
  unitCost,
  yearEndForecast,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { declaredServiceDelivery, recordRef, timezoneOf } from './declared';
import { refOrNull } from '../overview/catalogSnapshot';
import { CatalogGraphSnapshot } from './catalogGraph';
import { DependencyClosure } from './dependencyGraph';
import { namespaceOf, readableRollUpParts } from './costRollUp';

const DEFAULT_MONTHS = 12;
const MAX_MONTHS = 120;

export type CostSettings = Pick<
  ServiceDeliverySettings,
  'currency' | 'currencyRates'
>;

/** The cost metadata of an entity, each field checked: the catalog keeps invalid metadata. */
function declaredCost(entity: Entity) {
  const cost = declaredServiceDelivery(entity).cost;
  if (!cost || typeof cost !== 'object') return undefined;
  const budget = cost.budget as BudgetInput | undefined;
  const validBudget =
    budget &&
    typeof budget === 'object' &&
    (typeof (budget as { monthly?: unknown }).monthly === 'number' ||
      typeof (budget as { annual?: unknown }).annual === 'number')
      ? budget
      : undefined;
  const shares = Array.isArray(cost.chargeback)
    ? cost.chargeback.filter(
        (s): s is ChargebackShareInput =>
          !!s && typeof s.consumer === 'string' && typeof s.share === 'number',
      )
    : [];
  return {
    currency: typeof cost.currency === 'string' ? cost.currency : undefined,
    costCenter:
      typeof cost.costCenter === 'string' ? cost.costCenter : undefined,
    chargingPolicy:
      typeof cost.chargingPolicy === 'string' ? cost.chargingPolicy : undefined,
    budget: validBudget,
    chargeback: shares,
    unit:
      cost.unit && typeof cost.unit.name === 'string' ? cost.unit : undefined,
  };
}

/** The currency an entity keeps its costs in: its declared one, else the organisation's. */
export function costCurrencyOf(
  entity: Entity | undefined,
  settings: CostSettings,
): string {
  return (entity && declaredCost(entity)?.currency) ?? settings.currency;
}

/** Converts an amount to `to` with the configured rates; undefined without a rate. */
export function converter(settings: CostSettings) {
  const options = {
    base: settings.currency,
    rates: settings.currencyRates ?? {},
  };
  return (amount: number, from: string, to: string) =>
    convertAmount(amount, from, to, options);
}

function canonicalOrUndefined(
  ref: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof ref !== 'string') return undefined;
  try {
    return canonicalEntityRef(ref, { defaultKind, defaultNamespace });
  } catch {
    return undefined;
  }
}

/**
 * The months asked for: `from`..`to`; without `from`, the `count` months (twelve by default) up to
 * `to`; without `to`, up to the current month (or `count` months from `from`).
 */
export function costMonths(
  range: { from?: string; to?: string; count?: number },
  currentMonth: Month,
): Month[] {
  const { from, to } = range;
  const count = range.count ?? DEFAULT_MONTHS;
  const last = to ?? (from ? shiftMonth(from, count - 1) : currentMonth);
  const first = from ?? shiftMonth(last, -(count - 1));
  const months = monthsBetween(first, last);
  if (months.length > MAX_MONTHS) {
    throw new RangeError(
      `from ${first} to ${last} is ${months.length} months; ask for at most ${MAX_MONTHS}`,
    );
  }
  return months;
}

/** Good events of the demand SLI per month, in the service's timezone. */
async function unitsPerMonth(options: {
  store: ServiceDeliveryStore;
  entityRef: string;
  objective: string;
  months: Month[];
  timezone: string;
  now: number;
}): Promise<Map<Month, number>> {
  const { months, timezone, now } = options;
  const start = resolvePeriod(months[0], {
    defaultPeriod: 'month',
    timezone,
    now,
  }).start;
  const end = resolvePeriod(months[months.length - 1], {
    defaultPeriod: 'month',
    timezone,
    now,
  }).end;
  const buckets = await options.store.listSli({
    entityRefs: [options.entityRef],
    objective: options.objective,
    range: { from: start, to: end },
  });
  const units = new Map<Month, number>();
  const monthAt = monthReader(timezone);
  for (const bucket of buckets) {
    const month = monthAt(Date.parse(bucket.bucketStart));
    units.set(month, (units.get(month) ?? 0) + bucket.good);
  }
  return units;
}

/** Converted cost lines per entity, and the currencies that could not be converted. */
export function convertLines(
  records: CostRecord[],
  currency: string,
  settings: CostSettings,
): { lines: Map<string, CostLineInput[]>; unconverted: Map<string, number> } {
  const convert = converter(settings);
  const lines = new Map<string, CostLineInput[]>();
  const unconverted = new Map<string, number>();
  for (const record of records) {
    const amount = convert(record.amount, record.currency, currency);
    if (amount === undefined) {
      unconverted.set(
        record.currency,
        (unconverted.get(record.currency) ?? 0) + 1,
      );
      continue;
    }
    const list = lines.get(record.entityRef) ?? [];
    list.push({
      month: record.periodStart.slice(0, 7),
      category: record.category,
      amount,
    });
    lines.set(record.entityRef, list);
  }
  return { lines, unconverted };
}

/** The cost of lines over the months, as the months show it. */
function totalOf(
  lines: CostLineInput[] | undefined,
  months: Month[],
): number | null {
  return sumAmounts(monthlyActuals(lines ?? [], months).map(m => m.total));
}

/** What the fully loaded cost of one entity is computed over, apart from the costs themselves. */
interface CostAllocationShape {
  closure: DependencyClosure;
  /** every node but the closure's costs: the closure's edges, owners and chargebacks, and the owners of their dependants outside it */
  nodes: ReadonlyMap<string, CostAllocationNode>;
}

/** How many entities' shapes are kept with one caller's graph snapshot. */
const SHAPES_PER_SNAPSHOT = 16;

/**
 * The closure below the entity and who depends on each platform in it across the catalog — the
 * same for as long as the caller's graph snapshot is (a minute by default), so it is worked out
 * once and kept with the snapshot: a platform shared by thousands of services has thousands of
 * dependants to look up.
 */
function costAllocationShape(
  entity: Entity,
  snapshot: CatalogGraphSnapshot,
): CostAllocationShape {
  return snapshot.keep(
    'cost-allocation',
    recordRef(entity),
    SHAPES_PER_SNAPSHOT,
    () => workOutCostAllocationShape(entity, snapshot),
  );
}

function workOutCostAllocationShape(
  entity: Entity,
  snapshot: CatalogGraphSnapshot,
): CostAllocationShape {
  const closure = snapshot.closure(entity);
  const dependantsOf = (platform: string) =>
    platform === closure.root ? [] : snapshot.dependantsOf(platform);
  const ownerOf = (e: Entity) =>
    canonicalOrUndefined(e.spec?.owner, 'group', namespaceOf(e));
  const nodes = new Map<string, CostAllocationNode>();
  for (const platform of closure.entities.keys()) {
    for (const dependant of dependantsOf(platform)) {
      if (closure.entities.has(dependant) || nodes.has(dependant)) continue;
      const outside = snapshot.entities.get(dependant);
      if (outside) nodes.set(dependant, { owner: ownerOf(outside.entity) });
    }
  }
  for (const [member, e] of closure.entities) {
    const cost = declaredCost(e);
    nodes.set(member, {
      dependsOn: closure.edges.get(member)?.dependsOn ?? [],
      owner: ownerOf(e),
      chargeback: (cost?.chargeback ?? []).flatMap(share => {
        const consumer = canonicalOrUndefined(
          share.consumer,
          'group',
          namespaceOf(e),
        );
        return consumer ? [{ consumer, share: share.share }] : [];
      }),
      dependants: dependantsOf(member),
    });
  }
  return { closure, nodes };
}

/**
 * The fully loaded cost over the months: the entity's own cost and its share of every platform
 * below it in the dependency graph, each platform dividing its cost among all its dependants.
 */
async function fullyLoaded(options: {
  entity: Entity;
  months: Month[];
  currency: string;
  store: ServiceDeliveryStore;
  settings: CostSettings;
  graph: CatalogGraphSnapshot;
}): Promise<{
  result: CostResponse['fullyLoaded'];
  unconverted: Map<string, number>;
}> {
  const { entity, months, currency } = options;
  const { closure, nodes } = costAllocationShape(entity, options.graph);

  const records = await options.store.listCosts({
    entityRefs: [...closure.entities.keys()],
    fromMonth: months[0],
    toMonth: months[months.length - 1],
  });
  const { lines, unconverted } = convertLines(
    records,
    currency,
    options.settings,
  );

  const graph = new Map(nodes);
  for (const member of closure.entities.keys()) {
    graph.set(member, {
      ...nodes.get(member),
      cost: totalOf(lines.get(member), months),
    });
  }
  const loaded = fullyLoadedCost(closure.root, graph);
  return {
    result: {
      own: loaded.own,
      shared: loaded.shared,
      total: loaded.total,
      dependencies: loaded.contributions.map(c => ({
        entityRef: c.ref,
        cost: c.cost,
        share: c.share,
        amount: c.amount,
        direct: c.direct,
      })),
      cycles: loaded.cycles,
      unlisted: null,
    },
    unconverted,
  };
}

function warningsOf(unconverted: Map<string, number>, currency: string) {
  return [...unconverted]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([from, count]) =>
        `${count} cost record(s) in ${from} are left out: serviceDelivery.currencyRates has no rate to convert ${from} to ${currency}`,
    );
}

/** GET /entities/{ref}/cost */
export async function costReport(options: {
  entity: Entity;
  from?: string;
  to?: string;
  /** How many months, when `from` is not given. */
  months?: number;
  now: number;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  /** the caller's dependency graph of the whole catalog, for the fully loaded cost */
  graph: () => Promise<CatalogGraphSnapshot>;
  /** of these entities, those whose cost the caller may read ('all' for every one) */
  costReadable?: (entityRefs: string[]) => Promise<'all' | ReadonlySet<string>>;
  problems: ValidationProblem[];
}): Promise<CostResponse> {
  const { entity, now, store, settings, catalog, credentials } = options;
  const declared = declaredCost(entity);
  const currency = costCurrencyOf(entity, settings);
  const timezone = timezoneOf(declaredServiceDelivery(entity));
  const currentMonth = monthOf(now, timezone);
  const months = costMonths(
    { from: options.from, to: options.to, count: options.months },
    currentMonth,
  );
  const first = months[0];
  const last = months[months.length - 1];
  const ref = recordRef(entity);

  const costReadable = options.costReadable ?? (async () => 'all' as const);
  const { level, parts } = await readableRollUpParts({
    entity,
    catalog,
    credentials,
    costReadable,
  });
  const partRefs = [...new Set([ref, ...parts.map(recordRef)])];

  // The forecast needs this year's months and the run-rate months before the current one.
  const forecastFrom = [
    shiftMonth(currentMonth, -3),
    `${currentMonth.slice(0, 4)}-01`,
  ].sort()[0];
  const records = await store.listCosts({
    entityRefs: partRefs,
    fromMonth: forecastFrom < first ? forecastFrom : first,
    toMonth: currentMonth > last ? currentMonth : last,
  });
  const { lines, unconverted } = convertLines(records, currency, settings);
  const allLines = [...lines.values()].flat();
  const actuals = monthlyActuals(allLines, months);

  // Budgets: the entity's own; a roll-up without one sums its parts' budgets.
  const convert = converter(settings);
  const budgetOf = (e: Entity) => {
    const cost = declaredCost(e);
    const from = costCurrencyOf(e, settings);
    return (month: Month) => {
      const amount = budgetForMonth(cost?.budget, month);
      return amount === null ? null : convert(amount, from, currency) ?? null;
    };
  };
  let rollUp: CostResponse['rollUp'] = null;
  let budget = budgetOf(entity);
  if (level) {
    const items: CostRollUpItem[] = parts.map(part => {
      const partBudget = budgetOf(part);
      const partMonths = monthlyActuals(
        lines.get(recordRef(part)) ?? [],
        months,
      );
      return {
        entityRef: recordRef(part),
        // the part's system, whose budget holds the part's in a domain's or owner's sum
        system: refOrNull(part.spec?.system, part, 'system') ?? undefined,
        [level]: ref,
        actual: Object.fromEntries(
          partMonths
            .filter(m => m.total !== null)
            .map(m => [m.month, m.total!]),
        ),
        budget: Object.fromEntries(
          months.flatMap(m => {
            const amount = partBudget(m);
            return amount === null ? [] : [[m, amount]];
          }),
        ),
      };
    });
    const [summed] = rollUpCosts(items, level);
    const parted = items.map(item => ({
      entityRef: item.entityRef,
      system: item.system,
      total: sumAmounts(Object.values(item.actual)) ?? 0,
      budget: sumAmounts(Object.values(item.budget ?? {})),
    }));
    // every part is in the roll-up's currency
    const held = budgetHolders(parted.map(part => ({ ...part, currency })));
    rollUp = {
      level,
      parts: parted
        .map(({ entityRef, total, budget: partBudget }) => {
          const heldBy = held.get(entityRef);
          return heldBy
            ? { entityRef, total, budget: partBudget, budgetHeldBy: heldBy }
            : { entityRef, total, budget: partBudget };
        })
        .sort(
          (a, b) => b.total - a.total || a.entityRef.localeCompare(b.entityRef),
        ),
    };
    if (!declared?.budget && summed && Object.keys(summed.budget).length > 0) {
      budget = month => summed.budget[month] ?? null;
    }
  }

  // Demand: good events of the declared SLI, per month.
  const sli = declared?.unit?.sli;
  const units = sli
    ? await unitsPerMonth({
        store,
        entityRef: ref,
        objective: sli,
        months,
        timezone,
        now,
      })
    : undefined;

  const monthRows = actuals.map(m => {
    const monthBudget = budget(m.month);
    const monthUnits = units ? units.get(m.month) ?? null : null;
    return {
      month: m.month,
      total: m.total,
      byCategory: m.byCategory,
      budget: monthBudget,
      variance: costVariance(m.total, monthBudget),
      units: monthUnits,
      unitCost: unitCost(m.total, monthUnits),
    };
  });
  const total = sumAmounts(monthRows.map(m => m.total)) ?? 0;
  const budgetTotal = sumAmounts(monthRows.map(m => m.budget));
  const completeMonths = months.filter(m => m < currentMonth);
  const lastCompleteMonth = completeMonths[completeMonths.length - 1] ?? null;
  const lastRow = monthRows.find(m => m.month === lastCompleteMonth);

  // Forecast from every recorded month, whatever the months shown.
  const forecastMonths = monthsBetween(
    forecastFrom < first ? forecastFrom : first,
    currentMonth > last ? currentMonth : last,
  );
  const forecastActuals = Object.fromEntries(
    monthlyActuals(allLines, forecastMonths)
      .filter(m => m.total !== null)
      .map(m => [m.month, m.total!]),
  );
  const forecast = yearEndForecast({ actuals: forecastActuals, currentMonth });
  const yearBudgets = monthsBetween(
    `${currentMonth.slice(0, 4)}-01`,
    `${currentMonth.slice(0, 4)}-12`,
  ).map(budget);
  const yearBudget = yearBudgets.includes(null)
    ? null
    : sumAmounts(yearBudgets);

  let loaded: CostResponse['fullyLoaded'] = null;
  if (!level) {
    const computed = await fullyLoaded({
      entity,
      months,
      currency,
      store,
      settings,
      graph: await options.graph(),
    });
    const result = computed.result!;
    loaded = result;
    // a platform's own cost is listed only to those who may read it; its share is still counted
    const readable = await costReadable(
      result.dependencies.map(d => d.entityRef),
    );
    if (readable !== 'all') {
      const listed = result.dependencies.filter(d => readable.has(d.entityRef));
      const unlisted = result.dependencies.filter(
        d => !readable.has(d.entityRef),
      );
      if (unlisted.length > 0) {
        loaded = {
          ...result,
          dependencies: listed,
          unlisted: {
            platforms: unlisted.length,
            amount: sumAmounts(unlisted.map(d => d.amount)) ?? 0,
          },
        };
      }
    }
    for (const [from, count] of computed.unconverted) {
      if (!unconverted.has(from)) unconverted.set(from, count);
    }
  }

  const lastMonthParts =
    lastRow && lastRow.total !== null
      ? chargeback(lastRow.total, declared?.chargeback ?? [])
      : undefined;
  return {
    entityRef: ref,
    currency,
    ...(declared?.costCenter ? { costCenter: declared.costCenter } : {}),
    ...(declared?.chargingPolicy
      ? { chargingPolicy: declared.chargingPolicy }
      : {}),
    from: first,
    to: last,
    categories: [
      ...new Set(monthRows.flatMap(m => Object.keys(m.byCategory))),
    ].sort(),
    months: monthRows,
    total,
    budgetTotal,
    varianceTotal: costVariance(total, budgetTotal),
    forecastYearEnd: forecast?.amount ?? null,
    forecast: forecast && {
      ...forecast,
      budget: yearBudget,
      variance: costVariance(forecast.amount, yearBudget),
    },
    lastCompleteMonth,
    chargeback: chargeback(total, declared?.chargeback ?? []).map(
      (part, index) => ({
        consumer: part.consumer,
        share: part.share,
        amount: part.amount,
        lastMonthAmount: lastMonthParts?.[index].amount ?? null,
      }),
    ),
    unitCost: lastRow?.unitCost ?? null,
    unit: declared?.unit
      ? {
          name: declared.unit.name,
          ...(sli ? { sli } : {}),
          month: lastCompleteMonth,
          units: lastRow?.units ?? null,
        }
      : null,
    fullyLoaded: loaded,
    rollUp,
    warnings: [
      ...warningsOf(unconverted, currency),
      ...(loaded?.unlisted
        ? [
            `${loaded.unlisted.platforms} platform(s) whose cost you may not read are counted in the shared cost but not listed`,
          ]
        : []),
    ],
    problems: options.problems,
  };
}

/**
 * GET /entities/{ref}/cost/focus.csv: the entity's costs — for a system, domain or group, each of
 * its parts' whose cost the caller may read — as FOCUS rows in the entity's currency.
 */
export async function costFocusExport(options: {
  entity: Entity;
  from?: string;
  to?: string;
  months?: number;
  view: FocusView;
  now: number;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  catalog: CatalogService;
  credentials: BackstageCredentials;
  costReadable?: (entityRefs: string[]) => Promise<'all' | ReadonlySet<string>>;
}): Promise<{
  rows: FocusRow[];
  from: string;
  to: string;
  warnings: string[];
}> {
  const { entity, now, store, settings, catalog, credentials } = options;
  const currency = costCurrencyOf(entity, settings);
  const months = costMonths(
    { from: options.from, to: options.to, count: options.months },
    monthOf(now, timezoneOf(declaredServiceDelivery(entity))),
  );
  const { parts } = await readableRollUpParts({
    entity,
    catalog,
    credentials,
    costReadable: options.costReadable,
  });
  const entities = [
    ...new Map([entity, ...parts].map(e => [recordRef(e), e])).values(),
  ];
  const first = months[0];
  const last = months[months.length - 1];
  const { lines, unconverted } = convertLines(
    await store.listCosts({
      entityRefs: entities.map(recordRef),
      fromMonth: first,
      toMonth: last,
    }),
    currency,
    settings,
  );
  const shown = new Set(months);
  const inputs: FocusCostInput[] = entities.map(e => {
    const declared = declaredCost(e);
    const ref = recordRef(e);
    const title = e.metadata.title;
    return {
      entityRef: ref,
      kind: e.kind.toLocaleLowerCase('en-US'),
      name: e.metadata.name,
      ...(typeof title === 'string' ? { title } : {}),
      owner: refOrNull(e.spec?.owner, e, 'group'),
      system: refOrNull(e.spec?.system, e, 'system'),
      ...(declared?.costCenter ? { costCenter: declared.costCenter } : {}),
      currency,
      timezone: timezoneOf(declaredServiceDelivery(e)),
      lines: (lines.get(ref) ?? []).filter(line => shown.has(line.month)),
      chargeback: declared?.chargeback ?? [],
    };
  });
  return {
    rows: focusCostRows(inputs, options.view),
    from: first,
    to: last,
    warnings: warningsOf(unconverted, currency),
  };
}
