import {
  AvailabilityHeadline,
  availabilityErrorBudget,
} from '@service-delivery/plugin-service-delivery-common';
import { compositeView } from '../../disciplines/availability';
import { dependencyEdges } from '../../disciplines/dependencyGraph';
import {
  agreedAvailability,
  periodKindOf,
  timezoneOf,
} from '../../disciplines/declared';
import { periodFor } from '../../disciplines/serviceLevel';
import { HeadlineInput, HeadlineSource } from './HeadlineSource';

/**
 * A row names only the dependencies that limit the ceiling most (its findings quote three of
 * them); the Availability tab ranks all. Every one of them for every service would grow with
 * services × dependencies.
 */
export const LIMITING_DEPENDENCIES_IN_ROW = 5;

/** Where there is a target (an agreement's or the tier's) or declared service hours. */
function hasAvailabilityHeadline({
  spec,
  settings,
}: Pick<HeadlineInput, 'spec' | 'settings'>): boolean {
  return (
    agreedAvailability(spec, settings.tiers) !== undefined ||
    (typeof spec.serviceHours === 'object' && spec.serviceHours !== null)
  );
}

type RowCompositeInput = Pick<
  HeadlineInput,
  'entity' | 'entityRef' | 'spec' | 'settings' | 'now' | 'period' | 'composites'
>;

/** The period a row measures: the one asked for, else its availability agreement's current one. */
function rowPeriod(
  input: Pick<HeadlineInput, 'spec' | 'settings' | 'now' | 'period'>,
) {
  const agreed = agreedAvailability(input.spec, input.settings.tiers);
  return periodFor(
    input.period,
    periodKindOf(agreed?.agreement),
    timezoneOf(input.spec),
    input.now,
  );
}

/** What a row shows of the composite: the ceiling over the row's period, and what limits it. */
async function rowComposite(
  input: RowCompositeInput,
  period: { start: number; end: number; elapsedEnd: number },
) {
  const agreed = agreedAvailability(input.spec, input.settings.tiers);
  return compositeView({
    composites: await input.composites.forPeriod(period),
    root: input.entityRef,
    target: agreed?.target,
    hasDependencies: dependencyEdges(input.entity).dependsOn.length > 0,
    limits: LIMITING_DEPENDENCIES_IN_ROW,
  });
}

/** Differences smaller than this (percentage points) are not shown, so the ceiling has not moved. */
const VISIBLE_CHANGE = 0.0005;

/**
 * Whether the composite part of a stored row would now read differently: an ingest for a dependency
 * recomputes only the dependants whose ceiling moved.
 */
export async function compositeMoved(
  input: RowCompositeInput,
  stored: AvailabilityHeadline | null,
): Promise<boolean> {
  if (!hasAvailabilityHeadline(input)) {
    return stored !== null;
  }
  if (!stored) return true;
  const now_ = await rowComposite(input, rowPeriod(input));
  const apart = (a: number | null | undefined, b: number | null | undefined) =>
    (a ?? null) === null || (b ?? null) === null
      ? (a ?? null) !== (b ?? null)
      : Math.abs(a! - b!) >= VISIBLE_CHANGE;
  const bounds = now_.exact ? null : now_.bounds;
  return (
    apart(now_.achievable, stored.achievable) ||
    apart(bounds?.low, stored.achievableBounds?.low) ||
    apart(bounds?.high, stored.achievableBounds?.high) ||
    now_.unachievable !== stored.unachievable ||
    (now_.feasibility ?? null) !== (stored.feasibility ?? null) ||
    now_.limitingDependencies.map(d => d.entityRef).join() !==
      stored.limitingDependencies.join()
  );
}

/**
 * Availability Management: this period against the target and what the dependencies allow, as the
 * Availability tab computes them (without its history of earlier periods). Applies where there is a
 * target (an agreement's or the tier's) or declared service hours.
 */
export const availabilityHeadline: HeadlineSource<'availability'> = {
  discipline: 'availability',

  appliesTo: hasAvailabilityHeadline,

  async compute(input) {
    const { spec, settings } = input;
    const agreed = agreedAvailability(spec, settings.tiers);
    const period = rowPeriod(input);
    const { incidents, availability: current } = await input.measure(period);
    const budget =
      agreed &&
      availabilityErrorBudget({
        target: agreed.target,
        agreedServiceTime: current.periodAgreedServiceTime,
        elapsedAgreedServiceTime: current.agreedServiceTime,
        downtime: current.downtime.downtimeSeconds,
      });

    const composite = await rowComposite(input, period);

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
