/** What the composite calculation needs to know about one entity. */
export interface CompositeNode {
  /**
   * Its own availability in percent: the agreed target or, with data, the measured figure. When absent
   * it counts as 100 % (and is reported as unknown) while its own dependencies still count.
   */
  availability?: number | null;
  dependsOn?: readonly string[];
  /** Groups of dependencies of which any one suffices (failover pairs). */
  redundancy?: ReadonlyArray<{ anyOf: readonly string[] }>;
}

/** Entity ref → node. Refs are matched exactly as given, so normalise them before building the graph. */
export type DependencyGraph =
  | ReadonlyMap<string, CompositeNode>
  | Readonly<Record<string, CompositeNode>>;

export interface DependencyLimit {
  ref: string;
  /** Its own availability, percent. */
  availability: number;
  /** Percentage points the ceiling would gain if this entity never failed. */
  contribution: number;
}

export interface CompositeAvailability {
  /** The best availability the dependencies allow, percent (100 when nothing known limits it). */
  achievable: number;
  /** Every known entity below the root that lowers the ceiling, most limiting first. */
  limitingDependencies: DependencyLimit[];
  /** Refs not in the graph (ignored) and entities in it without an availability (taken as 100 %). */
  unknown: string[];
  /** Dependency edges left out because they close a cycle back to an entity being evaluated. */
  cycles: Array<{ from: string; to: string }>;
  /**
   * False when too many entities are shared between branches for the exact calculation, and shared
   * entities were treated as independent in each branch instead.
   */
  exact: boolean;
}

/**
 * Above this many shared entities of uncertain state (behind redundancy), the 2ⁿ exact enumeration gives
 * way to treating them as independent in each branch.
 */
const MAX_SHARED_FOR_EXACT = 10;

/**
 * The availability ceiling that `root`'s dependencies put on it, assuming entities fail independently.
 *
 * The root is up when every dependency unit is up: a plain dependency is up when it is itself up and its
 * own dependencies are (recursively), a redundancy group when any of its members is. So a serial chain
 * multiplies, a group gives 1 − Π(1 − aᵢ). The root's own availability is not part of the ceiling: the
 * ceiling is what the dependencies allow, to be compared with the root's target.
 *
 * An entity reached along several paths (a diamond: A→B→D, A→C→D) is one entity that fails once, not
 * twice: the calculation conditions on the state of such shared entities (exact, by enumeration), so a
 * serial diamond gives aB·aC·aD rather than aB·aD·aC·aD. Cycles are cut where they close (the edge back to
 * an entity already being evaluated is dropped and reported).
 */
export function compositeAvailability(
  root: string,
  graph: DependencyGraph,
  options: {
    /**
     * Whether to rank the limiting dependencies, which costs one more evaluation per entity below
     * the root behind redundancy (true by default); without, `limitingDependencies` is empty.
     */
    limits?: boolean;
  } = {},
): CompositeAvailability {
  const structure = buildStructure(root, graph);
  const base = ceiling(structure, structure.own);

  const limitingDependencies: DependencyLimit[] = [];
  for (const ref of options.limits === false ? [] : structure.order) {
    const own = structure.own.get(ref) ?? 1;
    if (ref === root || !structure.known.has(ref) || own >= 1) continue;
    // A required entity is a plain factor of the ceiling: without its failures the ceiling is
    // base / own, with no need to evaluate the graph again.
    const improved =
      structure.required.has(ref) && own > 0
        ? base.value / own
        : ceiling(structure, new Map(structure.own).set(ref, 1)).value;
    const contribution = (improved - base.value) * 100;
    if (contribution > 0) {
      limitingDependencies.push({ ref, availability: own * 100, contribution });
    }
  }
  limitingDependencies.sort(
    (a, b) =>
      b.contribution - a.contribution ||
      a.availability - b.availability ||
      a.ref.localeCompare(b.ref),
  );

  return {
    achievable: base.value * 100,
    limitingDependencies,
    unknown: Array.from(structure.unknown).sort(),
    cycles: structure.cycles,
    exact: base.exact,
  };
}

/** True when the target does not exceed what the dependencies allow. */
export function isTargetAchievable(
  target: number,
  achievable: number,
): boolean {
  return target <= achievable + 1e-9;
}

interface Unit {
  anyOf: boolean;
  refs: string[];
}

interface Structure {
  root: string;
  /** Every reachable entity, each after all it depends on. */
  order: string[];
  units: Map<string, Unit[]>;
  /** Own availability as a probability (1 when unknown). */
  own: Map<string, number>;
  known: Set<string>;
  /** How many dependency edges point at each entity. */
  occurrences: Map<string, number>;
  unknown: Set<string>;
  cycles: Array<{ from: string; to: string }>;
  /** Entities the root needs through plain dependencies only, never behind a redundancy group. */
  required: Set<string>;
  /** Shared entities whose state is still uncertain once every required entity is taken as up. */
  uncertainShared: number;
}

