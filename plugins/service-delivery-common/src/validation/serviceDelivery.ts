import { Entity } from '@backstage/catalog-model';
import { formatDuration, tryParseDuration } from '../duration';
import { canonicalEntityRef } from '../records/entityRef';
import { serviceDeliverySpecSchema } from '../schema/serviceDelivery';
import { ValidationProblem } from '../types';
import { schemaProblems } from './engine';
import { formats } from './formats';
import { checkErrorBudgetPolicy } from './errorBudgetPolicy';
import { checkObjectivePrometheus } from './prometheus';
import {
  isFiniteNumber,
  isObject,
  listed,
  objectsOf,
  pathTo,
  ProblemList,
  shorten,
} from './text';

const root = 'spec.serviceDelivery';

/**
 * What the metadata is checked against besides its own content.
 *
 * @public
 */
export interface ServiceDeliveryValidationOptions {
  /** The tier names defined in app-config (`serviceDelivery.tiers`); when omitted, tiers are not checked. */
  tiers?: string[];
  /** The entity's `spec.dependsOn`; when omitted, redundancy groups are not checked against it. */
  dependsOn?: string[];
  /** The entity's namespace, for references that leave it out; `default` when omitted. */
  namespace?: string;
}

/**
 * The entity kinds that may declare `spec.serviceDelivery`.
 *
 * @public
 */
export const serviceDeliveryEntityKinds = ['Component', 'System', 'Resource'];

/**
 * Whether an entity of `kind` (in any case) may declare `spec.serviceDelivery`: one of
 * {@link serviceDeliveryEntityKinds}.
 *
 * @public
 */
export function isServiceDeliveryEntityKind(kind: string): boolean {
  const lower = kind.toLocaleLowerCase('en-US');
  return serviceDeliveryEntityKinds.some(
    allowed => allowed.toLocaleLowerCase('en-US') === lower,
  );
}

