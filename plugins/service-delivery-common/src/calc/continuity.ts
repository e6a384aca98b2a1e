/*
 * IT Service Continuity Management: the recovery objectives a service declares against its tier's
 * policy, whether its DR plan is tested often enough and proved the objectives, whether anything it
 * depends on recovers more slowly than it must, what an hour of outage costs, and its risk register.
 *
 * Durations are seconds, instants epoch milliseconds (or anything `Instant` takes).
 */
import { formatDuration } from '../duration';
import { ownEntry } from '../ownEntry';
import { fromCents, toCents } from './cost';
import { toMillis } from './intervals';
import { Instant } from './types';

/**
 * A tier's policy with its durations in seconds.
 *
 * @public
 */
export interface TierPolicyInput {
  availability?: number | null;
  rto?: number | null;
  rpo?: number | null;
  testEvery?: number | null;
}

/**
 * The organisation's tiers in the order the config lists them: the first is the most critical. A
 * tier's rank is its position, so `tier-1` (rank 0) is above `tier-2` (rank 1).
 *
 * @public
 */
export type TierPolicies = Readonly<Record<string, TierPolicyInput>>;

/**
 * A tier's position in the config, 0 for the most critical; null for no tier or an unknown one.
 *
 * @public
 */
export function tierRank(
  tiers: TierPolicies,
  tier: string | null | undefined,
): number | null {
  if (!tier) return null;
  const rank = Object.keys(tiers).indexOf(tier);
  return rank < 0 ? null : rank;
}

/**
 * Where an objective in force comes from.
 *
 * @public
 */
export type ObjectiveSource = 'declared' | 'policy';

/** @public */
export interface ResolvedObjective {
  declared: number | null;
  /** The tier policy's value. */
  policy: number | null;
  /** What applies: the declared value, else the policy's. */
  effective: number | null;
  source: ObjectiveSource | null;
}

/** @public */
export interface ContinuityPolicy {
  tier: string | null;
  tierRank: number | null;
  /** False when the entity names a tier the config does not define. */
  tierDefined: boolean;
  /** The tier's policy, empty without a (known) tier. */
  policy: TierPolicyInput;
  rto: ResolvedObjective;
  rpo: ResolvedObjective;
  testEvery: ResolvedObjective;
}

function resolveObjective(
  declared: number | null | undefined,
  policy: number | null | undefined,
): ResolvedObjective {
  const own = typeof declared === 'number' ? declared : null;
  const fromPolicy = typeof policy === 'number' ? policy : null;
  let source: ObjectiveSource | null = null;
  if (own !== null) source = 'declared';
  else if (fromPolicy !== null) source = 'policy';
  return {
    declared: own,
    policy: fromPolicy,
    effective: own ?? fromPolicy,
    source,
  };
}

/**
 * The objectives in force for a service: what it declares overrides, its tier's policy fills the rest.
 *
 * @public
 */
export function resolveContinuityPolicy(
  declared: {
    tier?: string | null;
    rto?: number | null;
    rpo?: number | null;
    testEvery?: number | null;
  },
  tiers: TierPolicies,
): ContinuityPolicy {
  const tier = declared.tier || null;
  const rank = tierRank(tiers, tier);
  const policy = rank === null ? {} : tiers[tier!];
  return {
    tier,
    tierRank: rank,
    tierDefined: tier === null || rank !== null,
    policy,
    rto: resolveObjective(declared.rto, policy.rto),
    rpo: resolveObjective(declared.rpo, policy.rpo),
    testEvery: resolveObjective(declared.testEvery, policy.testEvery),
  };
}

/** @public */
export type CheckStatus = 'pass' | 'warn' | 'fail';

/**
 * One continuity check. `id` names the kind of check; a kind that applies to several things (one
 * inversion per dependency) repeats its id with different `subjects`, the entity references concerned.
 *
 * @public
 */
export interface ContinuityCheck {
  id: string;
  status: CheckStatus;
  message: string;
  subjects: string[];
}

/** @public */
export interface DrTestInput {
  performedAt: Instant;
  result: 'passed' | 'partial' | 'failed';
  /** Seconds. */
  achievedRto?: number | null;
  /** Seconds. */
  achievedRpo?: number | null;
}

/** @public */
export interface DrTestOutcome {
  /** The achieved RTO is within the objective; null when either is unknown. */
  rtoMet: boolean | null;
  rpoMet: boolean | null;
}

/**
 * Whether a test's achieved recovery time and data loss are within the objectives.
 *
 * @public
 */
