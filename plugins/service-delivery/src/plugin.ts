import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  CardExtensionProps,
  createCardExtension,
} from '@backstage/plugin-home-react';
import { createSearchResultListItemExtension } from '@backstage/plugin-search-react';
import { SERVICE_DELIVERY_SEARCH_TYPE } from '@service-delivery/plugin-service-delivery-common';
import type { JSX } from 'react';
import type { MyServicesCardProps } from './components/cards/MyServicesCard';
import type { ServiceDeliverySearchResultListItemProps } from './components/search/ServiceDeliverySearchResultListItem';
import type { ServiceDeliveryPageProps } from './components/overview/ServiceDeliveryPage';
import type { ServiceDeliveryProblemsCardProps } from './components/cards/ServiceDeliveryProblemsCard';
import type { ServiceDeliverySummaryCardProps } from './components/cards/ServiceDeliverySummaryCard';
import { serviceDeliveryApiRef, ServiceDeliveryClient } from './api';
import { portfolioContentModule } from './portfolioContentLoader';
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
import { PortfolioPreload, PortfolioPreloadProps } from './PortfolioPreload';

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
    entityContinuity: entityContinuityRouteRef,
    entityCost: entityCostRouteRef,
    entityCapacity: entityCapacityRouteRef,
    root: rootRouteRef,
    slaReport: slaReportRouteRef,
    entityPortfolio: entityPortfolioRouteRef,
  },
});

/**
 * The validation problems of the entity's service-delivery metadata; renders nothing when there are
 * none.
 *
 * @public
 */
export const EntityServiceDeliveryProblemsCard: (
  props: ServiceDeliveryProblemsCardProps,
) => JSX.Element | null = serviceDeliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityServiceDeliveryProblemsCard',
    component: {
      lazy: () =>
        import('./components/cards/ServiceDeliveryProblemsCard').then(
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
export const EntityServiceDeliverySummaryCard: (
  props: ServiceDeliverySummaryCardProps,
) => JSX.Element | null = serviceDeliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityServiceDeliverySummaryCard',
    component: {
      lazy: () =>
        import('./components/cards/ServiceDeliverySummaryCard').then(
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
export const EntitySlaContent: () => JSX.Element =
  serviceDeliveryPlugin.provide(
    createRoutableExtension({
      name: 'EntitySlaContent',
      component: () =>
        import('./components/sla/SlaContent').then(m => m.SlaContent),
      mountPoint: entitySlaRouteRef,
    }),
  );

/**
 * The Availability tab: availability against target, the ITIL availability measures, outages and
 * where the minutes went, and what the dependencies allow.
 *
 * @public
 */
export const EntityAvailabilityContent: () => JSX.Element =
  serviceDeliveryPlugin.provide(
    createRoutableExtension({
      name: 'EntityAvailabilityContent',
      component: () =>
        import('./components/availability/AvailabilityContent').then(
          m => m.AvailabilityContent,
        ),
      mountPoint: entityAvailabilityRouteRef,
    }),
  );

/**
 * The Continuity tab: recovery objectives against the tier policy, DR test history, strategy,
 * business impact and expected annual loss, the risk register, continuity inversions; and, for any
 * component, resource or system, the blast radius — what fails with it.
 *
 * @public
 */
export const EntityContinuityContent: () => JSX.Element =
  serviceDeliveryPlugin.provide(
    createRoutableExtension({
      name: 'EntityContinuityContent',
      component: () =>
        import('./components/continuity/ContinuityContent').then(
          m => m.ContinuityContent,
        ),
      mountPoint: entityContinuityRouteRef,
    }),
  );

/**
 * The Cost tab: cost per month and category against the budget, the year-end forecast,
 * chargeback, unit cost and the fully loaded cost. Without the service-delivery.cost.read
 * permission it says so.
 *
 * @public
 */
export const EntityCostContent: () => JSX.Element =
  serviceDeliveryPlugin.provide(
    createRoutableExtension({
      name: 'EntityCostContent',
      component: () =>
        import('./components/cost/CostContent').then(m => m.CostContent),
      mountPoint: entityCostRouteRef,
    }),
  );

/**
 * The Capacity tab: each resource's usage against its capacity and thresholds, the trend and when
 * it crosses them, with what-if modelling of demand growth.
 *
 * @public
 */
export const EntityCapacityContent: () => JSX.Element =
  serviceDeliveryPlugin.provide(
    createRoutableExtension({
      name: 'EntityCapacityContent',
      component: () =>
        import('./components/capacity/CapacityContent').then(
          m => m.CapacityContent,
        ),
      mountPoint: entityCapacityRouteRef,
    }),
  );

/**
 * The org-wide Service Delivery page (`/service-delivery`): every service with its headline figures,
 * filters that live in the URL, charts, the findings, CSV export, and the printable SLA report at
 * `/service-delivery/report`.
 *
 * @public
 */
export const ServiceDeliveryPage: (
  props: ServiceDeliveryPageProps,
) => JSX.Element = serviceDeliveryPlugin.provide(
  createRoutableExtension({
    name: 'ServiceDeliveryPage',
    component: () =>
      import('./components/overview/ServiceDeliveryPage').then(
        m => m.ServiceDeliveryPage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/**
 * The Service Delivery tab of a Group, System or Domain: the overview scoped to what the entity owns
 * or contains, with roll-ups.
 *
 * @public
 */
export const EntityServiceDeliveryPortfolioContent: () => JSX.Element =
  serviceDeliveryPlugin.provide(
    createRoutableExtension({
      name: 'EntityServiceDeliveryPortfolioContent',
      component: () => portfolioContentModule().then(m => m.PortfolioContent),
      mountPoint: entityPortfolioRouteRef,
    }),
  );

/**
 * Starts the portfolio tab's requests as soon as the URL names the tab, before the entity page has
 * loaded its entity: render it once inside the app's `AppRouter`. It renders nothing.
 *
 * @public
 */
export const ServiceDeliveryPortfolioPreload: (
  props: PortfolioPreloadProps,
) => JSX.Element | null = serviceDeliveryPlugin.provide(
  createComponentExtension({
    name: 'ServiceDeliveryPortfolioPreload',
    component: { sync: PortfolioPreload },
  }),
);

/**
 * "My services", a card for the home page: the status, error budget left and findings of the
 * services the signed-in user's teams own, worst first.
 *
 * @public
 */
export const HomePageMyServicesCard: (
  props: CardExtensionProps<MyServicesCardProps>,
) => JSX.Element = serviceDeliveryPlugin.provide(
  createCardExtension<MyServicesCardProps>({
    name: 'HomePageMyServicesCard',
    title: 'My services',
    description:
      "Status, error budget left and findings of your teams' services",
    components: () =>
      import('./components/cards/MyServicesCard').then(m => ({
        Content: m.MyServicesCard,
      })),
  }),
);

/**
 * A search result list item for Service Delivery's agreements and findings: what the result is,
 * its status or severity and its owner. Among a search page's `SearchResult` children it renders
 * the results of type `service-delivery` and leaves the others to the next item.
 *
 * @public
 */
export const ServiceDeliverySearchResultListItem: (
  props: ServiceDeliverySearchResultListItemProps,
) => JSX.Element | null = serviceDeliveryPlugin.provide(
  createSearchResultListItemExtension({
    name: 'ServiceDeliverySearchResultListItem',
    component: () =>
      import('./components/search/ServiceDeliverySearchResultListItem').then(
        m => m.ServiceDeliverySearchResultListItem,
      ),
    predicate: result => result.type === SERVICE_DELIVERY_SEARCH_TYPE,
  }),
);
