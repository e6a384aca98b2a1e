import { objectsOf, pathTo, ProblemList } from './text';

const conditions = ['budgetRemainingBelow', 'burnRateAlert', 'status'];

/**
 * The rules of an error-budget policy the schema cannot say: each step's `when` names exactly one
 * condition, and `appliesTo` only on the actions that stop changes, never fixes without features.
 */
export function checkErrorBudgetPolicy(
  problems: ProblemList,
  policy: unknown,
  listPath: string,
) {
  for (const [index, step] of objectsOf(policy)) {
    const when = step.when;
    if (when !== null && typeof when === 'object' && !Array.isArray(when)) {
      const named = Object.keys(when).filter(key => conditions.includes(key));
      if (named.length === 0 && Object.keys(when).length === 0) {
        problems.add(
          pathTo(listPath, index, 'when'),
          `must name one condition: ${conditions.join(', ')}`,
        );
      } else if (named.length > 1) {
        problems.add(
          pathTo(listPath, index, 'when'),
          `names ${named.join(
            ' and ',
          )}: a step has one condition, write two steps instead`,
        );
      }
    }
    if (
      step.appliesTo !== undefined &&
      (step.action === 'review' || step.action === 'notify')
    ) {
      problems.add(
        pathTo(listPath, index, 'appliesTo'),
        `applies only to freeze-features and freeze-all (a ${step.action} step stops no change)`,
      );
    } else if (
      Array.isArray(step.appliesTo) &&
      step.appliesTo.includes('fix') &&
      !step.appliesTo.includes('feature')
    ) {
      problems.add(
        pathTo(listPath, index, 'appliesTo'),
        'must name feature too: a freeze that stops fixes stops features as well',
      );
    }
  }
}