export function drTestOutcome(
  test: Pick<DrTestInput, 'achievedRto' | 'achievedRpo'>,
  objectives: { rto: number | null; rpo: number | null },
): DrTestOutcome {
  const within = (achieved?: number | null, target?: number | null) =>
    typeof achieved === 'number' && typeof target === 'number'
      ? achieved <= target
      : null;
  return {
    rtoMet: within(test.achievedRto, objectives.rto),
    rpoMet: within(test.achievedRpo, objectives.rpo),
  };
}

/**
 * A test counts as due soon this long before it falls due.
 *
 * @public
 */
export const DR_TEST_DUE_SOON_SECONDS = 30 * 24 * 3600;

/** @public */
export type DrTestScheduleState =
  | 'never-tested'
  | 'overdue'
  | 'due-soon'
  | 'current'
  | 'no-interval';

/** @public */
export interface DrTestSchedule {
  state: DrTestScheduleState;
  /** The newest test, by when it was performed. */
  lastTest: DrTestInput | null;
  /** When the next test falls (or fell) due: the last test plus the interval; null when unknown. */
  dueAt: number | null;
  /** True when never tested, or the due date has passed. */
  overdue: boolean;
}

/**
 * When the plan must next be tested. Any test counts as a test, whatever its result (the result is
 * checked separately); a plan never tested is overdue.
 *
 * @public
 */
export function drTestSchedule(input: {
  tests: readonly DrTestInput[];
  testEvery: number | null;
  now: Instant;
}): DrTestSchedule {
  const now = toMillis(input.now);
  let lastTest: DrTestInput | null = null;
  let lastAt = -Infinity;
  for (const test of input.tests) {
    const at = toMillis(test.performedAt);
    if (at > lastAt) {
      lastAt = at;
      lastTest = test;
    }
  }
  if (!lastTest) {
    return { state: 'never-tested', lastTest, dueAt: null, overdue: true };
  }
  if (input.testEvery === null) {
    return { state: 'no-interval', lastTest, dueAt: null, overdue: false };
  }
  const dueAt = lastAt + input.testEvery * 1000;
  let state: DrTestScheduleState = 'current';
  if (now > dueAt) state = 'overdue';
  else if (dueAt - now <= DR_TEST_DUE_SOON_SECONDS * 1000) state = 'due-soon';
  return { state, lastTest, dueAt, overdue: state === 'overdue' };
}

/**
 * Hours in a year for the expected loss: 365 × 24.
 *
 * @public
 */
export const HOURS_PER_YEAR = 8760;

/**
 * The outage cost to expect in a year at an availability: (1 − availability/100) × 8,760 h × cost per
 * hour, to the cent.
 *
 * @public
 */
export function expectedAnnualLoss(
  availability: number,
  costPerHour: number,
): number {
  return fromCents(
    toCents((1 - availability / 100) * HOURS_PER_YEAR * costPerHour),
  );
}

/** @public */
export interface AnnualLossEstimate {
  amount: number;
  /** The availability the estimate assumes, percent. */
  availability: number;
  /** Measured over the past year where there is data, else the agreed target. */
  basis: 'measured' | 'target';
}

/**
 * Expected annual loss from measured availability where there is any, else from the target.
 *
 * @public
 */
export function annualLossEstimate(input: {
  costPerHour: number | null | undefined;
  measured?: number | null;
  target?: number | null;
}): AnnualLossEstimate | null {
  const { costPerHour, measured, target } = input;
  if (typeof costPerHour !== 'number') return null;
  if (typeof measured === 'number') {
    return {
      amount: expectedAnnualLoss(measured, costPerHour),
      availability: measured,
      basis: 'measured',
    };
  }
  if (typeof target === 'number') {
    return {
      amount: expectedAnnualLoss(target, costPerHour),
      availability: target,
      basis: 'target',
    };
  }
  return null;
}

/** @public */
export type RiskLevelName = 'low' | 'medium' | 'high';

/** @public */
export const RISK_LEVEL_SCORES: Readonly<Record<RiskLevelName, number>> = {
  low: 1,
  medium: 2,
  high: 3,
};

/** @public */
export interface RiskInput {
  threat: string;
  likelihood: RiskLevelName;
  impact: RiskLevelName;
  mitigation?: string;
}

/** @public */
export interface ScoredRisk extends RiskInput {
  /** likelihood × impact, 1 to 9. */
  score: number;
  /** 6 and 9 are high, 3 and 4 medium, 1 and 2 low. */
  rating: RiskLevelName;
}

