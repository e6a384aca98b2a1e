import { availabilityErrorBudget } from '@service-delivery/plugin-service-delivery-common';
import { compositeView } from '../../disciplines/availability';
import { dependencyEdges } from '../../disciplines/dependencyGraph';
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
    const { spec, settings, now } = input;
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

    const composite = compositeView({
      composites: await input.composites.forPeriod(period),
      root: input.entityRef,
      target: agreed?.target,
      hasDependencies: dependencyEdges(input.entity).dependsOn.length > 0,
      limits: LIMITING_DEPENDENCIES_IN_ROW,
    });

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
      achievable: composite.achievable,
      achievableBounds: composite.exact ? null : composite.bounds,
      feasibility: composite.feasibility,
      unachievable: composite.unachievable,
      limitingDependencies: composite.limitingDependencies.map(
        d => d.entityRef,
      ),
    };
  },
};
