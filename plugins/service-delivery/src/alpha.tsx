import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { serviceDeliveryApiRef, ServiceDeliveryClient } from './api';
import {
  isAvailabilityAvailable,
  isServiceDeliveryAvailable,
  isSlaAvailable,
} from './predicates';
import { entityAvailabilityRouteRef, entitySlaRouteRef } from './routes';

const serviceDeliveryApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: serviceDeliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ServiceDeliveryClient({ discoveryApi, fetchApi }),
    }),
});

const entitySlaContent = EntityContentBlueprint.make({
  name: 'sla',
  params: {
    path: '/sla',
    title: 'SLA',
    routeRef: convertLegacyRouteRef(entitySlaRouteRef),
    filter: isSlaAvailable,
    loader: () => import('./components/SlaContent').then(m => <m.SlaContent />),
  },
});

const entityAvailabilityContent = EntityContentBlueprint.make({
  name: 'availability',
  params: {
    path: '/availability',
    title: 'Availability',
    routeRef: convertLegacyRouteRef(entityAvailabilityRouteRef),
    filter: isAvailabilityAvailable,
    loader: () =>
      import('./components/AvailabilityContent').then(m => (
        <m.AvailabilityContent />
      )),
  },
});

const entitySummaryCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: isServiceDeliveryAvailable,
    loader: () =>
      import('./components/ServiceDeliverySummaryCard').then(m => (
        <m.ServiceDeliverySummaryCard />
      )),
  },
});

const entityProblemsCard = EntityCardBlueprint.make({
  name: 'problems',
  params: {
    filter: isServiceDeliveryAvailable,
    loader: () =>
      import('./components/ServiceDeliveryProblemsCard').then(m => (
        <m.ServiceDeliveryProblemsCard />
      )),
  },
});

/**
 * Service Delivery for Backstage's new frontend system: the SLA and Availability entity tabs, the
 * summary card and the metadata problems card.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'service-delivery',
  routes: {
    entitySla: convertLegacyRouteRef(entitySlaRouteRef),
    entityAvailability: convertLegacyRouteRef(entityAvailabilityRouteRef),
  },
  extensions: [
    serviceDeliveryApi,
    entitySlaContent,
    entityAvailabilityContent,
    entitySummaryCard,
    entityProblemsCard,
  ],
});
