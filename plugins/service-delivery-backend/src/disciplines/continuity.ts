import { Entity } from '@backstage/catalog-model';
import {
  Continuity,
  ContinuityResponse,
  DrTestRecord,
  DrTestSummary,
  RecoveryNode,
  RecoveryWalks,
  RiskInput,
  ServiceDeliverySpec,
  TierPolicies,
  TierPolicy,
  ValidationProblem,
  annualLossEstimate,
  assessContinuity,
  drTestOutcome,
  periodAvailability,
  recoveryInversions,
  resolveContinuityPolicy,
  scoreRisks,
  tryParseDuration,
  worstCheckStatus,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import {
  agreedAvailability,
  declaredServiceDelivery,
  recordRef,
  serviceHoursOf,
} from './declared';
import { DependencyClosure } from './dependencyGraph';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const LEVELS = new Set(['low', 'medium', 'high']);

function seconds(value: unknown): number | null {
  return tryParseDuration(value) ?? null;
}

/** The tiers of app-config with their durations in seconds, in the config's order. */
export function tierPoliciesInSeconds(
  tiers: Record<string, TierPolicy>,
): TierPolicies {
  const result: Record<string, TierPolicies[string]> = {};
  for (const [name, policy] of Object.entries(tiers)) {
    result[name] = {
      availability:
        typeof policy?.availability === 'number' ? policy.availability : null,
      rto: seconds(policy?.rto),
      rpo: seconds(policy?.rpo),
      testEvery: seconds(policy?.testEvery),
    };
  }
  return result;
}

/** `serviceDelivery.continuity` when it is an object. */
export function continuityOf(
  spec: ServiceDeliverySpec,
): Continuity | undefined {
  const value = spec.continuity;
  return value && typeof value === 'object' && !Array.isArray(value)
    ? value
    : undefined;
}

function tierOf(spec: ServiceDeliverySpec): string | null {
  return typeof spec.tier === 'string' ? spec.tier : null;
}

/** The risks that are well formed enough to score; the rest show up as metadata problems. */
export function risksOf(continuity: Continuity | undefined): RiskInput[] {
  return (Array.isArray(continuity?.risks) ? continuity!.risks : []).filter(
    (risk): risk is RiskInput =>
      Boolean(risk) &&
      typeof risk.threat === 'string' &&
      LEVELS.has(risk.likelihood) &&
      LEVELS.has(risk.impact),
  );
}

/** The continuity policy in force for an entity: declared objectives over its tier's. */
export function continuityPolicyOf(
  spec: ServiceDeliverySpec,
  tiers: TierPolicies,
) {
  const continuity = continuityOf(spec);
  return resolveContinuityPolicy(
    {
      tier: tierOf(spec),
      rto: seconds(continuity?.rto),
      rpo: seconds(continuity?.rpo),
      testEvery: seconds(continuity?.testEvery),
    },
    tiers,
  );
}

/** One entity as the recovery graph holds it: its tier, declared RTO and dependencies. */
export function recoveryNode(
  entity: Entity,
  edges: { dependsOn: string[]; redundancy: string[][] },
): RecoveryNode {
  const spec = declaredServiceDelivery(entity);
  return {
    tier: tierOf(spec),
    rto: seconds(continuityOf(spec)?.rto),
    dependsOn: edges.dependsOn,
    redundancy: edges.redundancy.map(anyOf => ({ anyOf })),
  };
}

/** The recovery graph of a dependency closure. */
export function recoveryGraph(
  closure: DependencyClosure,
): Map<string, RecoveryNode> {
  const graph = new Map<string, RecoveryNode>();
  for (const [ref, entity] of closure.entities) {
    graph.set(
      ref,
      recoveryNode(
        entity,
        closure.edges.get(ref) ?? { dependsOn: [], redundancy: [] },
      ),
    );
  }
  return graph;
}

function testSummary(
  test: DrTestRecord,
  objectives: { rto: number | null; rpo: number | null },
): DrTestSummary {
  return {
    id: test.id,
    source: test.source,
    performedAt: test.performedAt,
    result: test.result,
    achievedRto: test.achievedRto ?? null,
    achievedRpo: test.achievedRpo ?? null,
    notes: test.notes,
    ...drTestOutcome(test, objectives),
  };
}

/**
 * Availability measured over the past year, when the entity had incidents in it; without any there is
 * nothing to tell "never failed" from "never reported", so the estimate falls back to the target.
 */
async function measuredAvailability(options: {
  entityRef: string;
  spec: ServiceDeliverySpec;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  now: number;
}): Promise<number | null> {
  const { entityRef, spec, store, settings, now } = options;
  const from = now - YEAR_MS;
  const incidents = await store.listIncidents({
    entityRefs: [entityRef],
    range: { from, to: now },
  });
  if (incidents.length === 0) return null;
  try {
    return periodAvailability({
      serviceHours: serviceHoursOf(spec),
      incidents,
      period: { start: from, end: now, elapsedEnd: now },
      partialOutageWeight: settings.partialOutageWeight,
    }).availability;
  } catch {
    return null;
  }
}

/** GET /entities/{ref}/continuity */
export async function continuityReport(options: {
  entity: Entity;
  /** what the entity depends on: its closure, or a recovery graph that holds it (the overview's) */
  closure:
    | DependencyClosure
    | {
        root: string;
        graph: Map<string, RecoveryNode>;
        /** shared by the walks of every entity over the same graph */
        walks?: RecoveryWalks;
      };
  now: number;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
  problems: ValidationProblem[];
}): Promise<ContinuityResponse> {
  const { entity, closure, now, store, settings } = options;
  const entityRef = recordRef(entity);
  const spec = declaredServiceDelivery(entity);
  const continuity = continuityOf(spec);
  const tiers = tierPoliciesInSeconds(settings.tiers);
  const policy = continuityPolicyOf(spec, tiers);
  const risks = risksOf(continuity);

  const tests = await store.listDrTests({ entityRefs: [entityRef] });
  const inversions =
    'graph' in closure
      ? recoveryInversions(closure.root, closure.graph, tiers, closure.walks)
      : recoveryInversions(closure.root, recoveryGraph(closure), tiers);
  const { schedule, checks } = assessContinuity({
    entityRef,
    policy,
    strategy: continuity?.strategy ?? null,
    tests,
    now,
    inversions,
    risks: continuity ? risks : undefined,
  });

  const objectives = { rto: policy.rto.effective, rpo: policy.rpo.effective };
  const drTests = tests.map(test => testSummary(test, objectives));
  const lastTest = schedule.lastTest
    ? drTests[tests.indexOf(schedule.lastTest as DrTestRecord)]
    : null;

  const impact = continuity?.businessImpact;
  const costPerHour =
    impact && typeof impact.costPerHour === 'number'
      ? impact.costPerHour
      : null;
  const currency =
    (typeof impact?.currency === 'string' && impact.currency) ||
    (typeof spec.cost?.currency === 'string' && spec.cost.currency) ||
    settings.currency;
  const loss =
    costPerHour === null
      ? null
      : annualLossEstimate({
          costPerHour,
          measured: await measuredAvailability({
            entityRef,
            spec,
            store,
            settings,
            now,
          }),
          target: agreedAvailability(spec, settings.tiers)?.target ?? null,
        });

  return {
    entityRef,
    declared: continuity !== undefined,
    tier: policy.tier,
    rto: policy.rto.effective,
    rpo: policy.rpo.effective,
    testEvery: policy.testEvery.effective,
    objectives: {
      rto: policy.rto,
      rpo: policy.rpo,
      testEvery: policy.testEvery,
    },
    policy:
      policy.tier !== null && policy.tierRank !== null
        ? {
            tier: policy.tier,
            rank: policy.tierRank,
            availability: policy.policy.availability ?? null,
            rto: policy.policy.rto ?? null,
            rpo: policy.policy.rpo ?? null,
            testEvery: policy.policy.testEvery ?? null,
          }
        : null,
    strategy:
      typeof continuity?.strategy === 'string' ? continuity.strategy : null,
    plan: typeof continuity?.plan === 'string' ? continuity.plan : null,
    sites: Array.isArray(continuity?.sites)
      ? continuity!.sites.filter((s): s is string => typeof s === 'string')
      : [],
    lastTest,
    testOverdue: schedule.overdue,
    testState: schedule.state,
    testDueAt:
      schedule.dueAt === null ? null : new Date(schedule.dueAt).toISOString(),
    status: worstCheckStatus(checks),
    checks,
    expectedAnnualLoss:
      loss && costPerHour !== null
        ? {
            amount: loss.amount,
            currency,
            availability: loss.availability,
            basis: loss.basis,
            costPerHour,
          }
        : null,
    businessImpact:
      costPerHour === null
        ? null
        : {
            costPerHour,
            currency,
            ...(typeof impact?.notes === 'string'
              ? { notes: impact.notes }
              : {}),
          },
    drTests,
    risks: scoreRisks(risks),
    inversions: inversions.inversions.map(inversion => ({
      entityRef: inversion.ref,
      path: inversion.path,
      reasons: inversion.reasons,
      rto: inversion.rto,
      tier: inversion.tier,
    })),
    problems: options.problems,
  };
}
