import {
  availabilityErrorBudget,
  compositeAvailability,
  isTargetAchievable,
} from '@service-delivery/plugin-service-delivery-common';
import { compositeGraph } from '../../disciplines/availability';
import {
  agreedAvailability,
  periodKindOf,
  timezoneOf,
} from '../../disciplines/declared';
import { periodFor } from '../../disciplines/serviceLevel';
import { HeadlineSource } from './HeadlineSource';

/**
 * A row names only the dependencies that limit the ceiling most (its findings quote three of
 * them); the Availability tab ranks all. Every one of them for every service would grow with
 * services × dependencies.
 */
export const LIMITING_DEPENDENCIES_IN_ROW = 5;

/**
 * Availability Management: this period against the target and what the dependencies allow, as the
 * Availability tab computes them (without its history of earlier periods). Applies where there is a
 * target (an agreement's or the tier's) or declared service hours.
 */
export const availabilityHeadline: HeadlineSource<'availability'> = {
  discipline: 'availability',

  appliesTo: ({ spec, settings }) =>
    agreedAvailability(spec, settings.tiers) !== undefined ||
    (typeof spec.serviceHours === 'object' && spec.serviceHours !== null),

  async compute(input) {
    const { spec, settings, now, store } = input;
    const agreed = agreedAvailability(spec, settings.tiers);
    const period = periodFor(
      input.period,
      periodKindOf(agreed?.agreement),
      timezoneOf(spec),
      now,
    );
    const { incidents, availability: current } = await input.measure(period);
    const budget =
      agreed &&
      availabilityErrorBudget({
        target: agreed.target,
        agreedServiceTime: current.periodAgreedServiceTime,
        elapsedAgreedServiceTime: current.agreedServiceTime,
        downtime: current.downtime.downtimeSeconds,
      });

    const closure = await input.closure();
    const hasDependencies =
      (closure.edges.get(closure.root)?.dependsOn.length ?? 0) > 0;
    let achievable: number | null = null;
    let limitingDependencies: string[] = [];
    if (hasDependencies) {
      const { graph } = await compositeGraph({
        closure,
        period,
        store,
        settings,
        measured: input.measuredDependencies,
      });
      // ranking what limits the ceiling costs an evaluation per dependency: only when it matters
      achievable = compositeAvailability(closure.root, graph, {
        limits: false,
      }).achievable;
      if (agreed && !isTargetAchievable(agreed.target, achievable)) {
        limitingDependencies = compositeAvailability(closure.root, graph)
          .limitingDependencies.slice(0, LIMITING_DEPENDENCIES_IN_ROW)
          .map(d => d.ref);
      }
    }

    let targetSource: 'agreement' | 'tier' | null = null;
    if (agreed) targetSource = agreed.agreement ? 'agreement' : 'tier';
    return {
      period: period.label,
      availability: current.availability,
      target: agreed?.target ?? null,
      targetSource,
      status: budget ? budget.status : 'no-data',
      downtime: current.downtime.downtimeSeconds,
      failures: current.downtime.failures,
      // what the composites of others count: measured with incidents, else agreed
      ownAvailability:
        incidents.length > 0 ? current.availability : agreed?.target ?? null,
      achievable,
      unachievable:
        achievable !== null &&
        agreed !== undefined &&
        !isTargetAchievable(agreed.target, achievable),
      limitingDependencies,
    };
  },
};
