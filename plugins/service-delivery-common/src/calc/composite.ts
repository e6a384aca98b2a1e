/**
 * What the composite calculation needs to know about one entity.
 *
 * @public
 */
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

/**
 * Entity ref → node, as a map, an object or a function that reads a node when first asked for it.
 * Refs are matched exactly as given, so normalise them before building the graph.
 *
 * @public
 */
export type DependencyGraph =
  | ReadonlyMap<string, CompositeNode>
  | Readonly<Record<string, CompositeNode>>
  | ((ref: string) => CompositeNode | undefined);

/** @public */
export interface DependencyLimit {
  ref: string;
  /** Its own availability, percent. */
  availability: number;
  /**
   * Percentage points the ceiling would gain if this entity never failed (on the lower bounds when
   * the ceiling is not exact).
   */
  contribution: number;
}

/** @public */
export interface CompositeAvailability {
  /**
   * The best availability the dependencies allow, percent (100 when nothing known limits it). When the
   * ceiling is not exact this is its lower bound, the conservative figure.
   */
  achievable: number;
  /** The ceiling as an interval, percent; low = high when exact. */
  bounds: { low: number; high: number };
  /**
   * False when more entities are shared between redundant branches than are enumerated exactly
   * (`MAX_EXACT_SHARED`): the true ceiling then lies somewhere in `bounds`.
   */
  exact: boolean;
  /** Every known entity below the root that lowers the ceiling, most limiting first. */
  limitingDependencies: DependencyLimit[];
  /** Refs not in the graph (ignored) and entities in it without an availability (taken as 100 %). */
  unknown: string[];
  /** Dependency edges that close a cycle back to an entity being walked: they add no requirement. */
  cycles: Array<{ from: string; to: string }>;
}

/**
 * Whether a target fits under a ceiling: surely, surely not, or only perhaps when it is an interval.
 *
 * @public
 */
export type Feasibility = 'achievable' | 'unachievable' | 'uncertain';

/**
 * How many entities shared between redundant branches are enumerated exactly (2ⁿ cases). Beyond
 * them the ceiling is bounded instead, never guessed.
 *
 * @public
 */
export const MAX_EXACT_SHARED = 12;

/**
 * How many values of the expression's parts one evaluation computes at most while enumerating
 * shared entities, and as much again for ranking the limiting dependencies. A graph large and
 * entangled enough to need more has fewer entities enumerated (the others bounded, so `exact` is
 * false) and only the most uncertain dependencies ranked, so that no catalog makes one evaluation
 * hold the event loop for long.
 *
 * @public
 */
export const EVALUATION_BUDGET = 2_000_000;

const EPSILON = 1e-9;

/**
 * True when the target does not exceed what the dependencies allow (its lower bound, if bounded).
 *
 * @public
 */
export function isTargetAchievable(
  target: number,
  achievable: number,
): boolean {
  return target <= achievable + EPSILON;
}

/**
 * A target against a ceiling: `achievable` when it fits under the lower bound, `unachievable` when it
 * is above the upper bound, `uncertain` in between (only possible when the ceiling is not exact).
 *
 * @public
 */
export function feasibilityOf(
  target: number,
  ceiling: Pick<CompositeAvailability, 'bounds'>,
): Feasibility {
  if (target <= ceiling.bounds.low + EPSILON) return 'achievable';
  if (target > ceiling.bounds.high + EPSILON) return 'unachievable';
  return 'uncertain';
}

/** What an entity's edges say, in ids: the same in every graph of the same entities and edges. */
interface Links {
  /** Plain dependencies (those not in any redundancy group) in the graph. */
  plain: number[];
  /** Redundancy groups, members in the graph only; empty groups left out. */
  groups: Group[];
  /** Refs it names that are not in the graph. */
  missing: string[];
  /** Every entity it names that is in the graph: plain dependencies, then group members. */
  edges: number[];
}

/**
 * The entities and edges of a graph and what is worked out from them alone, shared by the
 * evaluators of graphs that differ only in availabilities (one per measurement period).
 */
