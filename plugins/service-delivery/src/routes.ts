import { createRouteRef } from '@backstage/core-plugin-api';

export const entitySlaRouteRef = createRouteRef({
  id: 'service-delivery:entity-sla',
});

export const entityAvailabilityRouteRef = createRouteRef({
  id: 'service-delivery:entity-availability',
});
