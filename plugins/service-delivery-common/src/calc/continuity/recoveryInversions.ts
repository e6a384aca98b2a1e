/*
 * Dependencies that recover more slowly than the service that needs them, or sit in a lower tier.
 */
import { tierRank, TierPolicies } from './policy';

/**
 * What the inversion walk needs to know about one entity.
 *
 * @public
 */
export interface RecoveryNode {
  tier?: string | null;
  /** The declared RTO in seconds; the tier's applies when absent. */
  rto?: number | null;
  dependsOn?: readonly string[];
  redundancy?: ReadonlyArray<{ anyOf: readonly string[] }>;
}

/** @public */
export type RecoveryGraph =
  | ReadonlyMap<string, RecoveryNode>
  | Readonly<Record<string, RecoveryNode>>;

/** @public */
export interface RecoveryInversion {
  /** The dependency that recovers too slowly or sits in a lower tier. */
  ref: string;
  /** From the service down to the dependency, both included. */
  path: string[];
  /** Its RTO is longer than the service's, its tier lower, or both. */
  reasons: Array<'rto' | 'tier'>;
  /** Its RTO in force, seconds. */
  rto: number | null;
  tier: string | null;
}

/** @public */
export interface RecoveryInversions {
  /** The service's RTO in force, seconds. */
  rto: number | null;
  tier: string | null;
  inversions: RecoveryInversion[];
  /** Dependencies on the way whose recovery time and tier are both unknown. */
  unknown: string[];
}

interface Found {
  /** Paths start at the entity explored. */
  inversions: RecoveryInversion[];
  unknown: Set<string>;
  /**
   * Whether a cycle was cut below the entity: what was found then depends on the way the walk came
   * in, and is not shared with walks from other services.
   */
  cut: boolean;
}

/** What is found below an entity with nothing to report, shared by all such; never changed. */
const NOTHING_FOUND: Found = {
  inversions: [],
  unknown: new Set<string>(),
  cut: false,
};

/** The default bound of what one {@link RecoveryWalks} holds. */
const MAX_SHARED_FINDINGS = 50_000;

/**
 * What the walks found, by the service's RTO, tier rank and tier policies, and how many entities'
 * findings that is in all.
 */
const walkFindings = new WeakMap<
  RecoveryWalks,
  {
    byThresholds: Map<string, Map<string, Found>>;
    /** each tier policies object's key, written once rather than for every walk */
    tierKeys: WeakMap<TierPolicies, string>;
    size: number;
    max: number;
  }
>();

/**
 * What walks over one recovery graph found below each entity, shared by the walks of every service
 * whose RTO and tier in force are the same: an overview walks the same platforms for thousands of
 * services. Only what lies below no cycle is shared — there a walk finds the same whichever service
 * it started from — so every answer is the one a walk of its own would give. Holds one graph's
 * findings: use one per graph, and none for a graph or tier policies that change between walks.
 *
 * @public
 */
export class RecoveryWalks {
  /**
   * `maxShared`: how many entities' findings are held at most, over every RTO and tier walked from
   * (50,000 by default, some 25 MB). Each distinct RTO among the services walks apart, so a catalog
   * whose services declare many different ones would otherwise hold a walk of nearly every service;
   * beyond the bound the walks share what is held and find the rest on their own.
   */
  constructor(options: { maxShared?: number } = {}) {
    walkFindings.set(this, {
      byThresholds: new Map(),
      tierKeys: new WeakMap(),
      size: 0,
      max: options.maxShared ?? MAX_SHARED_FINDINGS,
    });
  }

  /** How many entities' findings are held for other walks, over every RTO and tier walked from. */
  get shared(): number {
    return stateOf(this).size;
  }
}

/** Made by the constructor, so every instance has one. */
function stateOf(walks: RecoveryWalks) {
  return walkFindings.get(walks)!;
}

/** The findings of the walks from services of one RTO and tier rank, and a way to add to them. */
function findingsOf(
  walks: RecoveryWalks,
  tiers: TierPolicies,
  rto: number | null,
  rank: number | null,
): {
  get(ref: string): Found | undefined;
  add(ref: string, found: Found): void;
} {
  const state = stateOf(walks);
  let tierKey = state.tierKeys.get(tiers);
  if (tierKey === undefined) {
    tierKey = JSON.stringify(tiers);
    state.tierKeys.set(tiers, tierKey);
  }
  const key = `${rto}\u0000${rank}\u0000${tierKey}`;
  let held = state.byThresholds.get(key);
  if (!held) {
    held = new Map();
    state.byThresholds.set(key, held);
  }
  const findings = held;
  return {
    get: ref => findings.get(ref),
    add(ref, found) {
      if (state.size >= state.max || findings.has(ref)) return;
      findings.set(ref, found);
      state.size += 1;
    },
  };
}

/**
 * The dependencies that make a service's RTO or tier impossible to honour: every entity it needs whose
 * RTO in force is longer than the service's, or whose tier ranks below the service's.
 *
 * The walk follows `dependsOn` down from the service. A dependency that is inverted is reported and
 * not walked below (what it depends on is its own problem, on its own tab); one that is fine is walked
 * below, since its own dependencies bound the service's recovery as much as it does. A redundancy
 * group is fine when any one member is fine with nothing inverted below it — then none of its members
 * is reported; otherwise every member's findings are. Refs not in the graph and entities that declare
 * neither an RTO nor a known tier are reported as unknown. Cycles are cut where they close. Walks of
 * one graph given the same `walks` reuse what the others found below each entity ({@link RecoveryWalks}).
 *
 * @public
 */
