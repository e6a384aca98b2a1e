import { DateTime } from 'luxon';
import { ownEntry } from '../ownEntry';
import { recentResults } from '../recentResults';
import { firstEndingAfter } from './firstEndingAfter';
import { PeriodError } from './periods';
import { DEFAULT_TIMEZONE } from './zone';

/*
 * Financial Management for IT services: actuals, budgets, variance, the year-end forecast, chargeback,
 * unit cost, roll-ups and the fully loaded cost of a service.
 *
 * Money is added up in whole cents, so that a pro-rated budget and the parts of a chargeback add up
 * exactly to what they split; amounts come back in currency units. Every amount of one calculation is
 * in one currency: convert first (convertAmount).
 */

/**
 * `YYYY-MM`
 *
 * @public
 */
export type Month = string;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** @public */
export function isMonth(value: string): boolean {
  return MONTH.test(value);
}

/**
 * An amount in whole cents; halves round away from zero, for refunds as for charges.
 *
 * @public
 */
export function toCents(amount: number): number {
  return Math.sign(amount) * Math.round(Math.abs(amount) * 100);
}

/** @public */
export function fromCents(cents: number): number {
  return cents / 100;
}

function parseMonth(
  month: Month,
  field = 'month',
): { year: number; month: number } {
  const match = MONTH.exec(month);
  if (!match) {
    throw new PeriodError(
      `${field} "${month}" is not a month; write it YYYY-MM, such as 2026-03`,
    );
  }
  return { year: Number(match[1]), month: Number(match[2]) };
}

