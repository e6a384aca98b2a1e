import type { BurnAttribution, BurnAttributionLine } from '../api';
import { entityDisplayName } from '../links';
import { measureDowntime } from './downtime';
import { firstEndingAfter } from './firstEndingAfter';
import { MS_PER_SECOND, toMillis } from './intervals';
import { agreedServiceWindows } from './serviceTime';
import {
  IncidentInput,
  ObjectiveInput,
  ServiceHoursInput,
  SliBucketInput,
  TimeInterval,
} from './types';

/*
 * Burn attributed to dependencies: how much of an objective's consumed error budget fell while a
 * dependency was out. Outages are weighted step functions over time: 1 where an incident had full
 * impact, the partial-outage weight where only partial impact was active, as the downtime union counts
 * them. Everything here is interval arithmetic over those steps, never a walk second by second.
 */

/**
 * A stretch of time at one outage weight (`0 < weight ≤ 1`). Lists of them are sorted and disjoint.
 *
 * @public
 */
export interface WeightedInterval extends TimeInterval {
  weight: number;
}

/**
 * A figure that may only be known within bounds; `low === high` when it is exact.
 *
 * @public
 */
export interface AttributedBounds {
  low: number;
  high: number;
}

/**
 * The burn one dependency line is credited with. A line is either one dependency (`entityRef`) or a
 * redundancy group (`group`, its members), which counts as out only while every member is out.
 *
 * @public
 */
export interface DependencyBurn {
  entityRef?: string;
  group?: string[];
  /** seconds of downtime (availability) or bad events (ratio, latency) that fell during its outages */
  amount: AttributedBounds;
  /** amount / consumed budget (0–1); null when nothing was consumed */
  share: AttributedBounds | null;
}

/** @public */
export interface BurnAttributionFigures {
  unit: 'seconds' | 'events';
  /** the consumed budget the shares are of: downtime seconds or bad events */
  consumed: number;
  /** lines with anything attributed, most first */
  dependencies: DependencyBurn[];
  /** what fell while no dependency line was out */
  unexplained: { amount: AttributedBounds; share: AttributedBounds | null };
  /** false when an SLI bucket only partly overlapped an outage, so some figures are bounds */
  exact: boolean;
}

/**
 * The edges of one entity, as the composite availability reads them.
 *
 * @public
 */
export interface BurnAttributionEdges {
  dependsOn: readonly string[];
  redundancy: ReadonlyArray<readonly string[]>;
}

/** @public */
export interface BurnAttributionInput {
  objective: Pick<ObjectiveInput, 'name' | 'kind'>;
  /** the measurement period so far: `end` is where measurement stops (the period's elapsed end) */
  period: { start: number; end: number };
  /** the service's own edges, and through `edgesOf` every entity below it; undefined = no edges */
  root: string;
  edgesOf(ref: string): BurnAttributionEdges | undefined;
  /** the incidents of any entity of the graph (the root's included) overlapping the period */
  incidentsOf(ref: string): readonly IncidentInput[];
  /** the service's hours: only downtime within agreed service time burns an availability budget */
  serviceHours?: ServiceHoursInput;
  /** the objective's SLI buckets, for ratio and latency objectives */
  buckets?: readonly SliBucketInput[];
  partialOutageWeight?: number;
}

/**
 * For one objective over its measurement period, the share of the consumed error budget that fell
 * while each dependency had an overlapping outage.
 *
 * Lines: every entity reached from the service over `dependsOn` (transitively) outside a redundancy
 * group is one line, out while its own incidents are; each redundancy group met on the way is one line
 * ("any of a, b"), out only while every member is out, where a member is out while it, anything it
 * needs, or all of one of its own redundancy groups is out. A member's own dependencies get no line of
 * their own: taking out one side of a redundant pair burns nothing.
 *
 * Availability objectives: the service's downtime within agreed service time, at its weight, times the
 * line's outage weight, in seconds. Ratio and latency objectives: a bucket's bad events count low when the
 * bucket lies wholly inside the outage and high when it touches it, so the figures are bounds.
 *
 * A second (or a bucket) during which several lines were out counts for each of them, so the shares can
 * add up to more than 1; `unexplained` is what fell while none was.
 *
 * @public
 */