export function recoveryInversions(
  root: string,
  graph: RecoveryGraph,
  tiers: TierPolicies,
  walks?: RecoveryWalks,
): RecoveryInversions {
  const lookup = (ref: string): RecoveryNode | undefined => {
    if (isMap(graph)) return graph.get(ref);
    return Object.prototype.hasOwnProperty.call(graph, ref)
      ? graph[ref]
      : undefined;
  };
  const rtoOf = (node: RecoveryNode | undefined): number | null => {
    if (!node) return null;
    if (typeof node.rto === 'number') return node.rto;
    const rank = tierRank(tiers, node.tier);
    const policyRto = rank === null ? undefined : tiers[node.tier!].rto;
    return typeof policyRto === 'number' ? policyRto : null;
  };

  const rootNode = lookup(root);
  const rootRto = rtoOf(rootNode);
  const rootRank = tierRank(tiers, rootNode?.tier);
  const result: RecoveryInversions = {
    rto: rootRto,
    tier: rootNode?.tier ?? null,
    inversions: [],
    unknown: [],
  };
  if (!rootNode || (rootRto === null && rootRank === null)) return result;

  const explored = new Map<string, Found>();
  const shared = walks && findingsOf(walks, tiers, rootRto, rootRank);
  const visiting = new Set<string>([root]);

  // The dependency itself and, when it is fine, everything below it.
  function assess(ref: string): Found & { clean: boolean } {
    const node = lookup(ref);
    const rto = rtoOf(node);
    const rank = tierRank(tiers, node?.tier);
    const reasons: Array<'rto' | 'tier'> = [];
    if (rootRto !== null && rto !== null && rto > rootRto) reasons.push('rto');
    if (rootRank !== null && rank !== null && rank > rootRank) {
      reasons.push('tier');
    }
    if (reasons.length > 0) {
      return {
        inversions: [
          { ref, path: [ref], reasons, rto, tier: node?.tier ?? null },
        ],
        unknown: new Set(),
        cut: false,
        clean: false,
      };
    }
    const known = rto !== null || rank !== null;
    const below = node ? explore(ref, node) : NOTHING_FOUND;
    // an explored entity's findings never change: shared, not copied, by everything above it
    const unknown = known ? below.unknown : new Set(below.unknown).add(ref);
    return {
      inversions: below.inversions.map(inversion => ({
        ...inversion,
        path: [ref, ...inversion.path],
      })),
      unknown,
      cut: below.cut,
      clean: known && below.inversions.length === 0 && below.unknown.size === 0,
    };
  }

  function explore(ref: string, node: RecoveryNode): Found {
    const done = explored.get(ref) ?? shared?.get(ref);
    if (done) return done;
    visiting.add(ref);
    const found = emptyFound();
    // one inversion per dependency, by its shortest path (the first of equal ones), as the answer
    // keeps: every path to it kept at every level would grow with the paths through the graph
    const indexOf = new Map<string, number>();
    const add = (part: Found) => {
      for (const inversion of part.inversions) {
        const index = indexOf.get(inversion.ref);
        if (index === undefined) {
          indexOf.set(inversion.ref, found.inversions.length);
          found.inversions.push(inversion);
        } else if (
          inversion.path.length < found.inversions[index].path.length
        ) {
          found.inversions[index] = inversion;
        }
      }
      part.unknown.forEach(u => found.unknown.add(u));
    };
    for (const unit of dependencyUnits(node)) {
      const members = unit.refs.filter(dep => !visiting.has(dep));
      if (members.length < unit.refs.length) found.cut = true;
      if (members.length === 0) continue;
      const assessed = members.map(assess);
      // whether a group is skipped depends on its members' findings, cut or not
      if (assessed.some(member => member.cut)) found.cut = true;
      if (unit.anyOf && assessed.some(member => member.clean)) continue;
      assessed.forEach(add);
    }
    visiting.delete(ref);
    // most entities have nothing below them to report: they share one answer
    const answer =
      found.inversions.length === 0 && found.unknown.size === 0 && !found.cut
        ? NOTHING_FOUND
        : found;
    explored.set(ref, answer);
    if (!answer.cut) shared?.add(ref, answer);
    return answer;
  }

  const found = explore(root, rootNode);
  const shortest = new Map<string, RecoveryInversion>();
  for (const inversion of found.inversions) {
    const path = [root, ...inversion.path];
    const known = shortest.get(inversion.ref);
    if (!known || path.length < known.path.length) {
      shortest.set(inversion.ref, { ...inversion, path });
    }
  }
  result.inversions = [...shortest.values()].sort(
    (a, b) => a.path.length - b.path.length || a.ref.localeCompare(b.ref),
  );
  result.unknown = [...found.unknown].sort();
  return result;
}

function emptyFound(): Found {
  return { inversions: [], unknown: new Set(), cut: false };
}

/**
 * A node's dependencies: each plain one alone, each redundancy group as one unit.
 *
 * @public
 */
export function dependencyUnits(node: {
  dependsOn?: readonly string[];
  redundancy?: ReadonlyArray<{ anyOf: readonly string[] }>;
}): Array<{ anyOf: boolean; refs: string[] }> {
  const groups = node.redundancy ?? [];
  const grouped = new Set(groups.flatMap(group => group.anyOf));
  return [
    ...Array.from(new Set(node.dependsOn ?? []))
      .filter(dep => !grouped.has(dep))
      .map(dep => ({ anyOf: false, refs: [dep] })),
    ...groups
      .map(group => ({ anyOf: true, refs: Array.from(new Set(group.anyOf)) }))
      .filter(group => group.refs.length > 0),
  ];
}

function isMap(
  graph: RecoveryGraph,
): graph is ReadonlyMap<string, RecoveryNode> {
  return typeof (graph as ReadonlyMap<string, RecoveryNode>).get === 'function';
}
