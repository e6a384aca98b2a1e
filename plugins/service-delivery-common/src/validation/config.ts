import { serviceDeliveryConfigSchema } from '../schema/config';
import { ValidationProblem } from '../types';
import { schemaProblems } from './engine';
import { checkErrorBudgetPolicy } from './errorBudgetPolicy';
import { isObject, pathTo, ProblemList, suggest } from './text';
import { tryParseDuration } from '../duration';

/** Shorter than this, measured data would be pruned before a month's figures are read. */
const shortestRetentionSeconds = 32 * 86_400;

const root = 'serviceDelivery';

/**
 * Validates the `serviceDelivery` section of app-config. Paths start at the section:
 * `serviceDelivery.tiers.tier-1.rto`. A missing section has no problems.
 *
 * @public
 */
export function validateServiceDeliveryConfig(
  value: unknown,
): ValidationProblem[] {
  if (value === undefined) {
    return [];
  }
  const problems = new ProblemList();
  problems.addAll(schemaProblems(serviceDeliveryConfigSchema, value, root));
  if (isObject(value) && isObject(value.currencyRates)) {
    for (const code of Object.keys(value.currencyRates)) {
      if (!/^[A-Z]{3}$/.test(code)) {
        problems.add(
          pathTo(root, 'currencyRates', code),
          `is not a currency: name each rate by its three-letter code, such as USD`,
        );
      }
    }
  }
  if (isObject(value)) {
    checkErrorBudgetPolicy(
      problems,
      value.errorBudgetPolicy,
      pathTo(root, 'errorBudgetPolicy'),
    );
  }
  if (isObject(value) && isObject(value.retention)) {
    const keep = tryParseDuration(value.retention.keep);
    if (keep !== undefined && keep < shortestRetentionSeconds) {
      problems.add(
        pathTo(root, 'retention', 'keep'),
        `must be at least 32 days, so that a whole month's figures can be read (got ${String(
          value.retention.keep,
        )})`,
      );
    }
    const grace = tryParseDuration(value.retention.afterEntityGone);
    if (grace !== undefined && grace <= 0) {
      problems.add(
        pathTo(root, 'retention', 'afterEntityGone'),
        `must be a positive duration, such as 30d (got ${String(
          value.retention.afterEntityGone,
        )})`,
      );
    }
  }
  if (isObject(value)) {
    // Unknown settings are allowed here (providers keep theirs beside these), but one that is
    // nearly the name of a known setting is much more likely a typo.
    const known = Object.keys(serviceDeliveryConfigSchema.properties);
    for (const key of Object.keys(value)) {
      const likely = known.includes(key) ? undefined : suggest(key, known);
      if (likely) {
        problems.add(
          pathTo(root, key),
          `unknown setting '${key}' (did you mean '${likely}'?)`,
        );
      }
    }
  }
  return problems.toArray();
}
