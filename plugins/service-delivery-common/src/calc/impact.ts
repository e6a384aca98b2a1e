/*
 * Component failure impact analysis (CFIA): when an entity fails, which entities fail with it.
 *
 * An entity is down when any of its dependency units is down: a plain `dependsOn` entry when that
 * entity is down, a redundancy group only when every member is. A whole — a System, or a Component
 * with subcomponents — is down when one of its entry parts is: the parts that no other part of the
 * same whole depends on (payments-api in its system, not the databases behind it). A failure deeper
 * inside reaches the whole through those entry parts, so redundancy inside the whole is honoured; a
 * whole's own redundancy groups may list entry parts too. When every part is depended on by another (a
 * cycle), all parts count as entry parts.
 *
 * The index is built once per graph (a reverse index from each entity to the units that mention it);
 * each question is then a breadth-first walk over the entities that actually fail.
 */
import { dependencyUnits, TierPolicies, tierRank } from './continuity';

/** @public */
export interface ImpactNode {
  tier?: string | null;
  dependsOn?: readonly string[];
  redundancy?: ReadonlyArray<{ anyOf: readonly string[] }>;
  /** The wholes this entity is a part of: its System, its parent Component. */
  partOf?: readonly string[];
}

/** @public */
export type ImpactGraph =
  | ReadonlyMap<string, ImpactNode>
  | Readonly<Record<string, ImpactNode>>;

/**
 * How a failure reached an entity.
 *
 * @public
 */
export type FailureVia = 'dependsOn' | 'redundancy' | 'partOf';

/**
 * One thing `owner` needs: a plain dependency, a redundancy group (which fails only when every
 * member has failed), or an entry part when `owner` is a whole.
 *
 * @public
 */
export interface ImpactUnit {
  owner: string;
  size: number;
  via: 'dependsOn' | 'partOf' | 'redundancy';
  members: string[];
}

/** @public */
export interface ImpactIndex {
  readonly nodes: ReadonlyMap<string, ImpactNode>;
  /** Entity ref → the dependency units of other entities that mention it. */
  readonly unitsMentioning: ReadonlyMap<string, readonly ImpactUnit[]>;
  /** Whole → its entry parts. */
  readonly entryParts: ReadonlyMap<string, readonly string[]>;
}

/**
 * Builds the reverse index of a dependency graph, once, for any number of impact questions.
 *
 * @public
 */
export function buildImpactIndex(graph: ImpactGraph): ImpactIndex {
  const nodes: Map<string, ImpactNode> = isMap(graph)
    ? new Map(graph)
    : new Map(Object.entries(graph));

  const parts = new Map<string, string[]>();
  for (const [ref, node] of nodes) {
    for (const whole of new Set(node.partOf ?? [])) {
      if (whole === ref || !nodes.has(whole)) continue;
      const list = parts.get(whole);
      if (list) list.push(ref);
      else parts.set(whole, [ref]);
    }
  }

  const entryParts = new Map<string, string[]>();
  for (const [whole, members] of parts) {
    const inside = new Set(members);
    const dependedOn = new Set<string>();
    for (const member of members) {
      for (const unit of dependencyUnits(nodes.get(member)!)) {
        for (const dep of unit.refs) {
          if (dep !== member && inside.has(dep)) dependedOn.add(dep);
        }
      }
    }
    const entries = members.filter(member => !dependedOn.has(member));
    entryParts.set(whole, entries.length > 0 ? entries : members);
  }

  const unitsMentioning = new Map<string, ImpactUnit[]>();
  const mention = (ref: string, unit: ImpactUnit) => {
    const list = unitsMentioning.get(ref);
    if (list) list.push(unit);
    else unitsMentioning.set(ref, [unit]);
  };
  for (const [ref, node] of nodes) {
    const entries = entryParts.get(ref) ?? [];
    const declared = new Set(node.dependsOn ?? []);
    const units = dependencyUnits({
      dependsOn: [...(node.dependsOn ?? []), ...entries],
      redundancy: node.redundancy,
    });
    for (const { anyOf, refs } of units) {
      const members = refs.filter(dep => dep !== ref);
      if (members.length === 0) continue;
      let via: ImpactUnit['via'] = 'dependsOn';
      if (anyOf) via = 'redundancy';
      else if (!declared.has(members[0])) via = 'partOf';
      const unit: ImpactUnit = {
        owner: ref,
        size: members.length,
        via,
        members,
      };
      for (const member of members) mention(member, unit);
    }
  }
  return { nodes, unitsMentioning, entryParts };
}

/** @public */
export interface FailedEntity {
  ref: string;
  /** Steps from the failed entity: 1 for what needs it directly. */
  depth: number;
  /** From the entity that failed first down to this one, both included (built when read). */
  readonly path: string[];
  /** The entity it fails through: the step before it on `path`. */
  cause: string;
  /** The last step: a plain dependency, the last member of a redundancy group, or an entry part. */
  via: FailureVia;
}

/** @public */
export interface SurvivingDependant {
  ref: string;
  /** Members of its redundancy group that failed. */
  lost: string[];
  /** Members still up, any one of which keeps it running. */
  alternatives: string[];
}