class GraphStructure {
  readonly ids = new Map<string, number>();
  readonly refs: string[] = [];
  /** Each entity's links, once its dependencies were first read. */
  readonly links: Array<Links | undefined> = [];
  /** What each group member needs (step 1), kept across roots. */
  readonly requirements = new Map<number, Int32Array>();
  readonly resolving = new Set<number>();
  readonly groupNeeds = new Map<string, number[]>();
  /** Marks of the current root's required set, and of each branch's, by evaluation stamp. */
  readonly mark: number[] = [];
  stamp = 0;
}

interface Group {
  members: number[];
  /** The same members make the same event, whoever declares the group. */
  key: string;
}

/** A probability known exactly, or only within bounds. */
interface Interval {
  low: number;
  high: number;
  exact: boolean;
}

type Expression =
  | { kind: 'variable'; id: number; shared: number[] }
  | Combination;

interface Combination {
  kind: 'all' | 'any';
  children: Expression[];
  /** Entities that appear more than once in the whole expression and somewhere below here. */
  shared: number[];
}

/**
 * One dependency graph, answering the ceiling of any of its entities. Entities are read from the graph
 * as they are first reached and kept, so that a refresh over thousands of services reads and
 * normalises each once.
 *
 * The root is up when every entity it needs through plain dependencies is up and, for every redundancy
 * group declared on the way, at least one member is up with everything below it. The calculation:
 *
 * 1. **Required entities** are factored out exactly: everything reachable over plain dependencies,
 *    and everything that every member of a redundancy group needs (the platforms both sides of a
 *    failover pair stand on). Their availabilities multiply, each counted once however many paths
 *    lead to it; given that they are up they no longer vary.
 * 2. What remains is the redundancy groups, each an OR over its members, each member an AND over the
 *    entities it needs beyond those already required and its own groups; a group whose members are
 *    the same as one already required is the same event and counts once.
 * 3. An entity that appears in more than one place of that expression makes the places dependent:
 *    up to `MAX_EXACT_SHARED` such entities are enumerated (up, down), which is exact. Beyond them the
 *    rest are bounded — independent parts multiply exactly; parts that share an entity are bounded
 *    by Harris' inequality (increasing events of independent entities are positively correlated:
 *    P(A ∧ B) ≥ P(A)·P(B), P(A ∨ B) ≤ 1 − (1 − P(A))(1 − P(B))).
 *
 * @public
 */
export class CompositeEvaluator {
  private readonly structure: GraphStructure;
  private readonly ids: Map<string, number>;
  private readonly refs: string[];
  private readonly requirements: Map<number, Int32Array>;
  private readonly resolving: Set<number>;
  private readonly groupNeeds: Map<string, number[]>;
  private readonly mark: number[];
  /** Own availability of each entity as a probability (1 when unknown), by id; this graph's own. */
  private readonly own: number[] = [];
  /** Whether the graph gives the entity an availability, by id. */
  private readonly known: boolean[] = [];
  /** What the graph says of an entity until its dependencies are read (when first walked). */
  private readonly inputs = new Map<number, CompositeNode>();
  private readonly lookup: (ref: string) => CompositeNode | undefined;
  /** Values of expression parts computed by the latest evaluation (see `EVALUATION_BUDGET`). */
  work = 0;
  /** Ceilings asked for without limits or details, by root: the graph never changes. */
  private readonly ceilings = new Map<string, CompositeAvailability>();

  /**
   * `options.sameEdgesAs`: an evaluator of a graph with the same entities and the same edges, whose
   * availabilities alone differ (another measurement period of the same catalog): what is worked
   * out from the entities and edges is shared with it instead of held twice.
   */
  constructor(
    graph: DependencyGraph,
    options: { sameEdgesAs?: CompositeEvaluator } = {},
  ) {
    this.structure = options.sameEdgesAs?.structure ?? new GraphStructure();
    this.ids = this.structure.ids;
    this.refs = this.structure.refs;
    this.requirements = this.structure.requirements;
    this.resolving = this.structure.resolving;
    this.groupNeeds = this.structure.groupNeeds;
    this.mark = this.structure.mark;
    if (typeof graph === 'function') this.lookup = graph;
    else if (isMap(graph)) this.lookup = ref => graph.get(ref);
    else
      this.lookup = ref =>
        Object.prototype.hasOwnProperty.call(graph, ref)
          ? graph[ref]
          : undefined;
  }