function minutesOf(time: unknown): number | undefined {
  if (typeof time !== 'string' || !formats['time-of-day'].validate!(time)) {
    return undefined;
  }
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

function isDate(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** Reports every entry after the first that repeats the value of `field`. */
function checkUnique(
  problems: ProblemList,
  items: Array<[number, Record<string, unknown>]>,
  field: string,
  listPath: string,
  what: string,
) {
  const seen = new Map<string, number>();
  for (const [index, item] of items) {
    const value = item[field];
    if (typeof value !== 'string') {
      continue;
    }
    const key = value.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
    } else {
      problems.add(
        pathTo(listPath, index, field),
        `repeats the ${what} '${shorten(value)}' of ${pathTo(listPath, first)}`,
      );
    }
  }
}

function checkWindows(
  problems: ProblemList,
  windows: unknown,
  listPath: string,
) {
  for (const [index, window] of objectsOf(windows)) {
    const from = minutesOf(window.from);
    const to = minutesOf(window.to);
    if (from !== undefined && to !== undefined && to <= from) {
      problems.add(
        pathTo(listPath, index, 'to'),
        `must be later than from (${window.from}); write a window across midnight as two windows`,
      );
    }
  }
}

function checkServiceHours(problems: ProblemList, hours: unknown) {
  if (!isObject(hours)) {
    return;
  }
  const path = pathTo(root, 'serviceHours');
  if (hours.schedule !== undefined && hours.weekly !== undefined) {
    problems.add(
      pathTo(path, 'weekly'),
      'cannot be declared together with schedule; declare either schedule: 24x7 or weekly windows',
    );
  }
  checkWindows(problems, hours.weekly, pathTo(path, 'weekly'));
  checkWindows(problems, hours.maintenance, pathTo(path, 'maintenance'));
}

function checkObjectives(
  problems: ProblemList,
  objectives: unknown,
  listPath: string,
) {
  const items = objectsOf(objectives);
  checkUnique(problems, items, 'name', listPath, 'objective name');
  for (const [index, objective] of items) {
    const thresholdPath = pathTo(listPath, index, 'threshold');
    if (objective.kind === 'latency' && objective.threshold === undefined) {
      problems.add(
        thresholdPath,
        'is required for a latency objective: the response time under which a request counts as good, such as 300ms',
      );
    } else if (
      objective.threshold !== undefined &&
      (objective.kind === 'availability' || objective.kind === 'ratio')
    ) {
      problems.add(
        thresholdPath,
        `applies only to latency objectives (this one is ${objective.kind})`,
      );
    } else if (tryParseDuration(objective.threshold) === 0) {
      problems.add(thresholdPath, 'must be longer than 0');
    }
    checkObjectivePrometheus(
      problems,
      objective.prometheus,
      pathTo(listPath, index, 'prometheus'),
    );
    checkErrorBudgetPolicy(
      problems,
      objective.errorBudgetPolicy,
      pathTo(listPath, index, 'errorBudgetPolicy'),
    );
  }
}

function checkSupport(
  problems: ProblemList,
  support: unknown,
  listPath: string,
) {
  const items = objectsOf(support);
  checkUnique(problems, items, 'priority', listPath, 'priority');
  for (const [index, target] of items) {
    const response = tryParseDuration(target.response);
    const resolution = tryParseDuration(target.resolution);
    if (
      response !== undefined &&
      resolution !== undefined &&
      resolution < response
    ) {
      problems.add(
        pathTo(listPath, index, 'resolution'),
        `must not be shorter than response (${formatDuration(response)})`,
      );
    }
  }
}

function checkAgreements(problems: ProblemList, agreements: unknown) {
  const listPath = pathTo(root, 'agreements');
  const items = objectsOf(agreements);
  checkUnique(problems, items, 'name', listPath, 'agreement name');
  for (const [index, agreement] of items) {
    const path = pathTo(listPath, index);
    if (
      isDate(agreement.effective) &&
      isDate(agreement.expires) &&
      agreement.expires <= agreement.effective
    ) {
      problems.add(
        pathTo(path, 'expires'),
        `must be after effective (${agreement.effective})`,
      );
    }
    checkObjectives(problems, agreement.objectives, pathTo(path, 'objectives'));
    checkErrorBudgetPolicy(
      problems,
      agreement.errorBudgetPolicy,
      pathTo(path, 'errorBudgetPolicy'),
    );
    checkSupport(problems, agreement.support, pathTo(path, 'support'));
  }
}

function objectiveNames(agreements: unknown): string[] {
  return objectsOf(agreements).flatMap(([, agreement]) =>
    objectsOf(agreement.objectives).flatMap(([, objective]) =>
      typeof objective.name === 'string' ? [objective.name] : [],
    ),
  );
}

function checkCost(problems: ProblemList, cost: unknown, agreements: unknown) {
  if (!isObject(cost)) {
    return;
  }
  const path = pathTo(root, 'cost');

  if (isObject(cost.budget)) {
    const declared = ['monthly', 'annual'].filter(
      period => (cost.budget as Record<string, unknown>)[period] !== undefined,
    );
    if (declared.length === 0 && Object.keys(cost.budget).length === 0) {
      problems.add(
        pathTo(path, 'budget'),
        'must declare either monthly or annual, such as { monthly: 42000 }',
      );
    } else if (declared.length === 2) {
      problems.add(
        pathTo(path, 'budget'),
        'must declare either monthly or annual, not both',
      );
    }
  }

  // A share that is itself wrong is reported on its own; the sum would only repeat it.
  const chargeback = objectsOf(cost.chargeback);
  if (
    chargeback.length > 0 &&
    Array.isArray(cost.chargeback) &&
    chargeback.length === cost.chargeback.length &&
    chargeback.every(
      ([, entry]) =>
        isFiniteNumber(entry.share) && entry.share > 0 && entry.share <= 100,
    )
  ) {
    const sum = chargeback.reduce(
      (total, [, entry]) => total + (entry.share as number),
      0,
    );
    if (Math.abs(sum - 100) > 1e-6) {
      problems.add(
        pathTo(path, 'chargeback'),
        `shares must sum to 100, but they sum to ${Number(sum.toFixed(6))}`,
      );
    }
  }
  checkUnique(
    problems,
    chargeback,
    'consumer',
    pathTo(path, 'chargeback'),
    'consumer',
  );

  if (isObject(cost.unit) && typeof cost.unit.sli === 'string') {
    const declared = objectiveNames(agreements);
    if (!declared.includes(cost.unit.sli)) {
      problems.add(
        pathTo(path, 'unit', 'sli'),
        declared.length
          ? `names no objective of this service's agreements (they declare ${listed(
              declared,
            )})`
          : 'names an objective, but this service declares no agreement objectives',
      );
    }
  }
}

function checkCapacity(problems: ProblemList, capacity: unknown) {
  if (!isObject(capacity)) {
    return;
  }
  const listPath = pathTo(root, 'capacity', 'resources');
  const resources = objectsOf(capacity.resources);
  checkUnique(problems, resources, 'name', listPath, 'resource name');
  for (const [index, resource] of resources) {
    if (
      isFiniteNumber(resource.warning) &&
      isFiniteNumber(resource.critical) &&
      resource.critical <= resource.warning
    ) {
      problems.add(
        pathTo(listPath, index, 'critical'),
        `must be above warning (${resource.warning})`,
      );
    }
  }
}

function checkContinuity(problems: ProblemList, continuity: unknown) {
  if (!isObject(continuity)) {
    return;
  }
  if (tryParseDuration(continuity.testEvery) === 0) {
    problems.add(
      pathTo(root, 'continuity', 'testEvery'),
      'must be longer than 0',
    );
  }
}

function checkTier(
  problems: ProblemList,
  tier: unknown,
  tiers: string[] | undefined,
) {
  if (tiers === undefined || typeof tier !== 'string' || tiers.includes(tier)) {
    return;
  }
  problems.add(
    pathTo(root, 'tier'),
    tiers.length
      ? `'${shorten(
          tier,
        )}' is not a tier of this Backstage (serviceDelivery.tiers in app-config defines ${tiers.join(
          ', ',
        )})`
      : `'${shorten(
          tier,
        )}' is not a tier of this Backstage: app-config defines no serviceDelivery.tiers`,
  );
}

function canonicalRef(ref: string, namespace: string): string | undefined {
  try {
    return canonicalEntityRef(ref, { defaultNamespace: namespace });
  } catch {
    return undefined;
  }
}

function checkRedundancy(
  problems: ProblemList,
  redundancy: unknown,
  dependsOn: string[] | undefined,
  namespace: string,
) {
  if (dependsOn === undefined) {
    return;
  }
  const dependencies = new Set(
    dependsOn.flatMap(ref => canonicalRef(ref, namespace) ?? []),
  );
  for (const [index, group] of objectsOf(redundancy)) {
    if (!Array.isArray(group.anyOf)) {
      continue;
    }
    group.anyOf.forEach((ref: unknown, position: number) => {
      if (typeof ref !== 'string' || !formats['entity-ref'].validate!(ref)) {
        return;
      }
      const canonical = canonicalRef(ref, namespace);
      if (canonical && !dependencies.has(canonical)) {
        problems.add(
          pathTo(root, 'redundancy', index, 'anyOf', position),
          `'${shorten(
            ref,
          )}' is not listed in spec.dependsOn; a redundancy group names dependencies of this entity`,
        );
      }
    });
  }
}

/**
 * Validates `spec.serviceDelivery`: the schema first, then the rules across fields (shares summing
 * to 100, `expires` after `effective`, unique names, tiers defined in config, ...). Paths start at
 * the entity root: `spec.serviceDelivery.agreements[0].objectives[1].target`.
 *
 * @returns every problem found, or an empty list for valid (or absent) metadata
 * @public
 */
export function validateServiceDelivery(
  value: unknown,
  options: ServiceDeliveryValidationOptions = {},
): ValidationProblem[] {
  if (value === undefined) {
    return [];
  }
  const problems = new ProblemList();
  problems.addAll(schemaProblems(serviceDeliverySpecSchema, value, root));
  if (isObject(value)) {
    checkTier(problems, value.tier, options.tiers);
    checkRedundancy(
      problems,
      value.redundancy,
      options.dependsOn,
      options.namespace ?? 'default',
    );
    checkServiceHours(problems, value.serviceHours);
    checkAgreements(problems, value.agreements);
    checkCost(problems, value.cost, value.agreements);
    checkCapacity(problems, value.capacity);
    checkContinuity(problems, value.continuity);
  }
  return problems.toArray();
}

/**
 * Validates the `spec.serviceDelivery` of an entity, checking its redundancy groups against the
 * entity's `spec.dependsOn`. An entity without `spec.serviceDelivery` has no problems.
 *
 * @public
 */
export function validateEntityServiceDelivery(
  entity: Entity,
  options: Pick<ServiceDeliveryValidationOptions, 'tiers'> = {},
): ValidationProblem[] {
  const spec = isObject(entity?.spec) ? entity.spec : undefined;
  if (spec?.serviceDelivery === undefined) {
    return [];
  }
  const kind = String(entity.kind);
  if (!isServiceDeliveryEntityKind(kind)) {
    return [
      {
        path: root,
        message: `is only read on ${serviceDeliveryEntityKinds.join(
          ', ',
        )} entities, not on a ${kind}`,
      },
    ];
  }
  const dependsOn = Array.isArray(spec.dependsOn)
    ? spec.dependsOn.filter((ref): ref is string => typeof ref === 'string')
    : [];
  return validateServiceDelivery(spec.serviceDelivery, {
    tiers: options.tiers,
    dependsOn,
    namespace: entity.metadata?.namespace ?? 'default',
  });
}