/** @public */
export interface FailureImpact {
  /** The entities assumed to fail. */
  failed: string[];
  /** Everything that fails with them, nearest first. */
  failsWith: FailedEntity[];
  /** Entities that lose part of a redundancy group but keep running on an alternative. */
  survives: SurvivingDependant[];
}

/**
 * Everything that fails when the given entities fail, with the path the failure takes and what
 * redundancy saves. Refs need not be in the graph: a dependency on an entity missing from the catalog
 * still fails its dependants.
 *
 * @public
 */
export function failureImpact(
  index: ImpactIndex,
  failed: string | readonly string[],
): FailureImpact {
  const roots = Array.from(
    new Set(typeof failed === 'string' ? [failed] : failed),
  );
  const down = new Map<
    string,
    { parent: string | null; via: FailureVia; depth: number }
  >();
  const membersDown = new Map<ImpactUnit, number>();
  const order: string[] = [];
  for (const ref of roots) {
    down.set(ref, { parent: null, via: 'dependsOn', depth: 0 });
    order.push(ref);
  }

  for (let next = 0; next < order.length; next++) {
    const ref = order[next];
    for (const unit of index.unitsMentioning.get(ref) ?? []) {
      if (down.has(unit.owner)) continue;
      const count = (membersDown.get(unit) ?? 0) + 1;
      membersDown.set(unit, count);
      if (count === unit.size) {
        down.set(unit.owner, {
          parent: ref,
          via: unit.via,
          depth: down.get(ref)!.depth + 1,
        });
        order.push(unit.owner);
      }
    }
  }

  const pathTo = (ref: string): string[] => {
    const path: string[] = [];
    for (let at: string | null = ref; at !== null; at = down.get(at)!.parent) {
      path.push(at);
    }
    return path.reverse();
  };
  // a path is as long as the chain that reaches the entity: thousands of them, each dozens of
  // steps long, are built only when asked for
  const failsWith = order.slice(roots.length).map((ref): FailedEntity => {
    const { parent, via, depth } = down.get(ref)!;
    return {
      ref,
      depth,
      cause: parent!,
      via,
      get path() {
        return pathTo(ref);
      },
    };
  });

  const survivors = new Map<string, SurvivingDependant>();
  for (const [unit, count] of membersDown) {
    if (
      unit.via !== 'redundancy' ||
      count >= unit.size ||
      down.has(unit.owner)
    ) {
      continue;
    }
    const entry = survivors.get(unit.owner) ?? {
      ref: unit.owner,
      lost: [],
      alternatives: [],
    };
    for (const member of unit.members) {
      (down.has(member) ? entry.lost : entry.alternatives).push(member);
    }
    survivors.set(unit.owner, entry);
  }

  return {
    failed: roots,
    failsWith,
    survives: [...survivors.values()].sort((a, b) =>
      a.ref.localeCompare(b.ref),
    ),
  };
}

/**
 * The way a failure took to reach `ref`, from the entity that failed first down to `ref`, both
 * included, rebuilt from each entity's `cause` (as `GET /entities/{ref}/impact` answers it). Ends
 * early, at the first entity the list does not hold, if the list is cut short.
 *
 * @public
 */
export function failurePath(
  ref: string,
  causes: ReadonlyMap<string, string>,
): string[] {
  const path = [ref];
  const seen = new Set(path);
  for (let at = causes.get(ref); at !== undefined; at = causes.get(at)) {
    if (seen.has(at)) break;
    seen.add(at);
    path.push(at);
  }
  return path.reverse();
}

/**
 * The entities of the organisation's most critical tier (the first in the config) that fail with
 * the given failure — other than the failed entities themselves.
 *
 * @public
 */
export function criticalFailures(
  impact: FailureImpact,
  index: ImpactIndex,
  tiers: TierPolicies,
): FailedEntity[] {
  return impact.failsWith.filter(
    entity => tierRank(tiers, index.nodes.get(entity.ref)?.tier) === 0,
  );
}

/** @public */
export interface SinglePointOfFailure {
  ref: string;
  /** The most critical tier's entities its failure alone takes down. */
  takesDown: string[];
}

/**
 * Every entity of the graph whose failure alone takes down an entity of the most critical tier,
 * the ones that take down most first.
 *
 * @public
 */
export function singlePointsOfFailure(
  index: ImpactIndex,
  tiers: TierPolicies,
): SinglePointOfFailure[] {
  const result: SinglePointOfFailure[] = [];
  for (const ref of index.nodes.keys()) {
    if (!index.unitsMentioning.has(ref)) continue;
    const critical = criticalFailures(failureImpact(index, ref), index, tiers);
    if (critical.length > 0) {
      result.push({
        ref,
        takesDown: critical.map(entity => entity.ref).sort(),
      });
    }
  }
  return result.sort(
    (a, b) =>
      b.takesDown.length - a.takesDown.length || a.ref.localeCompare(b.ref),
  );
}

function isMap(graph: ImpactGraph): graph is ReadonlyMap<string, ImpactNode> {
  return typeof (graph as ReadonlyMap<string, ImpactNode>).get === 'function';
}