  evaluate(
    root: string,
    options: {
      /**
       * Whether to rank the limiting dependencies, which costs an evaluation of the remaining
       * expression per entity behind redundancy (true by default); without, the list is empty.
       */
      limits?: boolean;
      /**
       * Whether to report the unknown entities and the cycles, which costs a walk of everything
       * below the root (true by default); without, both lists are empty.
       */
      details?: boolean;
    } = {},
  ): CompositeAvailability {
    const ceilingOnly = options.limits === false && options.details === false;
    if (ceilingOnly) {
      const known = this.ceilings.get(root);
      if (known) {
        this.work = 0;
        return known;
      }
    }
    const result = this.evaluateOnce(root, options);
    if (ceilingOnly) this.ceilings.set(root, result);
    return result;
  }

  private evaluateOnce(
    root: string,
    options: { limits?: boolean; details?: boolean },
  ): CompositeAvailability {
    this.work = 0;
    const rootId = this.idOf(root);
    if (rootId === undefined) {
      return {
        achievable: 100,
        bounds: { low: 100, high: 100 },
        exact: true,
        limitingDependencies: [],
        unknown: [root],
        cycles: [],
      };
    }
    const walk =
      options.limits === false && options.details === false
        ? { order: [] as number[], unknown: [] as string[], cycles: [] }
        : this.walk(rootId);

    // 1. the required set, closed under plain dependencies and group requirements
    const required = this.nextStamp();
    this.mark[rootId] = required;
    const requiredIds = [rootId];
    this.require(requiredIds, required, [rootId]);
    let factor = 1;
    for (const id of requiredIds) {
      if (id !== rootId) factor *= this.ownOf(id);
    }

    // 2. the groups that remain, as an expression over the entities not required
    const expression = this.expression(requiredIds, required, new Set());
    const shared = sharedVariables(expression);
    // without shared entities the expression is a tree of independent parts: one pass, and what
    // one entity never failing would give follows its path up to the root
    const tree =
      shared.length === 0
        ? treeValues(expression, id => this.ownOf(id))
        : undefined;
    const size = tree ? 0 : expressionSize(expression);
    const residual = tree
      ? { low: tree.value, high: tree.value, exact: true }
      : this.probability(
          expression,
          shared,
          new Map(),
          enumerable(EVALUATION_BUDGET, size),
        );
    const bounds = { low: factor * residual.low, high: factor * residual.high };

    const limitingDependencies: DependencyLimit[] = [];
    // behind shared entities each dependency ranked costs an evaluation: the most uncertain first,
    // as many as the budget allows, each compared with an evaluation of the same precision
    let ranked = new Set<number>();
    let rankedEnumeration = 0;
    let rankedBase = residual.low;
    let rankedDependent: Set<Expression> | undefined;
    if (!tree && options.limits !== false) {
      const mentioned = variablesOf(expression);
      const candidates = walk.order.filter(
        id =>
          id !== rootId &&
          this.knownOf(id) &&
          this.ownOf(id) < 1 &&
          this.mark[id] !== required &&
          mentioned.has(id),
      );
      ranked = new Set(
        this.byUncertainty(candidates).slice(
          0,
          Math.max(1, Math.floor(EVALUATION_BUDGET / size)),
        ),
      );
      rankedEnumeration = enumerable(
        EVALUATION_BUDGET / Math.max(1, ranked.size),
        size,
      );
      rankedDependent = dependentParts(
        expression,
        new Set(this.byUncertainty(shared).slice(rankedEnumeration)),
      );
      if (rankedEnumeration !== enumerable(EVALUATION_BUDGET, size)) {
        rankedBase = this.probability(
          expression,
          shared,
          new Map(),
          rankedEnumeration,
          rankedDependent,
        ).low;
      }
    }
    if (options.limits !== false) {
      for (const id of walk.order) {
        const own = this.ownOf(id);
        if (id === rootId || !this.knownOf(id) || own >= 1) continue;
        let improved: number;
        if (this.mark[id] === required) {
          // a required entity is a plain factor of the ceiling
          improved =
            own > 0
              ? bounds.low / own
              : this.factorWithout(requiredIds, rootId, id) * residual.low;
        } else if (tree?.variables.has(id)) {
          improved = factor * tree.raised(id);
        } else if (ranked.has(id)) {
          improved =
            factor *
            (this.probability(
              expression,
              shared,
              new Map([[id, 1]]),
              rankedEnumeration,
              rankedDependent,
            ).low -
              rankedBase +
              residual.low);
        } else {
          continue;
        }
        const contribution = (improved - bounds.low) * 100;
        if (contribution > EPSILON) {
          limitingDependencies.push({
            ref: this.refs[id],
            availability: own * 100,
            contribution,
          });
        }
      }
      limitingDependencies.sort(
        (a, b) =>
          b.contribution - a.contribution ||
          a.availability - b.availability ||
          a.ref.localeCompare(b.ref),
      );
    }

    return {
      achievable: bounds.low * 100,
      bounds: { low: bounds.low * 100, high: bounds.high * 100 },
      exact: residual.exact,
      limitingDependencies,
      unknown: walk.unknown.sort(),
      cycles: walk.cycles,
    };
  }