/**
 * A risk's score, likelihood × impact with low = 1, medium = 2, high = 3.
 *
 * @public
 */
export function scoreRisk(risk: RiskInput): ScoredRisk {
  const score =
    (ownEntry(RISK_LEVEL_SCORES, risk.likelihood) ?? 0) *
    (ownEntry(RISK_LEVEL_SCORES, risk.impact) ?? 0);
  let rating: RiskLevelName = 'low';
  if (score >= 6) rating = 'high';
  else if (score >= 3) rating = 'medium';
  return { ...risk, score, rating };
}

/**
 * The risk register scored, highest score first.
 *
 * @public
 */
export function scoreRisks(risks: readonly RiskInput[]): ScoredRisk[] {
  return risks
    .map(scoreRisk)
    .sort((a, b) => b.score - a.score || a.threat.localeCompare(b.threat));
}

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
 * neither an RTO nor a known tier are reported as unknown. Cycles are cut where they close.
 *
 * @public
 */
export function recoveryInversions(
  root: string,
  graph: RecoveryGraph,
  tiers: TierPolicies,
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
        clean: false,
      };
    }
    const known = rto !== null || rank !== null;
    const below = node ? explore(ref, node) : emptyFound();
    const unknown = new Set(below.unknown);
    if (!known) unknown.add(ref);
    return {
      inversions: below.inversions.map(inversion => ({
        ...inversion,
        path: [ref, ...inversion.path],
      })),
      unknown,
      clean: known && below.inversions.length === 0 && below.unknown.size === 0,
    };
  }

  function explore(ref: string, node: RecoveryNode): Found {
    const done = explored.get(ref);
    if (done) return done;
    visiting.add(ref);
    const found = emptyFound();
    const add = (part: Found) => {
      found.inversions.push(...part.inversions);
      part.unknown.forEach(u => found.unknown.add(u));
    };
    for (const unit of dependencyUnits(node)) {
      const members = unit.refs.filter(dep => !visiting.has(dep));
      if (members.length === 0) continue;
      const assessed = members.map(assess);
      if (unit.anyOf && assessed.some(member => member.clean)) continue;
      assessed.forEach(add);
    }
    visiting.delete(ref);
    explored.set(ref, found);
    return found;
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
  return { inversions: [], unknown: new Set() };
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

/**
 * `name` of `kind:namespace/name`, for sentences; the refs themselves travel in `subjects`.
 *
 * @public
 */
export function shortRefName(ref: string): string {
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':');
  return ref.slice(Math.max(slash, colon) + 1);
}

const strategyNames: Record<string, string> = {
  'hot-standby': 'hot standby',
  'warm-standby': 'warm standby',
  'cold-standby': 'cold standby',
  'backup-restore': 'backup and restore',
  'manual-workaround': 'a manual workaround',
  none: 'none',
};

