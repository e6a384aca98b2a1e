import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  ApiBlueprint,
  AppRootElementBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  useRouteRef,
} from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { SearchResultListItemBlueprint } from '@backstage/plugin-search-react/alpha';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { SERVICE_DELIVERY_SEARCH_TYPE } from '@service-delivery/plugin-service-delivery-common';
import { serviceDeliveryApiRef, ServiceDeliveryClient } from './api';
import { isPortfolioAvailable } from './portfolioPredicate';
import { portfolioContentModule } from './portfolioContentLoader';
import { usePortfolioPreload } from './PortfolioPreload';
import {
  isAvailabilityAvailable,
  isBlastRadiusAvailable,
  isCapacityAvailable,
  isContinuityAvailable,
  isCostAvailable,
  isServiceDeliveryAvailable,
  isSlaAvailable,
} from './predicates';
import {
  entityAvailabilityRouteRef,
  entityCapacityRouteRef,
  entityContinuityRouteRef,
  entityCostRouteRef,
  entitySlaRouteRef,
  entityPortfolioRouteRef,
  rootRouteRef,
  slaReportRouteRef,
} from './routes';

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
    loader: () =>
      import('./components/sla/SlaContent').then(m => <m.SlaContent />),
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
      import('./components/availability/AvailabilityContent').then(m => (
        <m.AvailabilityContent />
      )),
  },
});

const entityContinuityContent = EntityContentBlueprint.make({
  name: 'continuity',
  params: {
    path: '/continuity',
    title: 'Continuity',
    routeRef: convertLegacyRouteRef(entityContinuityRouteRef),
    filter: entity =>
      isContinuityAvailable(entity) || isBlastRadiusAvailable(entity),
    loader: () =>
      import('./components/continuity/ContinuityContent').then(m => (
        <m.ContinuityContent />
      )),
  },
});

const entityCostContent = EntityContentBlueprint.make({
  name: 'cost',
  params: {
    path: '/cost',
    title: 'Cost',
    routeRef: convertLegacyRouteRef(entityCostRouteRef),
    filter: isCostAvailable,
    loader: () =>
      import('./components/cost/CostContent').then(m => <m.CostContent />),
  },
});

const entityCapacityContent = EntityContentBlueprint.make({
  name: 'capacity',
  params: {
    path: '/capacity',
    title: 'Capacity',
    routeRef: convertLegacyRouteRef(entityCapacityRouteRef),
    filter: isCapacityAvailable,
    loader: () =>
      import('./components/capacity/CapacityContent').then(m => (
        <m.CapacityContent />
      )),
  },
});

const overviewPage = PageBlueprint.make({
  params: {
    path: '/service-delivery',
    title: 'Service Delivery',
    icon: <AssessmentIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/overview/ServiceDeliveryPage').then(m => (
        <m.ServiceDeliveryPage header={false} />
      )),
  },
});

const entityPortfolioContent = EntityContentBlueprint.make({
  name: 'portfolio',
  params: {
    path: '/service-delivery',
    title: 'Service Delivery',
    routeRef: convertLegacyRouteRef(entityPortfolioRouteRef),
    filter: isPortfolioAvailable,
    loader: () => portfolioContentModule().then(m => <m.PortfolioContent />),
  },
});

const convertedEntityRouteRef = convertLegacyRouteRef(entityRouteRef);

function PortfolioPreloadElement() {
  usePortfolioPreload(useRouteRef(convertedEntityRouteRef));
  return null;
}

/** Starts the portfolio tab's requests as soon as the URL names the tab (see PortfolioPreload). */
const portfolioPreload = AppRootElementBlueprint.make({
  name: 'portfolio-preload',
  params: { element: <PortfolioPreloadElement /> },
});

const entitySummaryCard = EntityCardBlueprint.make({
  name: 'summary',
  params: {
    filter: isServiceDeliveryAvailable,
    loader: () =>
      import('./components/cards/ServiceDeliverySummaryCard').then(m => (
        <m.ServiceDeliverySummaryCard />
      )),
  },
});

const entityProblemsCard = EntityCardBlueprint.make({
  name: 'problems',
  params: {
    filter: isServiceDeliveryAvailable,
    loader: () =>
      import('./components/cards/ServiceDeliveryProblemsCard').then(m => (
        <m.ServiceDeliveryProblemsCard />
      )),
  },
});

const searchResultListItem = SearchResultListItemBlueprint.make({
  params: {
    predicate: result => result.type === SERVICE_DELIVERY_SEARCH_TYPE,
    component: () =>
      import('./components/search/ServiceDeliverySearchResultListItem').then(
        m => m.ServiceDeliverySearchResultListItem,
      ),
  },
});

/**
 * Service Delivery for Backstage's new frontend system: every entity tab and card, the org-wide
 * overview page (which is also its nav item), the Service Delivery portfolio tab of groups,
 * systems and domains, and the search result item of agreements and findings.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'service-delivery',
  routes: {
    entitySla: convertLegacyRouteRef(entitySlaRouteRef),
    entityAvailability: convertLegacyRouteRef(entityAvailabilityRouteRef),
    entityContinuity: convertLegacyRouteRef(entityContinuityRouteRef),
    entityCost: convertLegacyRouteRef(entityCostRouteRef),
    entityCapacity: convertLegacyRouteRef(entityCapacityRouteRef),
    root: convertLegacyRouteRef(rootRouteRef),
    slaReport: convertLegacyRouteRef(slaReportRouteRef),
    entityPortfolio: convertLegacyRouteRef(entityPortfolioRouteRef),
  },
  extensions: [
    serviceDeliveryApi,
    entitySlaContent,
    entityAvailabilityContent,
    entityContinuityContent,
    entityCostContent,
    entityCapacityContent,
    entitySummaryCard,
    entityProblemsCard,
    overviewPage,
    entityPortfolioContent,
    portfolioPreload,
    searchResultListItem,
  ],
});
