import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { serviceDeliveryApiRef, ServiceDeliveryClient } from './api';
import { entityAvailabilityRouteRef, entitySlaRouteRef } from './routes';

/** @public */
export const serviceDeliveryPlugin = createPlugin({
  id: 'service-delivery',
  apis: [
    createApiFactory({
      api: serviceDeliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ServiceDeliveryClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    entitySla: entitySlaRouteRef,
    entityAvailability: entityAvailabilityRouteRef,
  },
});

/**
 * The validation problems of the entity's service-delivery metadata; renders nothing when there are
 * none.
 *
 * @public
 */
export const EntityServiceDeliveryProblemsCard = serviceDeliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityServiceDeliveryProblemsCard',
    component: {
      lazy: () =>
        import('./components/ServiceDeliveryProblemsCard').then(
          m => m.ServiceDeliveryProblemsCard,
        ),
    },
  }),
);

/**
 * Agreements, objectives and error budgets, for the entity overview.
 *
 * @public
 */
export const EntityServiceDeliverySummaryCard = serviceDeliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityServiceDeliverySummaryCard',
    component: {
      lazy: () =>
        import('./components/ServiceDeliverySummaryCard').then(
          m => m.ServiceDeliverySummaryCard,
        ),
    },
  }),
);

/**
 * The SLA tab: each agreement's objectives, error budgets, support targets and the incidents that
 * consumed the budget.
 *
 * @public
 */
export const EntitySlaContent = serviceDeliveryPlugin.provide(
  createRoutableExtension({
    name: 'EntitySlaContent',
    component: () => import('./components/SlaContent').then(m => m.SlaContent),
    mountPoint: entitySlaRouteRef,
  }),
);

/**
 * The Availability tab: availability against target, the ITIL availability measures, outages and
 * where the minutes went, and what the dependencies allow.
 *
 * @public
 */
export const EntityAvailabilityContent = serviceDeliveryPlugin.provide(
  createRoutableExtension({
    name: 'EntityAvailabilityContent',
    component: () =>
      import('./components/AvailabilityContent').then(
        m => m.AvailabilityContent,
      ),
    mountPoint: entityAvailabilityRouteRef,
  }),
);
