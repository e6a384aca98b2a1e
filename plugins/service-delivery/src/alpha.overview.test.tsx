import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { screen, waitFor } from '@testing-library/react';
import { serviceDeliveryApiRef } from './api';
import {
  findingsResponse,
  overviewResponse,
} from './__testUtils__/overviewFixtures';
import { paymentsEntity } from './__testUtils__/fixtures';
import { mockServiceDeliveryApi } from './__testUtils__/render';
import serviceDeliveryPlugin from './alpha';

describe('service-delivery alpha plugin: overview and portfolio', () => {
  it('offers the overview page at /service-delivery, titled with an icon for the nav', () => {
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension('page:service-delivery'),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/service-delivery');
    expect(tester.get(coreExtensionData.title)).toBe('Service Delivery');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
    expect(tester.get(coreExtensionData.routeRef)).toBeDefined();
  });

  it('renders the overview on the page', async () => {
    const api = mockServiceDeliveryApi({
      getOverview: jest.fn().mockResolvedValue(overviewResponse),
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    });
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension('page:service-delivery'),
    );
    renderInTestApp(tester.reactElement(), {
      apis: [[serviceDeliveryApiRef, api]],
    });
    expect(
      await screen.findByText('Payments API', {}, { timeout: 15_000 }),
    ).toBeInTheDocument();
  });

  it('offers the portfolio tab on groups, systems and domains only', () => {
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension(
        'entity-content:service-delivery/portfolio',
      ),
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/service-delivery');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Service Delivery',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    const kind = (k: string) => ({ ...paymentsEntity, kind: k });
    expect(filter?.(kind('Group'))).toBe(true);
    expect(filter?.(kind('System'))).toBe(true);
    expect(filter?.(kind('Domain'))).toBe(true);
    expect(filter?.(paymentsEntity)).toBe(false);
  });

  it("asks for the portfolio tab's first view from the app's root as soon as the URL names the tab", async () => {
    const api = mockServiceDeliveryApi({
      getOverview: jest.fn().mockResolvedValue(overviewResponse),
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    });
    const tester = createExtensionTester(
      serviceDeliveryPlugin.getExtension(
        'app-root-element:service-delivery/portfolio-preload',
      ),
    );
    renderInTestApp(tester.reactElement(), {
      apis: [[serviceDeliveryApiRef, api]],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
      initialRouteEntries: [
        '/catalog/default/system/checkout/service-delivery',
      ],
    });
    await waitFor(() =>
      expect(api.getCostCoverage).toHaveBeenCalledWith({
        system: ['system:default/checkout'],
      }),
    );
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ system: ['system:default/checkout'] }),
    );
    expect(api.getFindings).toHaveBeenCalledTimes(1);
  });
});