  private idOf(ref: string): number | undefined {
    const shared = this.ids.get(ref);
    if (shared !== undefined && this.own[shared] !== undefined) return shared;
    const input = this.lookup(ref);
    if (!input) {
      if (shared !== undefined) throw this.notSameEdges(ref);
      return undefined;
    }
    const availability = input.availability;
    const declared = availability !== undefined && availability !== null;
    if (declared && !(availability >= 0 && availability <= 100)) {
      throw new RangeError(
        `${ref}: availability must be a percentage from 0 to 100, got ${availability}`,
      );
    }
    let id = shared;
    if (id === undefined) {
      id = this.refs.length;
      this.ids.set(ref, id);
      this.refs.push(ref);
      this.structure.links.push(undefined);
      this.mark.push(0);
    }
    this.own[id] = declared ? availability / 100 : 1;
    this.known[id] = declared;
    if (!this.structure.links[id]) this.inputs.set(id, input);
    return id;
  }

  private notSameEdges(ref: string): Error {
    return new Error(
      `${ref} is in a graph whose edges this evaluator shares but not in its own: evaluators share edges only between graphs of the same entities`,
    );
  }

  /**
   * The entity's links with its dependencies read: each entity's when first needed (by any
   * evaluator sharing the edges), never recursively. Their availabilities in this graph are read
   * when first asked for (`ownOf`).
   */
  private node(id: number): Links {
    let links = this.structure.links[id];
    if (!links) {
      const input = this.inputs.get(id) ?? this.lookup(this.refs[id]);
      if (!input) throw this.notSameEdges(this.refs[id]);
      links = this.readLinks(input);
      this.structure.links[id] = links;
    }
    this.inputs.delete(id);
    return links;
  }

  /**
   * An entity's own availability in this graph, read when first needed: an entity reached through
   * what another evaluator sharing the edges worked out may not have been read here yet.
   */
  private ownOf(id: number): number {
    const own = this.own[id];
    return own !== undefined ? own : this.readOwn(id);
  }

  private knownOf(id: number): boolean {
    if (this.known[id] === undefined) this.readOwn(id);
    return this.known[id];
  }

  private readOwn(id: number): number {
    if (this.idOf(this.refs[id]) === undefined) {
      throw this.notSameEdges(this.refs[id]);
    }
    return this.own[id];
  }