function formatMonth(year: number, month: number): Month {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/**
 * The month `by` months after (or, negative, before) `month`.
 *
 * @public
 */
export function shiftMonth(month: Month, by: number): Month {
  const parsed = parseMonth(month);
  const index = parsed.year * 12 + (parsed.month - 1) + by;
  return formatMonth(Math.floor(index / 12), (index % 12) + 1);
}

/**
 * Every month from `from` to `to`, both included. Throws a PeriodError when `to` is before `from`.
 *
 * @public
 */
export function monthsBetween(from: Month, to: Month): Month[] {
  const start = parseMonth(from, 'from');
  const end = parseMonth(to, 'to');
  const count = end.year * 12 + end.month - (start.year * 12 + start.month) + 1;
  if (count < 1) {
    throw new PeriodError(`to (${to}) is before from (${from})`);
  }
  return Array.from({ length: count }, (_, i) => shiftMonth(from, i));
}

const recentMonths = recentResults<string, Month>(1_000);

/**
 * The calendar month an instant falls in, in a timezone (UTC by default).
 *
 * @public
 */
export function monthOf(instant: number, timezone = DEFAULT_TIMEZONE): Month {
  // a refresh asks for the month of one instant, its now, in a few zones for every service
  return recentMonths(`${instant}\u0000${timezone}`, () =>
    DateTime.fromMillis(instant, { zone: timezone }).toFormat('yyyy-MM'),
  );
}

/**
 * monthOf for many instants in one timezone: each month's bounds are worked out once, the first
 * time an instant falls in it, and later instants are placed among the known months by binary
 * search instead of a zoned date each.
 *
 * @public
 */
export function monthReader(
  timezone = DEFAULT_TIMEZONE,
): (instant: number) => Month {
  // disjoint, sorted by start
  const known: Array<{ start: number; end: number; month: Month }> = [];
  return instant => {
    const low = firstEndingAfter(known, instant);
    if (low < known.length && known[low].start <= instant) {
      return known[low].month;
    }
    const first = DateTime.fromMillis(instant, { zone: timezone }).startOf(
      'month',
    );
    const month = first.toFormat('yyyy-MM');
    known.splice(low, 0, {
      start: first.toMillis(),
      end: first.plus({ months: 1 }).toMillis(),
      month,
    });
    return month;
  };
}

/**
 * Converts between currencies with rates that each give the value of one unit in the `base` currency
 * (the organisation's): `{ USD: 0.92 }` with base EUR means 1 USD = 0.92 EUR. Undefined when a rate
 * is missing.
 *
 * @public
 */
export function convertAmount(
  amount: number,
  from: string,
  to: string,
  options: { base: string; rates: Readonly<Record<string, number>> },
): number | undefined {
  if (from === to) return amount;
  const rate = (currency: string) =>
    currency === options.base ? 1 : ownEntry(options.rates, currency) ?? NaN;
  const fromRate = rate(from);
  const toRate = rate(to);
  if (!(fromRate > 0) || !(toRate > 0)) return undefined;
  return (amount * fromRate) / toRate;
}

/**
 * Splits whole cents in proportion to weights with the largest-remainder method: each part gets the
 * whole cents of its exact quota, and the cents left over go one each to the parts with the largest
 * fractions (the earlier part first on a tie), so the parts always sum to the total exactly.
 * Weights are read to six decimals; with no positive weight every part is 0.
 *
 * @public
 */
export function splitCents(
  totalCents: number,
  weights: readonly number[],
): number[] {
  if (!Number.isSafeInteger(totalCents)) {
    throw new RangeError(`splitCents needs whole cents, got ${totalCents}`);
  }
  const scaled = weights.map(w => BigInt(Math.max(0, Math.round(w * 1e6))));
  const sum = scaled.reduce((a, b) => a + b, BigInt(0));
  if (sum === BigInt(0)) return weights.map(() => 0);
  const sign = totalCents < 0 ? -1 : 1;
  const total = BigInt(Math.abs(totalCents));
  const parts = scaled.map(w => (total * w) / sum);
  const remainders = scaled.map(w => (total * w) % sum);
  let left = Number(total - parts.reduce((a, b) => a + b, BigInt(0)));
  const order = remainders
    .map((remainder, index) => ({ remainder, index }))
    .sort((a, b) => {
      if (a.remainder !== b.remainder)
        return a.remainder > b.remainder ? -1 : 1;
      return a.index - b.index;
    });
  for (const { index } of order) {
    if (left === 0) break;
    parts[index] += BigInt(1);
    left -= 1;
  }
  return parts.map(part => sign * Number(part) || 0);
}

/**
 * A sum of money as it is shown: each amount to the cent. Null for no amounts at all.
 *
 * @public
 */
export function sumAmounts(
  amounts: ReadonlyArray<number | null>,
): number | null {
  const known = amounts.filter((a): a is number => typeof a === 'number');
  if (known.length === 0) return null;
  return fromCents(known.reduce((sum, a) => sum + toCents(a), 0));
}

// ---------------------------------------------------------------------------------------------
// Actuals, budget and variance

/** @public */
export interface CostLineInput {
  /** `YYYY-MM` */
  month: Month;
  category: string;
  amount: number;
}

/** @public */
export interface MonthlyCost {
  month: Month;
  /** The month's actuals; null when no cost was recorded for the month. */
  total: number | null;
  byCategory: Record<string, number>;
}

/**
 * Actuals per month and category for the given months, in order. The total is the sum of the
 * categories as shown, to the cent.
 *
 * @public
 */
export function monthlyActuals(
  lines: readonly CostLineInput[],
  months: readonly Month[],
): MonthlyCost[] {
  const cents = new Map<Month, Map<string, number>>(
    months.map(month => [month, new Map()]),
  );
  const raw = new Map<Month, Map<string, number>>();
  for (const line of lines) {
    if (!cents.has(line.month)) continue;
    const byCategory = raw.get(line.month) ?? new Map<string, number>();
    byCategory.set(
      line.category,
      (byCategory.get(line.category) ?? 0) + line.amount,
    );
    raw.set(line.month, byCategory);
  }
  return months.map(month => {
    const categories = raw.get(month);
    if (!categories) return { month, total: null, byCategory: {} };
    let total = 0;
    const entries: Array<[string, number]> = [];
    for (const [category, amount] of [...categories].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      const categoryCents = toCents(amount);
      total += categoryCents;
      entries.push([category, fromCents(categoryCents)]);
    }
    // defined, not assigned: a category named __proto__ is a category like any other
    const byCategory: Record<string, number> = Object.fromEntries(entries);
    return { month, total: fromCents(total), byCategory };
  });
}

/** @public */
export type BudgetInput = { monthly: number } | { annual: number };

function annualCents(budget: BudgetInput): number | undefined {
  if ('annual' in budget && typeof budget.annual === 'number') {
    return toCents(budget.annual);
  }
  if ('monthly' in budget && typeof budget.monthly === 'number') {
    return toCents(budget.monthly) * 12;
  }
  return undefined;
}

/**
 * A month's budget. A monthly budget is the same every month; an annual budget counts one twelfth
 * a month, split in cents over its calendar year so that the twelve months add up to the annual
 * figure exactly (the odd cents go to the first months of the year).
 *
 * @public
 */
export function budgetForMonth(
  budget: BudgetInput | undefined,
  month: Month,
): number | null {
  if (!budget) return null;
  const { month: number } = parseMonth(month);
  if ('monthly' in budget && typeof budget.monthly === 'number') {
    return budget.monthly;
  }
  const annual = annualCents(budget);
  if (annual === undefined) return null;
  return fromCents(splitCents(annual, Array(12).fill(1))[number - 1]);
}

/**
 * A calendar year's budget: the annual figure, or twelve monthly ones.
 *
 * @public
 */
export function budgetForYear(budget: BudgetInput | undefined): number | null {
  const annual = budget && annualCents(budget);
  return annual === undefined ? null : fromCents(annual);
}

/**
 * Actual − budget: positive when over budget. Null when either is unknown.
 *
 * @public
 */
export function costVariance(
  actual: number | null,
  budget: number | null,
): number | null {
  if (actual === null || budget === null) return null;
  return fromCents(toCents(actual) - toCents(budget));
}

// ---------------------------------------------------------------------------------------------
// Year-end forecast

/** @public */
export const RUN_RATE_MONTHS = 3;

/** @public */
export interface YearEndForecast {
  year: number;
  /** Actuals of the complete months of the year so far. */
  actualToDate: number;
  /** The average month of the run-rate months. */
  runRate: number;
  /** The complete months the run rate averages (those with recorded costs). */
  runRateMonths: Month[];
  /** The months still to come, the current one included. */
  remainingMonths: number;
  amount: number;
}

/**
 * Where the calendar year ends at the current run rate: the actuals of this year's complete months
 * plus the run rate for every month left, the current one included (its bills are not complete
 * yet). The run rate is the average of the last three complete months that have recorded costs;
 * in January those are the last months of the year before. Null when none of them has costs.
 *
 * `actuals` holds the totals of the months that have recorded costs; a complete month of the year
 * without any counts as nothing spent.
 *
 * @public
 */
export function yearEndForecast(input: {
  actuals: Readonly<Record<Month, number>>;
  currentMonth: Month;
  runRateMonths?: number;
}): YearEndForecast | null {
  const { actuals, currentMonth } = input;
  const window = input.runRateMonths ?? RUN_RATE_MONTHS;
  const { year, month } = parseMonth(currentMonth);
  const has = (m: Month) =>
    Object.prototype.hasOwnProperty.call(actuals, m) &&
    typeof actuals[m] === 'number';

  const runRateMonths: Month[] = [];
  let runRateSum = 0;
  for (let back = window; back >= 1; back--) {
    const m = shiftMonth(currentMonth, -back);
    if (has(m)) {
      runRateMonths.push(m);
      runRateSum += toCents(actuals[m]);
    }
  }
  if (runRateMonths.length === 0) return null;
  const runRate = Math.round(runRateSum / runRateMonths.length);

  let actualToDate = 0;
  for (let m = 1; m < month; m++) {
    const key = formatMonth(year, m);
    if (has(key)) actualToDate += toCents(actuals[key]);
  }
  const remainingMonths = 13 - month;
  return {
    year,
    actualToDate: fromCents(actualToDate),
    runRate: fromCents(runRate),
    runRateMonths,
    remainingMonths,
    amount: fromCents(actualToDate + runRate * remainingMonths),
  };
}

// ---------------------------------------------------------------------------------------------
// Chargeback and unit cost

/** @public */
export interface ChargebackShareInput {
  consumer: string;
  /** Percent; the shares of one service sum to 100. */
  share: number;
}

/** @public */
export interface ChargebackPart {
  consumer: string;
  share: number;
  amount: number;
}

/**
 * Charges an amount back to the consumers by their declared shares, to the cent: the parts always
 * add up to the amount (see splitCents for where the odd cents go).
 *
 * @public
 */
export function chargeback(
  amount: number,
  shares: readonly ChargebackShareInput[],
): ChargebackPart[] {
  const parts = splitCents(
    toCents(amount),
    shares.map(s => s.share),
  );
  return shares.map((s, i) => ({
    consumer: s.consumer,
    share: s.share,
    amount: fromCents(parts[i]),
  }));
}

/**
 * Cost per unit of demand: the cost over the good events of the demand SLI. Null without events.
 *
 * @public
 */
export function unitCost(
  cost: number | null,
  units: number | null,
): number | null {
  if (cost === null || units === null || !(units > 0)) return null;
  return cost / units;
}

// ---------------------------------------------------------------------------------------------
// Roll-ups

/** @public */
export type CostRollUpLevel = 'system' | 'domain' | 'owner';

/** @public */
export interface CostRollUpItem {
  entityRef: string;
  system?: string;
  domain?: string;
  owner?: string;
  /** Actuals per month. */
  actual: Readonly<Record<Month, number>>;
  /** Budget per month. */
  budget?: Readonly<Record<Month, number>>;
}

/** @public */
export interface CostRollUp {
  key: string;
  entityRefs: string[];
  actual: Record<Month, number>;
  budget: Record<Month, number>;
  total: number;
  budgetTotal: number;
  /** total − budgetTotal: positive when over budget */
  variance: number;
}

/**
 * An entity in a sum of budgets: its own budget in the sum's month (null without one), its currency
 * and the system it is part of.
 *
 * @public
 */
export interface BudgetHolding {
  entityRef: string;
  system?: string | null;
  currency: string;
  budget: number | null;
}

/**
 * Budgets counted once. A system that declares a budget holds its parts' budgets (its Cost tab sums
 * theirs only when it declares none), so in a sum over a system and its parts, a part whose system
 * is in the same sum with a budget in the same currency adds no budget of its own: its cost counts
 * against the system's. Returns each held part's system. A part in another currency than its
 * system's stands apart (no rate converts it here).
 *
 * @public
 */
export function budgetHolders(
  entries: readonly BudgetHolding[],
): Map<string, string> {
  const holders = new Map<string, BudgetHolding>();
  for (const entry of entries) {
    if (entry.budget !== null) holders.set(entry.entityRef, entry);
  }
  const held = new Map<string, string>();
  for (const entry of entries) {
    const system = entry.system;
    if (!system || system === entry.entityRef) continue;
    if (holders.get(system)?.currency === entry.currency) {
      held.set(entry.entityRef, system);
    }
  }
  return held;
}

/**
 * Sums actuals and budgets per system, domain or owner, month by month. Items without the key (a
 * component in no system) are left out. A budget is counted once: in a domain's or owner's sum, a
 * part's budget is left out in the months its system, in the same sum, has one (`budgetHolders`).
 * Groups come back sorted by key.
 *
 * @public
 */
export function rollUpCosts(
  items: readonly CostRollUpItem[],
  level: CostRollUpLevel,
): CostRollUp[] {
  const groups = new Map<
    string,
    {
      members: CostRollUpItem[];
      actual: Map<Month, number>;
      budget: Map<Month, number>;
    }
  >();
  const add = (map: Map<Month, number>, month: Month, amount: number) =>
    map.set(month, (map.get(month) ?? 0) + toCents(amount));
  for (const item of items) {
    const key = item[level];
    if (!key) continue;
    const group = groups.get(key) ?? {
      members: [] as CostRollUpItem[],
      actual: new Map<Month, number>(),
      budget: new Map<Month, number>(),
    };
    group.members.push(item);
    for (const [month, amount] of Object.entries(item.actual)) {
      add(group.actual, month, amount);
    }
    groups.set(key, group);
  }
  for (const { members, budget } of groups.values()) {
    const months = new Set(
      members.flatMap(item => Object.keys(item.budget ?? {})),
    );
    for (const month of months) {
      const held = budgetHolders(
        members.map(item => ({
          entityRef: item.entityRef,
          system: item.system,
          // a roll-up's items are in the roll-up's currency
          currency: '',
          budget: item.budget?.[month] ?? null,
        })),
      );
      for (const item of members) {
        const amount = item.budget?.[month];
        if (amount !== undefined && !held.has(item.entityRef)) {
          add(budget, month, amount);
        }
      }
    }
  }
  const sum = (map: Map<Month, number>) =>
    [...map.values()].reduce((a, b) => a + b, 0);
  const asRecord = (map: Map<Month, number>) =>
    Object.fromEntries(
      [...map]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([month, cents]) => [month, fromCents(cents)]),
    );
  return [...groups]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, group]) => ({
      key,
      entityRefs: group.members.map(item => item.entityRef).sort(),
      actual: asRecord(group.actual),
      budget: asRecord(group.budget),
      total: fromCents(sum(group.actual)),
      budgetTotal: fromCents(sum(group.budget)),
      variance: fromCents(sum(group.actual) - sum(group.budget)),
    }));
}

