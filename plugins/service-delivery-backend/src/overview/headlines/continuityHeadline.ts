import { continuityReport } from '../../disciplines/continuity';
import { HeadlineSource } from './HeadlineSource';

/** IT Service Continuity Management: the worst check, and whether the DR test is overdue. */
export const continuityHeadline: HeadlineSource<'continuity'> = {
  discipline: 'continuity',

  appliesTo: ({ spec }) =>
    typeof spec.continuity === 'object' && spec.continuity !== null,

  async compute(input) {
    const report = await continuityReport({
      entity: input.entity,
      closure: { root: input.entityRef, ...input.recoveryGraph() },
      now: input.now,
      store: input.store,
      settings: input.settings,
      problems: input.problems,
    });
    return {
      status: report.status,
      testOverdue: report.testOverdue,
      lastTest: report.lastTest?.performedAt ?? null,
      testDueAt: report.testDueAt,
      testEvery: report.objectives.testEvery.policy ?? report.testEvery,
      checks: report.checks
        .filter(check => check.status !== 'pass')
        .map(({ id, status, message }) => ({ id, status, message })),
    };
  },
};
