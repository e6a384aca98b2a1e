import {
  CapacityHeadline,
  capacityForecast,
  daysUntil,
} from '@service-delivery/plugin-service-delivery-common';
import { declaredResources } from '../../disciplines/capacity';
import { HeadlineSource } from './HeadlineSource';

/** The trend window the capacity tab uses by default, in days. */
export const CAPACITY_WINDOW_DAYS = 30;

const RANK: Record<CapacityHeadline['status'], number> = {
  'no-data': 0,
  ok: 1,
  warning: 2,
  critical: 3,
};

/**
 * Capacity Management: each declared resource's utilisation now and when its trend reaches the
 * critical level, as the Capacity tab's forecast (without what-if), and the resource closest to
 * trouble.
 */
export const capacityHeadline: HeadlineSource<'capacity'> = {
  discipline: 'capacity',

  appliesTo: ({ entity }) => declaredResources(entity).length > 0,

  async compute(input) {
    const { now } = input;
    const resources: CapacityHeadline['resources'] = declaredResources(
      input.entity,
    ).map(resource => {
      const forecast = capacityForecast({
        capacity: resource.capacity,
        warning: typeof resource.warning === 'number' ? resource.warning : null,
        critical:
          typeof resource.critical === 'number' ? resource.critical : null,
        samples: input.capacitySamples.filter(
          sample => sample.resource === resource.name,
        ),
        now,
        windowDays: CAPACITY_WINDOW_DAYS,
      });
      const { criticalAt } = forecast;
      return {
        name: resource.name,
        status: forecast.status ?? 'no-data',
        utilisation: forecast.utilisation,
        criticalAt:
          typeof criticalAt === 'number'
            ? new Date(criticalAt).toISOString()
            : null,
        daysToCritical: daysUntil(criticalAt, now),
      };
    });
    const worst = [...resources].sort(
      (a, b) =>
        RANK[b.status] - RANK[a.status] ||
        (a.daysToCritical ?? Infinity) - (b.daysToCritical ?? Infinity) ||
        (b.utilisation ?? -1) - (a.utilisation ?? -1),
    )[0];
    return {
      status: worst?.status ?? 'no-data',
      resource: worst?.name ?? null,
      utilisation: worst?.utilisation ?? null,
      daysToCritical: worst?.daysToCritical ?? null,
      resources,
    };
  },
};