// ---------------------------------------------------------------------------------------------
// Fully loaded cost

/**
 * What the fully loaded calculation needs to know about one entity.
 *
 * @public
 */
export interface CostAllocationNode {
  /** Its own cost, in the currency of the calculation; absent when it has none recorded. */
  cost?: number | null;
  dependsOn?: readonly string[];
  /** The group that owns it, for chargeback shares declared to groups. */
  owner?: string;
  /** How it charges its cost to its consumers, when declared. */
  chargeback?: readonly ChargebackShareInput[];
  /**
   * Entities that depend on it, from outside the graph too (the catalog's `dependencyOf`). Those in
   * the graph that list it in `dependsOn` count as well.
   */
  dependants?: readonly string[];
}

/**
 * Entity ref → node. Refs are matched exactly as given: normalise them before building the graph.
 *
 * @public
 */
export type CostAllocationGraph =
  | ReadonlyMap<string, CostAllocationNode>
  | Readonly<Record<string, CostAllocationNode>>;

/** @public */
export interface FullyLoadedContribution {
  ref: string;
  /** The dependency's own cost. */
  cost: number;
  /** The percentage of that cost that lands on the root. */
  share: number;
  amount: number;
  /** Whether the root depends on it directly. */
  direct: boolean;
}

/** @public */
export interface FullyLoadedCost {
  own: number;
  /** What the root carries of the platforms it depends on. */
  shared: number;
  total: number;
  /** One entry per platform below the root that has a cost, largest amount first. */
  contributions: FullyLoadedContribution[];
  /** Dependency edges left out because they close a cycle. */
  cycles: Array<{ from: string; to: string }>;
}

