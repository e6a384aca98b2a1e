import { identityApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { ReactElement } from 'react';
import { ServiceDeliveryApi, serviceDeliveryApiRef } from '../api';
import { rootRouteRef } from '../routes';

/** The signed-in user of the page tests: guest, a member of payments. */
export const identityApi = mockApis.identity({
  userEntityRef: 'user:default/guest',
  ownershipEntityRefs: ['user:default/guest', 'group:default/payments'],
});

/** Renders an org-wide page in a test app where the overview is mounted at /service-delivery. */
export function renderPage(
  element: ReactElement,
  options: { api: ServiceDeliveryApi; routeEntries?: string[] },
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceDeliveryApiRef, options.api],
        [identityApiRef, identityApi],
      ]}
    >
      {element}
    </TestApiProvider>,
    {
      routeEntries: options.routeEntries,
      mountedRoutes: {
        '/service-delivery': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
      },
    },
  );
}