export function burnAttribution(
  input: BurnAttributionInput,
): BurnAttributionFigures {
  const { start, end } = input.period;
  const outageOf = ownOutages(input, start, end);
  const lines = dependencyLines(input.root, input.edgesOf, outageOf);
  const anyOut = maxOfSteps(lines.map(line => line.outage));
  return input.objective.kind === 'availability'
    ? timeAttribution(input, lines, anyOut)
    : eventAttribution(input, lines, anyOut);
}

type Line = {
  entityRef?: string;
  group?: string[];
  outage: WeightedInterval[];
};

function ownOutages(
  input: BurnAttributionInput,
  start: number,
  end: number,
): (ref: string) => WeightedInterval[] {
  const cache = new Map<string, WeightedInterval[]>();
  return ref => {
    let steps = cache.get(ref);
    if (!steps) {
      steps = outageSteps(
        input.incidentsOf(ref),
        [{ start, end }],
        end,
        input.partialOutageWeight,
      );
      cache.set(ref, steps);
    }
    return steps;
  };
}

/**
 * The weighted outage steps of incidents within `windows`, as the downtime union weighs them (the
 * heaviest impact active at each moment).
 *
 * @public
 */
export function outageSteps(
  incidents: readonly IncidentInput[],
  windows: readonly TimeInterval[],
  periodEnd: number,
  partialOutageWeight?: number,
): WeightedInterval[] {
  const segments = measureDowntime({
    incidents,
    windows,
    periodEnd,
    partialOutageWeight,
  }).outages.flatMap(outage => outage.segments);
  return combineSteps(
    segments,
    windows.map(w => ({ start: w.start, end: w.end, weight: 1 })),
    Math.min,
  );
}

function dependencyLines(
  root: string,
  edgesOf: BurnAttributionInput['edgesOf'],
  ownOutage: (ref: string) => WeightedInterval[],
): Line[] {
  const lines: Line[] = [];
  const seen = new Set<string>([root]);
  const seenGroups = new Set<string>();
  const effective = new Map<string, WeightedInterval[]>();

  // out while it, all it needs plainly, or a whole redundancy group of it is out
  const effectiveOutage = (
    ref: string,
    path: Set<string>,
  ): WeightedInterval[] => {
    const known = effective.get(ref);
    if (known) return known;
    let steps = ownOutage(ref);
    if (path.has(ref)) return steps;
    path.add(ref);
    const { plain, groups } = split(edgesOf(ref));
    for (const dep of plain) {
      steps = combineSteps(steps, effectiveOutage(dep, path), Math.max);
    }
    for (const group of groups) {
      const allOut = allOf(group.map(member => effectiveOutage(member, path)));
      steps = combineSteps(steps, allOut, Math.max);
    }
    path.delete(ref);
    effective.set(ref, steps);
    return steps;
  };

  const pending = [root];
  while (pending.length > 0) {
    const { plain, groups } = split(edgesOf(pending.shift()!));
    for (const dep of plain) {
      if (seen.has(dep)) continue;
      seen.add(dep);
      lines.push({ entityRef: dep, outage: ownOutage(dep) });
      pending.push(dep);
    }
    for (const group of groups) {
      const key = [...group].sort().join('\n');
      if (seenGroups.has(key)) continue;
      seenGroups.add(key);
      lines.push({
        group,
        outage: allOf(group.map(m => effectiveOutage(m, new Set([root])))),
      });
    }
  }
  return lines;
}

/** Out while every one of them is out. */
function allOf(outages: WeightedInterval[][]): WeightedInterval[] {
  return outages
    .slice(1)
    .reduce((all, steps) => combineSteps(all, steps, Math.min), outages[0]);
}

/** Plain dependencies (in no redundancy group) and the distinct, non-empty redundancy groups. */
function split(edges: BurnAttributionEdges | undefined): {
  plain: string[];
  groups: string[][];
} {
  if (!edges) return { plain: [], groups: [] };
  const grouped = new Set(edges.redundancy.flat());
  return {
    plain: [...new Set(edges.dependsOn)].filter(d => !grouped.has(d)),
    groups: edges.redundancy
      .map(group => [...new Set(group)])
      .filter(group => group.length > 0),
  };
}