function asMap(
  graph: CostAllocationGraph,
): ReadonlyMap<string, CostAllocationNode> {
  return typeof (graph as ReadonlyMap<string, unknown>).get === 'function'
    ? (graph as ReadonlyMap<string, CostAllocationNode>)
    : new Map(
        Object.entries(graph as Readonly<Record<string, CostAllocationNode>>),
      );
}

/**
 * How a platform's cost divides among the entities that depend on it, as fractions (0–1). With a
 * declared chargeback each consumer's share goes to the dependants it names: a dependant named
 * itself takes the shares that name it; the others share their owner's share evenly among them. A
 * consumer that names no dependant keeps its share (it is charged to the group, not to a service),
 * so the fractions may sum to less than 1. Without a chargeback the dependants share evenly.
 *
 * @public
 */
export function platformShares(
  platform: string,
  graph: CostAllocationGraph,
): Map<string, number> {
  const nodes = asMap(graph);
  return sharesAmong(platform, nodes, dependantsIn(nodes).get(platform));
}

/**
 * Each entity's dependants: those its node lists, and every other node whose `dependsOn` names
 * it — found in one pass over the graph, not one per platform.
 */
function dependantsIn(
  nodes: ReadonlyMap<string, CostAllocationNode>,
): Map<string, Set<string>> {
  const index = new Map<string, Set<string>>();
  const add = (platform: string, dependant: string) => {
    if (platform === dependant) return;
    const set = index.get(platform);
    if (set) set.add(dependant);
    else index.set(platform, new Set([dependant]));
  };
  for (const [ref, node] of nodes) {
    for (const dependant of node.dependants ?? []) add(ref, dependant);
    for (const platform of node.dependsOn ?? []) add(platform, ref);
  }
  return index;
}