function isoDate(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** @public */
export interface ContinuityChecksInput {
  /** The entity checked, the subject of its own checks. */
  entityRef: string;
  policy: ContinuityPolicy;
  strategy?: string | null;
  tests: readonly DrTestInput[];
  now: Instant;
  /** From {@link recoveryInversions}; leave out when the dependencies are not known. */
  inversions?: RecoveryInversions;
  risks?: readonly RiskInput[];
}

/** @public */
export interface ContinuityAssessment {
  schedule: DrTestSchedule;
  checks: ContinuityCheck[];
}

/**
 * Every continuity check of a service, in a fixed order: objectives against policy, strategy, DR test
 * schedule, the last test's result and what it achieved, dependency inversions, risks.
 *
 * @public
 */
export function assessContinuity(
  input: ContinuityChecksInput,
): ContinuityAssessment {
  const { entityRef, policy } = input;
  const self = [entityRef];
  const checks: ContinuityCheck[] = [];
  const tierName = policy.tier ?? 'its tier';
  const d = (seconds: number) => formatDuration(seconds);

  if (!policy.tierDefined) {
    checks.push({
      id: 'tier-defined',
      status: 'fail',
      message: `Tier '${policy.tier}' is not one of the organisation's tiers, so no continuity policy applies.`,
      subjects: self,
    });
  }

  for (const [id, label, objective] of [
    ['rto-within-policy', 'RTO', policy.rto],
    ['rpo-within-policy', 'RPO', policy.rpo],
  ] as const) {
    const { declared, policy: required } = objective;
    let status: CheckStatus = 'pass';
    let message: string;
    if (declared !== null && required !== null) {
      if (declared > required) {
        status = 'fail';
        message = `The declared ${label} of ${d(
          declared,
        )} is longer than ${tierName} allows (${d(required)}).`;
      } else {
        message = `The declared ${label} of ${d(
          declared,
        )} is within ${tierName}'s ${d(required)}.`;
      }
    } else if (declared !== null) {
      message = `${label} of ${d(
        declared,
      )} declared; no tier policy to compare it with.`;
    } else if (required !== null) {
      message = `No ${label} declared: ${tierName}'s ${d(required)} applies.`;
    } else {
      status = 'warn';
      message = `No ${label} is declared and no tier sets one: nobody has said how ${
        label === 'RTO'
          ? 'fast the service must recover'
          : 'much data it may lose'
      }.`;
    }
    checks.push({ id, status, message, subjects: self });
  }

  const rto = policy.rto.effective;
  if (input.strategy === 'none' && rto !== null) {
    const fromTier = policy.rto.policy !== null;
    checks.push({
      id: 'recovery-strategy',
      status: fromTier ? 'fail' : 'warn',
      message: fromTier
        ? `${tierName} requires recovery within ${d(
            policy.rto.policy!,
          )}, but the recovery strategy is none.`
        : `An RTO of ${d(rto)} is declared, but the recovery strategy is none.`,
      subjects: self,
    });
  } else if (!input.strategy && policy.rto.policy !== null) {
    checks.push({
      id: 'recovery-strategy',
      status: 'warn',
      message: `${tierName} requires recovery within ${d(
        policy.rto.policy,
      )}, but no recovery strategy is declared.`,
      subjects: self,
    });
  } else if (input.strategy) {
    checks.push({
      id: 'recovery-strategy',
      status: 'pass',
      message: `Recovery strategy: ${
        ownEntry(strategyNames, input.strategy) ?? input.strategy
      }.`,
      subjects: self,
    });
  }

  const schedule = drTestSchedule({
    tests: input.tests,
    testEvery: policy.testEvery.effective,
    now: input.now,
  });
  const every = policy.testEvery.effective;
  const scheduleCheck = (
    status: CheckStatus,
    message: string,
  ): ContinuityCheck => ({
    id: 'dr-test-due',
    status,
    message,
    subjects: self,
  });
  const lastDate = schedule.lastTest
    ? isoDate(toMillis(schedule.lastTest.performedAt))
    : '';
  switch (schedule.state) {
    case 'never-tested':
      checks.push(
        scheduleCheck(
          'fail',
          'The recovery plan has never been tested: nobody knows whether it works.',
        ),
      );
      break;
    case 'no-interval':
      checks.push(
        scheduleCheck(
          'warn',
          `Last tested on ${lastDate}; no test interval is set, so it cannot be overdue.`,
        ),
      );
      break;
    case 'overdue':
      checks.push(
        scheduleCheck(
          'fail',
          `The DR test is overdue: last tested on ${lastDate}, due again every ${d(
            every!,
          )}, so due since ${isoDate(schedule.dueAt!)}.`,
        ),
      );
      break;
    case 'due-soon':
      checks.push(
        scheduleCheck(
          'warn',
          `The next DR test is due on ${isoDate(
            schedule.dueAt!,
          )} (last tested on ${lastDate}).`,
        ),
      );
      break;
    default:
      checks.push(
        scheduleCheck(
          'pass',
          `Last tested on ${lastDate}; next test due on ${isoDate(
            schedule.dueAt!,
          )}.`,
        ),
      );
  }

  const last = schedule.lastTest;
  if (last) {
    const resultCheck: Record<DrTestInput['result'], ContinuityCheck> = {
      passed: {
        id: 'dr-test-result',
        status: 'pass',
        message: `The last DR test (${lastDate}) passed.`,
        subjects: self,
      },
      partial: {
        id: 'dr-test-result',
        status: 'warn',
        message: `The last DR test (${lastDate}) passed only in part: the plan needs work.`,
        subjects: self,
      },
      failed: {
        id: 'dr-test-result',
        status: 'fail',
        message: `The last DR test (${lastDate}) failed: the service cannot be relied on to recover.`,
        subjects: self,
      },
    };
    checks.push(ownEntry(resultCheck, last.result) ?? resultCheck.failed);

    const rpo = policy.rpo.effective;
    const outcome = drTestOutcome(last, { rto, rpo });
    const achievedCheck = (
      id: string,
      name: 'RTO' | 'RPO',
      met: boolean | null,
      achieved: number | null | undefined,
      target: number | null,
      says: (achieved: string) => string,
    ): ContinuityCheck => {
      let status: CheckStatus = 'warn';
      let message: string;
      if (typeof achieved !== 'number') {
        message = `The last DR test did not record its achieved ${name}.`;
      } else if (met === null || target === null) {
        message = `The last DR test ${says(
          d(achieved),
        )}, but there is no ${name} to compare it with.`;
      } else {
        status = met ? 'pass' : 'fail';
        message = `The last DR test ${says(d(achieved))}, ${
          met ? 'within' : 'more than'
        } the ${name} of ${d(target)}.`;
      }
      return { id, status, message, subjects: self };
    };
    checks.push(
      achievedCheck(
        'dr-test-rto',
        'RTO',
        outcome.rtoMet,
        last.achievedRto,
        rto,
        took => `recovered the service in ${took}`,
      ),
      achievedCheck(
        'dr-test-rpo',
        'RPO',
        outcome.rpoMet,
        last.achievedRpo,
        rpo,
        lost => `lost ${lost} of data`,
      ),
    );
  }

  if (input.inversions) {
    const { inversions, unknown } = input.inversions;
    for (const inversion of inversions) {
      const name = shortRefName(inversion.ref);
      const via =
        inversion.path.length > 2
          ? ` (via ${inversion.path
              .slice(1, -1)
              .map(shortRefName)
              .join(' → ')})`
          : '';
      const parts: string[] = [];
      if (inversion.reasons.includes('rto')) {
        parts.push(
          `recovers in ${d(
            inversion.rto!,
          )}, more than this service's RTO of ${d(input.inversions.rto!)}`,
        );
      }
      if (inversion.reasons.includes('tier')) {
        parts.push(
          `is ${inversion.tier}, a lower tier than ${input.inversions.tier}`,
        );
      }
      checks.push({
        id: 'dependency-inversion',
        status: 'fail',
        message: `${name}${via} ${parts.join(
          ' and ',
        )}: when it fails, this service cannot meet its recovery objective.`,
        subjects: [inversion.ref, ...inversion.path.slice(1, -1)],
      });
    }
    if (unknown.length > 0) {
      checks.push({
        id: 'dependency-recovery-unknown',
        status: 'warn',
        message: `${unknown.map(shortRefName).join(', ')} declare${
          unknown.length === 1 ? 's' : ''
        } neither an RTO nor a tier: whether ${
          unknown.length === 1 ? 'it recovers' : 'they recover'
        } in time is unknown.`,
        subjects: unknown,
      });
    }
    if (
      inversions.length === 0 &&
      unknown.length === 0 &&
      (input.inversions.rto !== null || input.inversions.tier !== null)
    ) {
      checks.push({
        id: 'dependency-inversion',
        status: 'pass',
        message: 'No dependency recovers more slowly or sits in a lower tier.',
        subjects: self,
      });
    }
  }

  if (input.risks) {
    const scored = scoreRisks(input.risks);
    const unmitigated = scored.filter(
      risk => risk.rating === 'high' && !risk.mitigation?.trim(),
    );
    if (scored.length === 0) {
      checks.push({
        id: 'risk-register',
        status: 'warn',
        message: 'No risks are assessed.',
        subjects: self,
      });
    } else if (unmitigated.length > 0) {
      checks.push({
        id: 'risk-register',
        status: 'warn',
        message: `High risk${
          unmitigated.length === 1 ? '' : 's'
        } without mitigation: ${unmitigated
          .map(risk => `${risk.threat} (${risk.score})`)
          .join(', ')}.`,
        subjects: self,
      });
    } else {
      const high = scored.filter(risk => risk.rating === 'high').length;
      checks.push({
        id: 'risk-register',
        status: 'pass',
        message: `${scored.length} risk${
          scored.length === 1 ? '' : 's'
        } assessed${high > 0 ? `, ${high} high, all with a mitigation` : ''}.`,
        subjects: self,
      });
    }
  }

  return { schedule, checks };
}

/**
 * The worst status of a list of checks; pass when there are none.
 *
 * @public
 */
export function worstCheckStatus(
  checks: ReadonlyArray<{ status: CheckStatus }>,
): CheckStatus {
  if (checks.some(check => check.status === 'fail')) return 'fail';
  if (checks.some(check => check.status === 'warn')) return 'warn';
  return 'pass';
}