function timeAttribution(
  input: BurnAttributionInput,
  lines: Line[],
  anyOut: WeightedInterval[],
): BurnAttributionFigures {
  const { start, end } = input.period;
  const burn = outageSteps(
    input.incidentsOf(input.root),
    agreedServiceWindows(input.serviceHours, start, end),
    end,
    input.partialOutageWeight,
  );
  const consumed = integralSeconds(burn);
  const exactly = (seconds: number) => ({ low: seconds, high: seconds });
  const share = (seconds: number) =>
    consumed > 0 ? exactly(seconds / consumed) : null;
  const dependencies = lines
    .map(line => {
      const seconds = integralSeconds(
        combineSteps(burn, line.outage, (b, o) => b * o),
      );
      return {
        ...lineName(line),
        amount: exactly(seconds),
        share: share(seconds),
      };
    })
    .filter(line => line.amount.high > 0)
    .sort(byAmount);
  const unexplained = integralSeconds(
    combineSteps(burn, anyOut, (b, o) => b * (1 - o)),
  );
  return {
    unit: 'seconds',
    consumed,
    dependencies,
    unexplained: { amount: exactly(unexplained), share: share(unexplained) },
    exact: true,
  };
}

function eventAttribution(
  input: BurnAttributionInput,
  lines: Line[],
  anyOut: WeightedInterval[],
): BurnAttributionFigures {
  const { start, end } = input.period;
  const buckets: Array<TimeInterval & { bad: number }> = [];
  for (const bucket of input.buckets ?? []) {
    if (bucket.objective !== input.objective.name) continue;
    const at = toMillis(bucket.bucketStart, 'bucketStart');
    if (at < start || at >= end) continue;
    const bad = Math.max(0, bucket.total - Math.max(0, bucket.good));
    if (bad > 0) {
      buckets.push({
        start: at,
        end: at + bucket.bucketSeconds * MS_PER_SECOND,
        bad,
      });
    }
  }
  const consumed = buckets.reduce((sum, b) => sum + b.bad, 0);
  let exact = true;
  const bounds = (
    outage: WeightedInterval[],
    counted: (weight: number) => number,
  ): AttributedBounds => {
    let low = 0;
    let high = 0;
    for (const bucket of buckets) {
      const { min, max } = weightRange(outage, bucket.start, bucket.end);
      const a = bucket.bad * counted(min);
      const b = bucket.bad * counted(max);
      low += Math.min(a, b);
      high += Math.max(a, b);
    }
    if (high - low > 1e-9 * Math.max(1, high)) exact = false;
    return { low, high };
  };
  const share = (amount: AttributedBounds) =>
    consumed > 0
      ? { low: amount.low / consumed, high: amount.high / consumed }
      : null;
  const dependencies = lines
    .map(line => {
      const amount = bounds(line.outage, w => w);
      return { ...lineName(line), amount, share: share(amount) };
    })
    .filter(line => line.amount.high > 0)
    .sort(byAmount);
  const unexplained = bounds(anyOut, w => 1 - w);
  return {
    unit: 'events',
    consumed,
    dependencies,
    unexplained: { amount: unexplained, share: share(unexplained) },
    exact,
  };
}

function lineName(line: Line): Pick<DependencyBurn, 'entityRef' | 'group'> {
  return line.group ? { group: line.group } : { entityRef: line.entityRef };
}

function byAmount(a: DependencyBurn, b: DependencyBurn): number {
  return (
    b.amount.low - a.amount.low ||
    b.amount.high - a.amount.high ||
    (a.entityRef ?? a.group!.join(',')).localeCompare(
      b.entityRef ?? b.group!.join(','),
    )
  );
}

/**
 * The lowest and highest outage weight over `[start, end)` (0 wherever no outage covers it).
 */
function weightRange(
  steps: readonly WeightedInterval[],
  start: number,
  end: number,
): { min: number; max: number } {
  const lo = firstEndingAfter(steps, start);
  let min = Infinity;
  let max = 0;
  let cursor = start;
  for (let i = lo; i < steps.length && steps[i].start < end; i++) {
    if (steps[i].start > cursor) min = 0;
    min = Math.min(min, steps[i].weight);
    max = Math.max(max, steps[i].weight);
    cursor = steps[i].end;
  }
  if (cursor < end) min = 0;
  return { min: min === Infinity ? 0 : min, max };
}

function integralSeconds(steps: readonly WeightedInterval[]): number {
  return (
    steps.reduce((sum, s) => sum + (s.end - s.start) * s.weight, 0) /
    MS_PER_SECOND
  );
}

/**
 * Two step functions combined point by point (a missing step weighs 0); sorted, disjoint, zero
 * weights left out and equal neighbours merged.
 *
 * @public
 */