function sharesAmong(
  platform: string,
  nodes: ReadonlyMap<string, CostAllocationNode>,
  dependants: ReadonlySet<string> = new Set(),
): Map<string, number> {
  const node = nodes.get(platform);
  const fractions = new Map<string, number>();
  if (dependants.size === 0) return fractions;

  const shares = (node?.chargeback ?? []).filter(s => s.share > 0);
  const declared = shares.reduce((sum, s) => sum + s.share, 0);
  if (declared <= 0) {
    for (const ref of dependants) fractions.set(ref, 1 / dependants.size);
    return fractions;
  }
  const namedItself = new Set(
    shares.map(s => s.consumer).filter(consumer => dependants.has(consumer)),
  );
  for (const s of shares) {
    const fraction = s.share / declared;
    if (namedItself.has(s.consumer)) {
      fractions.set(s.consumer, (fractions.get(s.consumer) ?? 0) + fraction);
      continue;
    }
    const owned = [...dependants].filter(
      ref => !namedItself.has(ref) && nodes.get(ref)?.owner === s.consumer,
    );
    for (const ref of owned) {
      fractions.set(ref, (fractions.get(ref) ?? 0) + fraction / owned.length);
    }
  }
  return fractions;
}

/**
 * The fully loaded cost of `root`: its own cost plus its share of every platform it depends on,
 * directly or through others. Each platform's fully loaded cost divides among its dependants (see
 * platformShares) and what a dependant receives passes on to its own dependants the same way, so
 * the root carries, of each platform below it, the sum over the paths between them of the products
 * of the shares. A platform reached along several paths (a diamond) is one platform, counted once
 * with the shares of all paths together; a dependency edge that closes a cycle is cut (and
 * reported), so a cycle is never followed round.
 *
 * @public
 */