  private readLinks(input: CompositeNode): Links {
    const links: Links = { plain: [], groups: [], missing: [], edges: [] };
    const grouped = new Set<string>();
    for (const group of input.redundancy ?? []) {
      for (const member of group.anyOf) grouped.add(member);
    }
    for (const dep of distinct(input.dependsOn ?? [])) {
      if (grouped.has(dep)) continue;
      const depId = this.idOf(dep);
      if (depId === undefined) links.missing.push(dep);
      else links.plain.push(depId);
    }
    for (const group of input.redundancy ?? []) {
      const members: number[] = [];
      for (const member of distinct(group.anyOf)) {
        const memberId = this.idOf(member);
        if (memberId === undefined) links.missing.push(member);
        else members.push(memberId);
      }
      if (members.length > 0) {
        const sorted = [...new Set(members)].sort((a, b) => a - b);
        links.groups.push({ members: sorted, key: sorted.join(',') });
      }
    }
    links.edges = [...links.plain, ...links.groups.flatMap(g => g.members)];
    return links;
  }

  /**
   * Every entity reachable from the root (dependencies first), the refs it names that are missing or
   * have no availability, and the edges back to an entity still being walked.
   */
  private walk(rootId: number) {
    const order: number[] = [];
    const unknown = new Set<string>();
    const cycles: Array<{ from: string; to: string }> = [];
    const visiting = this.nextStamp();
    const done = this.nextStamp();
    // iterative depth-first walk: deep chains must not exhaust the stack
    const ids: number[] = [];
    const next: number[] = [];
    const enter = (id: number) => {
      const node = this.node(id);
      this.mark[id] = visiting;
      for (const ref of node.missing) unknown.add(ref);
      if (id !== rootId && !this.knownOf(id)) unknown.add(this.refs[id]);
      ids.push(id);
      next.push(0);
    };
    enter(rootId);
    while (ids.length > 0) {
      const top = ids.length - 1;
      const edges = this.node(ids[top]).edges;
      if (next[top] < edges.length) {
        const dep = edges[next[top]++];
        if (this.mark[dep] === visiting) {
          cycles.push({
            from: this.refs[ids[top]],
            to: this.refs[dep],
          });
        } else if (this.mark[dep] !== done) {
          enter(dep);
        }
      } else {
        this.mark[ids[top]] = done;
        order.push(ids[top]);
        ids.pop();
        next.pop();
      }
    }
    return { order, unknown: [...unknown], cycles };
  }

  /**
   * Adds to `set` (entities marked `stamp`) everything the entities of `from` need: their plain
   * dependencies, recursively, and what every member of each of their groups needs.
   */
  private require(set: number[], stamp: number, from: number[]): void {
    const pending = [...from];
    while (pending.length > 0) {
      const node = this.node(pending.pop()!);
      for (const dep of node.plain) {
        if (this.mark[dep] !== stamp) {
          this.mark[dep] = stamp;
          set.push(dep);
          pending.push(dep);
        }
      }
      for (const group of node.groups) {
        for (const id of this.neededByEveryMember(group)) {
          if (this.mark[id] !== stamp) {
            this.mark[id] = stamp;
            set.push(id);
            pending.push(id);
          }
        }
      }
    }
  }

  /** The entities every member of the group needs (members included when there is one). */
  private neededByEveryMember(group: Group): number[] {
    const kept = this.groupNeeds.get(group.key);
    if (kept) return kept;
    const needs = this.intersectRequirements(group);
    if (this.resolving.size === 0) this.groupNeeds.set(group.key, needs);
    return needs;
  }

  private intersectRequirements(group: Group): number[] {
    let common: Set<number> | undefined;
    for (const member of group.members) {
      const needs = this.requirementsOf(member);
      if (!common) {
        common = new Set(needs);
      } else {
        const inBoth = new Set<number>();
        for (const id of needs) if (common.has(id)) inBoth.add(id);
        common = inBoth;
      }
      if (common.size === 0) return [];
    }
    return common ? [...common] : [];
  }

