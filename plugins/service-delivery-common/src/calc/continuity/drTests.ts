/*
 * Disaster-recovery tests: whether the last one proved the objectives, and when the next is due.
 * Durations are seconds, instants epoch milliseconds (or anything `Instant` takes).
 */
import { toMillis } from '../intervals';
import { Instant } from '../types';

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
