import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

export const entitySlaRouteRef = createRouteRef({
  id: 'service-delivery:entity-sla',
});

export const entityAvailabilityRouteRef = createRouteRef({
  id: 'service-delivery:entity-availability',
});

export const entityContinuityRouteRef = createRouteRef({
  id: 'service-delivery:entity-continuity',
});

export const entityCostRouteRef = createRouteRef({
  id: 'service-delivery:entity-cost',
});

export const entityCapacityRouteRef = createRouteRef({
  id: 'service-delivery:entity-capacity',
});

/** The org-wide Service Delivery overview, `/service-delivery` in the app. */
export const rootRouteRef = createRouteRef({
  id: 'service-delivery',
});

/** The printable SLA report, under the overview. */
export const slaReportRouteRef = createSubRouteRef({
  id: 'service-delivery:sla-report',
  parent: rootRouteRef,
  path: '/report',
});

export const entityPortfolioRouteRef = createRouteRef({
  id: 'service-delivery:entity-portfolio',
});
