/*
 * The recovery objectives that apply to a service: its declared ones, else its tier's policy.
 * Durations are seconds.
 */

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