  /**
   * What one entity needs, itself included, kept for later roots. An entity met again while its own
   * requirements are being worked out (a cycle through a group) counts with its plain dependencies
   * only: requiring less is never wrong, it only leaves more to the expression.
   */
  private requirementsOf(id: number): Int32Array {
    const kept = this.requirements.get(id);
    if (kept) return kept;
    const set = [id];
    if (this.resolving.has(id)) {
      const visited = new Set(set);
      const pending = [id];
      while (pending.length > 0) {
        for (const dep of this.node(pending.pop()!).plain) {
          if (!visited.has(dep)) {
            visited.add(dep);
            set.push(dep);
            pending.push(dep);
          }
        }
      }
      return Int32Array.from(set);
    }
    this.resolving.add(id);
    // a private stamp: the caller's marks stay as they are
    const saved = new Map<number, number>();
    const stamp = this.nextStamp();
    const markOwn = (ids: number[]) => {
      for (const n of ids) {
        if (!saved.has(n)) saved.set(n, this.mark[n]);
        this.mark[n] = stamp;
      }
    };
    markOwn(set);
    const pending = [id];
    while (pending.length > 0) {
      const node = this.node(pending.pop()!);
      const next: number[] = [...node.plain];
      for (const group of node.groups) {
        for (const n of this.neededByEveryMember(group)) next.push(n);
      }
      for (const dep of next) {
        if (this.mark[dep] !== stamp) {
          markOwn([dep]);
          set.push(dep);
          pending.push(dep);
        }
      }
    }
    for (const [n, before] of saved) this.mark[n] = before;
    this.resolving.delete(id);
    const result = Int32Array.from(set);
    this.requirements.set(id, result);
    return result;
  }

  /**
   * The groups declared by the entities of `set` (all marked `stamp`), as an AND of ORs. Groups seen
   * by an enclosing level (`outer`) are already required there and so hold here; a group with a
   * member in the set holds once everything else required does.
   */
  private expression(
    set: number[],
    stamp: number,
    outer: Set<string>,
  ): Combination {
    const groups = new Map<string, Group>();
    for (const id of set) {
      for (const group of this.node(id).groups) {
        if (outer.has(group.key) || groups.has(group.key)) continue;
        if (group.members.some(member => this.mark[member] === stamp)) continue;
        groups.set(group.key, group);
      }
    }
    if (groups.size === 0) return { kind: 'all', children: [], shared: [] };
    const inner = new Set([...outer, ...groups.keys()]);
    const children: Expression[] = [];
    for (const group of groups.values()) {
      const members: Expression[] = [];
      for (const member of group.members) {
        // the member's own needs beyond the set, and the groups they declare
        const added: number[] = [];
        const needs = this.requirementsOf(member);
        for (const id of needs) {
          if (this.mark[id] !== stamp) {
            this.mark[id] = stamp;
            added.push(id);
          }
        }
        const parts: Expression[] = [];
        for (const id of added) {
          if (this.ownOf(id) < 1) {
            parts.push({ kind: 'variable', id, shared: [] });
          }
        }
        const below = this.expression(added, stamp, inner);
        if (below.children.length > 0) parts.push(below);
        for (const id of added) this.mark[id] = 0;
        members.push(
          parts.length === 1
            ? parts[0]
            : { kind: 'all', children: parts, shared: [] },
        );
      }
      children.push({ kind: 'any', children: members, shared: [] });
    }
    return { kind: 'all', children, shared: [] };
  }

