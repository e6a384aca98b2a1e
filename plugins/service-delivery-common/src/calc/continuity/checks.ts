/*
 * Every continuity check of a service, as sentences with a status: objectives against policy,
 * strategy, the DR test schedule and result, dependency inversions, risks.
 */
import { formatDuration } from '../../duration';
import { entityDisplayName } from '../../links';
import { ownEntry } from '../../ownEntry';
import { toMillis } from '../intervals';
import { Instant } from '../types';
import {
  DrTestInput,
  DrTestSchedule,
  drTestOutcome,
  drTestSchedule,
} from './drTests';
import { ContinuityPolicy } from './policy';
import { RecoveryInversions } from './recoveryInversions';
import { RiskInput, scoreRisks } from './risk';

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

/** What every check reads: the input, the entity as its own subject, the tier's name for sentences. */
interface CheckContext {
  input: ContinuityChecksInput;
  policy: ContinuityPolicy;
  self: string[];
  tierName: string;
  d: (seconds: number) => string;
}

function lastTestDate(schedule: DrTestSchedule): string {
  return schedule.lastTest
    ? isoDate(toMillis(schedule.lastTest.performedAt))
    : '';
}

/** The tier is known; the declared RTO and RPO against the tier's. */
function objectiveChecks(context: CheckContext): ContinuityCheck[] {
  const { policy, self, tierName, d } = context;
  const checks: ContinuityCheck[] = [];
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
  return checks;
}

/** A recovery strategy where an RTO needs one. */
function strategyChecks(context: CheckContext): ContinuityCheck[] {
  const { input, policy, self, tierName, d } = context;
  const checks: ContinuityCheck[] = [];
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
  return checks;
}

/** Whether the DR test is due. */
function scheduleChecks(
  context: CheckContext,
  schedule: DrTestSchedule,
): ContinuityCheck[] {
  const { policy, self, d } = context;
  const checks: ContinuityCheck[] = [];
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
  const lastDate = lastTestDate(schedule);
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
  return checks;
}

/** The last DR test's result and the RTO and RPO it achieved. */
function lastTestChecks(
  context: CheckContext,
  schedule: DrTestSchedule,
): ContinuityCheck[] {
  const { policy, self, d } = context;
  const checks: ContinuityCheck[] = [];
  const last = schedule.lastTest;
  if (!last) return checks;
  const lastDate = lastTestDate(schedule);
  const rto = policy.rto.effective;
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
  return checks;
}

/** Dependencies that recover more slowly or sit in a lower tier, or whose recovery is unknown. */
function dependencyChecks(context: CheckContext): ContinuityCheck[] {
  const { input, self, d } = context;
  const checks: ContinuityCheck[] = [];
  if (input.inversions) {
    const { inversions, unknown } = input.inversions;
    for (const inversion of inversions) {
      const name = entityDisplayName(inversion.ref);
      const via =
        inversion.path.length > 2
          ? ` (via ${inversion.path
              .slice(1, -1)
              .map(entityDisplayName)
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
        message: `${unknown.map(entityDisplayName).join(', ')} declare${
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
  return checks;
}

/** High risks without a mitigation. */
function riskChecks(context: CheckContext): ContinuityCheck[] {
  const { input, self } = context;
  const checks: ContinuityCheck[] = [];
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
  return checks;
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

  const context: CheckContext = {
    input,
    policy,
    self: [entityRef],
    tierName: policy.tier ?? 'its tier',
    d: seconds => formatDuration(seconds),
  };
  const schedule = drTestSchedule({
    tests: input.tests,
    testEvery: policy.testEvery.effective,
    now: input.now,
  });
  const checks = [
    ...objectiveChecks(context),
    ...strategyChecks(context),
    ...scheduleChecks(context, schedule),
    ...lastTestChecks(context, schedule),
    ...dependencyChecks(context),
    ...riskChecks(context),
  ];
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