function buildStructure(root: string, graph: DependencyGraph): Structure {
  const lookup = (ref: string): CompositeNode | undefined => {
    if (isMap(graph)) return graph.get(ref);
    return Object.prototype.hasOwnProperty.call(graph, ref)
      ? graph[ref]
      : undefined;
  };

  const structure: Structure = {
    root,
    order: [],
    units: new Map(),
    own: new Map(),
    known: new Set(),
    occurrences: new Map(),
    unknown: new Set(),
    cycles: [],
    required: new Set(),
    uncertainShared: 0,
  };
  const visiting = new Set<string>();

  const visit = (ref: string, node: CompositeNode) => {
    visiting.add(ref);
    if (ref !== root) {
      if (node.availability === undefined || node.availability === null) {
        structure.unknown.add(ref);
        structure.own.set(ref, 1);
      } else {
        if (!(node.availability >= 0 && node.availability <= 100)) {
          throw new RangeError(
            `${ref}: availability must be a percentage from 0 to 100, got ${node.availability}`,
          );
        }
        structure.known.add(ref);
        structure.own.set(ref, node.availability / 100);
      }
    }

    const groups = node.redundancy ?? [];
    const grouped = new Set(groups.flatMap(group => group.anyOf));
    const declared: Unit[] = [
      ...distinct(node.dependsOn ?? [])
        .filter(dep => !grouped.has(dep))
        .map(dep => ({ anyOf: false, refs: [dep] })),
      ...groups.map(group => ({ anyOf: true, refs: distinct(group.anyOf) })),
    ];

    const units: Unit[] = [];
    for (const unit of declared) {
      const refs: string[] = [];
      for (const dep of unit.refs) {
        const depNode = lookup(dep);
        if (!depNode) {
          structure.unknown.add(dep);
        } else if (visiting.has(dep)) {
          structure.cycles.push({ from: ref, to: dep });
        } else {
          if (!structure.units.has(dep)) visit(dep, depNode);
          refs.push(dep);
          structure.occurrences.set(
            dep,
            (structure.occurrences.get(dep) ?? 0) + 1,
          );
        }
      }
      if (refs.length > 0) units.push({ anyOf: unit.anyOf, refs });
    }

    structure.units.set(ref, units);
    structure.order.push(ref);
    visiting.delete(ref);
  };

  const rootNode = lookup(root);
  if (rootNode) visit(root, rootNode);
  else structure.unknown.add(root);

  const pending = [root];
  while (pending.length > 0) {
    for (const unit of structure.units.get(pending.pop()!) ?? []) {
      if (unit.anyOf || structure.required.has(unit.refs[0])) continue;
      structure.required.add(unit.refs[0]);
      pending.push(unit.refs[0]);
    }
  }
  // order lists dependencies first, so each entity's answer is known when its dependants ask
  const redundancyBelow = new Map<string, boolean>();
  for (const ref of structure.order) {
    const units = structure.units.get(ref) ?? [];
    redundancyBelow.set(
      ref,
      units.some(
        unit => unit.anyOf || unit.refs.some(dep => redundancyBelow.get(dep)),
      ),
    );
  }
  structure.uncertainShared = structure.order.filter(
    ref =>
      (structure.occurrences.get(ref) ?? 0) >= 2 &&
      (!structure.required.has(ref) || redundancyBelow.get(ref)),
  ).length;
  return structure;
}

/**
 * Probability that all of the root's dependency units are up. Required entities are factored out first.
 * Shared entities (more than one edge points at them) are then enumerated: with each one's "up with
 * everything below it" event fixed, the remaining entities each sit on a single path and are
 * independent, so plain products are exact. The joint probability of the fixed events is built
 * bottom-up, each conditioned on the shared entities below it; branches of probability 0 are skipped,
 * so shared entities that are certainly up once the required ones are cost nothing.
 */
function ceiling(
  structure: Structure,
  ownAvailability: Map<string, number>,
): { value: number; exact: boolean } {
  // Every required entity must be up for the root to be: its own availability is a plain factor, and
  // given that it is up it no longer varies, however many paths lead to it.
  let requiredUp = 1;
  const own = new Map(ownAvailability);
  for (const ref of structure.required) {
    requiredUp *= own.get(ref) ?? 1;
    own.set(ref, 1);
  }
  const shared = structure.order.filter(
    ref => (structure.occurrences.get(ref) ?? 0) >= 2,
  );
  const exact = structure.uncertainShared <= MAX_SHARED_FOR_EXACT;
  const fixed = new Map<string, number>();
  const approximated = new Map<string, number>();

  function upWithDependencies(ref: string): number {
    const known = fixed.get(ref);
    if (known !== undefined) return known;
    if (!exact) {
      const cached = approximated.get(ref);
      if (cached !== undefined) return cached;
      const value = (own.get(ref) ?? 1) * unitsUp(ref);
      approximated.set(ref, value);
      return value;
    }
    return (own.get(ref) ?? 1) * unitsUp(ref);
  }

  function unitsUp(ref: string): number {
    let probability = 1;
    for (const unit of structure.units.get(ref) ?? []) {
      if (unit.anyOf) {
        let allDown = 1;
        for (const member of unit.refs)
          allDown *= 1 - upWithDependencies(member);
        probability *= 1 - allDown;
      } else {
        probability *= upWithDependencies(unit.refs[0]);
      }
    }
    return probability;
  }

  if (!exact) return { value: requiredUp * unitsUp(structure.root), exact };

  let value = 0;
  const enumerate = (index: number, weight: number) => {
    if (weight === 0) return;
    if (index === shared.length) {
      value += weight * unitsUp(structure.root);
      return;
    }
    const ref = shared[index];
    const up = (own.get(ref) ?? 1) * unitsUp(ref);
    fixed.set(ref, 1);
    enumerate(index + 1, weight * up);
    fixed.set(ref, 0);
    enumerate(index + 1, weight * (1 - up));
    fixed.delete(ref);
  };
  enumerate(0, 1);
  return { value: requiredUp * value, exact };
}

function isMap(
  graph: DependencyGraph,
): graph is ReadonlyMap<string, CompositeNode> {
  return (
    typeof (graph as ReadonlyMap<string, CompositeNode>).get === 'function' &&
    typeof (graph as ReadonlyMap<string, CompositeNode>).has === 'function'
  );
}

function distinct(refs: readonly string[]): string[] {
  return Array.from(new Set(refs));
}