  /**
   * The probability that the expression holds: exact when no entity appears twice, or when every
   * entity that does is among the first `enumerated` (most uncertain first) and enumerated;
   * bounded otherwise. `fixed` sets entities up (1) or down (0). `dependent`, the parts to bound,
   * may be given as found for fewer fixed entities: a superset, which only loosens the bounds.
   */
  private probability(
    expression: Expression,
    shared: number[],
    fixed: Map<number, number>,
    enumeratedCount: number,
    dependent?: Set<Expression>,
  ): Interval {
    const free = this.byUncertainty(shared.filter(id => !fixed.has(id)));
    const enumerated = free.slice(0, enumeratedCount);
    const bounding =
      dependent ??
      dependentParts(expression, new Set(free.slice(enumeratedCount)));
    let low = 0;
    let high = 0;
    let exact = true;
    const states = new Map(fixed);
    const enumerate = (index: number, weight: number) => {
      if (weight === 0) return;
      if (index === enumerated.length) {
        const value = this.value(expression, states, bounding);
        low += weight * value.low;
        high += weight * value.high;
        exact &&= value.exact;
        return;
      }
      const id = enumerated[index];
      const up = this.ownOf(id);
      states.set(id, 1);
      enumerate(index + 1, weight * up);
      states.set(id, 0);
      enumerate(index + 1, weight * (1 - up));
      states.delete(id);
    };
    enumerate(0, 1);
    return { low: clamp(low), high: clamp(high), exact };
  }

  private value(
    expression: Expression,
    states: Map<number, number>,
    bounding: Set<Expression>,
  ): Interval {
    this.work += 1;
    if (expression.kind === 'variable') {
      const state = states.get(expression.id);
      const p = state ?? this.ownOf(expression.id);
      return { low: p, high: p, exact: true };
    }
    const values = expression.children.map(child =>
      this.value(child, states, bounding),
    );
    const exact = values.every(v => v.exact);
    // children that share a bounded entity are dependent: bound instead of multiplying
    const dependent = bounding.has(expression);
    if (expression.kind === 'all') {
      let low = 1;
      let high = 1;
      for (const v of values) {
        low *= v.low;
        high = dependent ? Math.min(high, v.high) : high * v.high;
      }
      return { low, high, exact: exact && !dependent };
    }
    let lowDown = 1;
    let highDown = 1;
    let best = 0;
    for (const v of values) {
      lowDown *= 1 - v.low;
      highDown *= 1 - v.high;
      best = Math.max(best, v.low);
    }
    return {
      low: dependent ? best : 1 - lowDown,
      high: 1 - highDown,
      exact: exact && !dependent,
    };
  }

  /** Entities most uncertain first (those whose state changes the ceiling most). */
  private byUncertainty(ids: number[]): number[] {
    return [...ids].sort(
      (a, b) =>
        uncertainty(this.ownOf(b)) - uncertainty(this.ownOf(a)) || a - b,
    );
  }

  /** The product of the required entities' availabilities but one (for one that is always down). */
  private factorWithout(required: number[], root: number, without: number) {
    let product = 1;
    for (const id of required) {
      if (id !== root && id !== without) product *= this.ownOf(id);
    }
    return product;
  }

  private nextStamp(): number {
    this.structure.stamp += 1;
    return this.structure.stamp;
  }
}

/**
 * The availability ceiling that `root`'s dependencies put on it, assuming entities fail independently.
 * For one root; `CompositeEvaluator` answers many roots over one graph.
 *
 * @public
 */
export function compositeAvailability(
  root: string,
  graph: DependencyGraph,
  options: { limits?: boolean } = {},
): CompositeAvailability {
  return new CompositeEvaluator(graph).evaluate(root, options);
}

/**
 * The value of an expression in which every entity appears once, and for each entity the value the
 * expression would take if that entity never failed: only the combinations on its path change.
 */