export function fullyLoadedCost(
  root: string,
  graph: CostAllocationGraph,
): FullyLoadedCost {
  const nodes = asMap(graph);
  const lookup = (ref: string) => nodes.get(ref);
  const cycles: Array<{ from: string; to: string }> = [];
  const kept = new Map<string, string[]>(); // platform → dependants whose edge to it is kept
  const finished: string[] = [];
  const onPath = new Set<string>();
  const visited = new Set<string>();

  const visit = (ref: string) => {
    visited.add(ref);
    onPath.add(ref);
    for (const dep of new Set(lookup(ref)?.dependsOn ?? [])) {
      if (!lookup(dep)) continue;
      if (onPath.has(dep)) {
        cycles.push({ from: ref, to: dep });
        continue;
      }
      kept.set(dep, [...(kept.get(dep) ?? []), ref]);
      if (!visited.has(dep)) visit(dep);
    }
    onPath.delete(ref);
    finished.push(ref);
  };
  if (lookup(root)) visit(root);

  // Reverse finishing order puts every entity after all of its dependants that lead to it.
  const weight = new Map<string, number>([[root, 1]]);
  const dependants = dependantsIn(nodes);
  for (const ref of [...finished].reverse()) {
    if (ref === root) continue;
    const shares = sharesAmong(ref, nodes, dependants.get(ref));
    let w = 0;
    for (const dependant of kept.get(ref) ?? []) {
      w += (weight.get(dependant) ?? 0) * (shares.get(dependant) ?? 0);
    }
    weight.set(ref, w);
  }

  const direct = new Set(lookup(root)?.dependsOn ?? []);
  const contributions: FullyLoadedContribution[] = [];
  let sharedCents = 0;
  for (const ref of finished) {
    const cost = lookup(ref)?.cost;
    if (ref === root || cost === undefined || cost === null) continue;
    const w = weight.get(ref) ?? 0;
    const amountCents = toCents(w * cost);
    sharedCents += amountCents;
    contributions.push({
      ref,
      cost,
      share: w * 100,
      amount: fromCents(amountCents),
      direct: direct.has(ref),
    });
  }
  contributions.sort(
    (a, b) => b.amount - a.amount || a.ref.localeCompare(b.ref),
  );
  const ownCents = toCents(lookup(root)?.cost ?? 0);
  return {
    own: fromCents(ownCents),
    shared: fromCents(sharedCents),
    total: fromCents(ownCents + sharedCents),
    contributions,
    cycles,
  };
}