export function combineSteps(
  a: readonly WeightedInterval[],
  b: readonly WeightedInterval[],
  combine: (a: number, b: number) => number,
): WeightedInterval[] {
  const sortedA = [...a].sort((x, y) => x.start - y.start);
  const sortedB = [...b].sort((x, y) => x.start - y.start);
  const bounds = Array.from(
    new Set([...sortedA, ...sortedB].flatMap(s => [s.start, s.end])),
  ).sort((x, y) => x - y);
  const result: WeightedInterval[] = [];
  let i = 0;
  let j = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k];
    const to = bounds[k + 1];
    while (i < sortedA.length && sortedA[i].end <= from) i++;
    while (j < sortedB.length && sortedB[j].end <= from) j++;
    const wa =
      i < sortedA.length && sortedA[i].start <= from ? sortedA[i].weight : 0;
    const wb =
      j < sortedB.length && sortedB[j].start <= from ? sortedB[j].weight : 0;
    const weight = combine(wa, wb);
    if (!(weight > 0)) continue;
    const last = result[result.length - 1];
    if (last && last.end === from && last.weight === weight) last.end = to;
    else result.push({ start: from, end: to, weight });
  }
  return result;
}

/**
 * The pointwise maximum of many step functions, merged in pairs: each step takes part in about
 * log₂(n) merges instead of n when they are folded one after the other.
 */
function maxOfSteps(
  steps: ReadonlyArray<readonly WeightedInterval[]>,
): WeightedInterval[] {
  let level = steps;
  if (level.length === 0) return [];
  while (level.length > 1) {
    const next: Array<readonly WeightedInterval[]> = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(
        i + 1 < level.length
          ? combineSteps(level[i], level[i + 1], Math.max)
          : level[i],
      );
    }
    level = next;
  }
  return combineSteps(level[0], [], Math.max);
}

/**
 * How a line is called in sentences: the dependency's name, or "any of a, b" for a redundancy group.
 *
 * @public
 */
export function dependencyBurnName(
  line: Pick<DependencyBurn, 'entityRef' | 'group'>,
): string {
  return line.group
    ? `any of ${line.group.map(entityDisplayName).join(', ')}`
    : entityDisplayName(line.entityRef ?? '');
}

/**
 * The entities a line names: the dependency, or every member of a redundancy group.
 *
 * @public
 */
export function dependencyBurnRefs(
  line: Pick<DependencyBurn, 'entityRef' | 'group'> | undefined,
): string[] {
  if (!line) return [];
  return line.group ?? (line.entityRef ? [line.entityRef] : []);
}

/**
 * A share as people read it: "62%", or "between 40% and 62%" when it is only known within bounds.
 *
 * @public
 */
export function attributedShareText(share: number | AttributedBounds): string {
  const pct = (value: number) => `${Math.round(value * 100)}%`;
  if (typeof share === 'number') return pct(share);
  return pct(share.low) === pct(share.high)
    ? pct(share.low)
    : `between ${pct(share.low)} and ${pct(share.high)}`;
}

/**
 * "62% of the 2026-11 budget of retail-sla/availability burned during message-bus outages".
 *
 * @public
 */
export function burnAttributionSentence(input: {
  line: Pick<DependencyBurn, 'entityRef' | 'group'>;
  share: number | AttributedBounds;
  /** e.g. `this month's`, `the 2026-11` */
  budget: string;
}): string {
  return `${attributedShareText(input.share)} of ${
    input.budget
  } budget burned during ${dependencyBurnName(input.line)} outages`;
}

/**
 * The figures as the SLA route answers them: seconds and shares as numbers for availability objectives,
 * bounds for event objectives.
 *
 * @public
 */
export function burnAttributionView(
  figures: BurnAttributionFigures,
): BurnAttribution {
  const view = (
    amount: AttributedBounds,
    share: AttributedBounds | null,
  ): Omit<BurnAttributionLine, 'entityRef' | 'group'> =>
    figures.unit === 'seconds'
      ? { share: share && share.low, seconds: amount.low }
      : { share, events: amount };
  return {
    unit: figures.unit,
    dependencies: figures.dependencies.map(line => ({
      ...(line.group ? { group: line.group } : { entityRef: line.entityRef }),
      ...view(line.amount, line.share),
    })),
    unexplained: view(figures.unexplained.amount, figures.unexplained.share),
    exact: figures.exact,
  };
}

/**
 * The lowest share of a line, as verdicts take it (the conservative side).
 *
 * @public
 */
export function attributedShareLow(share: AttributedBounds | number): number {
  return typeof share === 'number' ? share : share.low;
}