function treeValues(
  expression: Expression,
  own: (id: number) => number,
): {
  value: number;
  variables: Map<number, Expression>;
  raised(id: number): number;
} {
  const values = new Map<Expression, number>();
  const parents = new Map<Expression, Combination>();
  const variables = new Map<number, Expression>();
  const evaluate = (e: Expression): number => {
    let value: number;
    if (e.kind === 'variable') {
      value = own(e.id);
      variables.set(e.id, e);
    } else if (e.kind === 'all') {
      value = 1;
      for (const child of e.children) {
        parents.set(child, e);
        value *= evaluate(child);
      }
    } else {
      let down = 1;
      for (const child of e.children) {
        parents.set(child, e);
        down *= 1 - evaluate(child);
      }
      value = 1 - down;
    }
    values.set(e, value);
    return value;
  };
  const value = evaluate(expression);
  return {
    value,
    variables,
    raised(id) {
      let child = variables.get(id)!;
      let childValue = 1;
      for (
        let parent = parents.get(child);
        parent;
        child = parent, parent = parents.get(parent)
      ) {
        // the parent again with one child's value replaced: by ratio, unless that divides by 0
        const before = values.get(child)!;
        const all = parent.kind === 'all';
        const old = all ? before : 1 - before;
        const now = all ? childValue : 1 - childValue;
        let combined: number;
        if (old > 0) {
          const parentBefore = values.get(parent)!;
          combined = ((all ? parentBefore : 1 - parentBefore) / old) * now;
        } else {
          combined = 1;
          for (const sibling of parent.children) {
            const v = sibling === child ? childValue : values.get(sibling)!;
            combined *= all ? v : 1 - v;
          }
        }
        childValue = all ? combined : 1 - combined;
      }
      return childValue;
    },
  };
}

/** Entities that appear more than once in the expression; each node notes those below it. */
function sharedVariables(expression: Expression): number[] {
  const counts = new Map<number, number>();
  const count = (e: Expression) => {
    if (e.kind === 'variable') {
      counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    } else {
      e.children.forEach(count);
    }
  };
  count(expression);
  const shared = new Set(
    [...counts].filter(([, n]) => n > 1).map(([id]) => id),
  );
  const note = (e: Expression): number[] => {
    if (e.kind === 'variable') {
      e.shared = shared.has(e.id) ? [e.id] : [];
    } else {
      e.shared = [...new Set(e.children.flatMap(note))];
    }
    return e.shared;
  };
  note(expression);
  return [...shared];
}

function childrenShare(children: Expression[], bounded: Set<number>): boolean {
  if (bounded.size === 0) return false;
  const seen = new Set<number>();
  for (const child of children) {
    const own = child.shared.filter(id => bounded.has(id));
    for (const id of own) if (seen.has(id)) return true;
    for (const id of own) seen.add(id);
  }
  return false;
}

/** The parts whose children share a bounded entity, found once per enumeration. */
function dependentParts(
  expression: Expression,
  bounded: Set<number>,
): Set<Expression> {
  const dependent = new Set<Expression>();
  if (bounded.size === 0) return dependent;
  const pending = [expression];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (e.kind === 'variable') continue;
    if (childrenShare(e.children, bounded)) dependent.add(e);
    pending.push(...e.children);
  }
  return dependent;
}

function variablesOf(expression: Expression): Set<number> {
  const found = new Set<number>();
  const pending = [expression];
  while (pending.length > 0) {
    const e = pending.pop()!;
    if (e.kind === 'variable') found.add(e.id);
    else pending.push(...e.children);
  }
  return found;
}

function expressionSize(expression: Expression): number {
  let size = 0;
  const pending = [expression];
  while (pending.length > 0) {
    const e = pending.pop()!;
    size += 1;
    if (e.kind !== 'variable') pending.push(...e.children);
  }
  return size;
}

/** How many shared entities can be enumerated (2ⁿ evaluations of `size` parts) within `budget`. */
function enumerable(budget: number, size: number): number {
  if (size <= 0) return MAX_EXACT_SHARED;
  return Math.max(
    0,
    Math.min(MAX_EXACT_SHARED, Math.floor(Math.log2(budget / size))),
  );
}

function uncertainty(p: number): number {
  return Math.min(p, 1 - p);
}

function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}

function isMap(
  graph: Exclude<DependencyGraph, Function>,
): graph is ReadonlyMap<string, CompositeNode> {
  return (
    typeof (graph as ReadonlyMap<string, CompositeNode>).get === 'function' &&
    typeof (graph as ReadonlyMap<string, CompositeNode>).has === 'function'
  );
}

function distinct(refs: readonly string[]): string[] {
  return Array.from(new Set(refs));
}
