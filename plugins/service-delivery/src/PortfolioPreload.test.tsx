import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, screen, waitFor } from '@testing-library/react';
import { ReactNode, useState } from 'react';
import { NavigateFunction, useNavigate } from 'react-router-dom';
import { serviceDeliveryApiRef } from './api';
import { PortfolioPreload, portfolioOfPath } from './PortfolioPreload';
import { PortfolioContent } from './components/overview/PortfolioContent';
import {
  findingsResponse,
  overviewResponse,
} from './__testUtils__/overviewFixtures';
import { mockServiceDeliveryApi } from './__testUtils__/render';
import { identityApi } from './__testUtils__/renderPage';

const entityPath = (e: { namespace: string; kind: string; name: string }) =>
  `/catalog/${e.namespace}/${e.kind}/${e.name}`;

describe('portfolioOfPath', () => {
  it('names the group, system or domain whose portfolio tab the path shows', () => {
    expect(
      portfolioOfPath(
        '/catalog/default/group/payments/service-delivery',
        'service-delivery',
        entityPath,
      ),
    ).toEqual({ kind: 'group', entityRef: 'group:default/payments' });
    expect(
      portfolioOfPath(
        '/catalog/Finance/System/Ledger/service-delivery/',
        '/service-delivery',
        entityPath,
      ),
    ).toEqual({ kind: 'System', entityRef: 'system:finance/ledger' });
    expect(
      portfolioOfPath(
        '/catalog/default/domain/a%20b/portfolio',
        'portfolio',
        entityPath,
      ),
    ).toEqual({ kind: 'domain', entityRef: 'domain:default/a b' });
    expect(
      portfolioOfPath(
        '/catalog/default/domain/a%20b/service-delivery',
        'service-delivery',
        e => entityPath({ ...e, name: encodeURIComponent(e.name) }),
      ),
    ).toEqual({ kind: 'domain', entityRef: 'domain:default/a b' });
  });

  it('matches an app served under a base path, whose entity paths carry it', () => {
    expect(
      portfolioOfPath(
        '/catalog/default/group/payments/service-delivery',
        'service-delivery',
        e => `/backstage${entityPath(e)}`,
      ),
    ).toEqual({ kind: 'group', entityRef: 'group:default/payments' });
  });

  it('names nothing for other paths', () => {
    for (const path of [
      // another kind has no portfolio tab
      '/catalog/default/component/checkout/service-delivery',
      // the entity page itself, another tab, the overview page
      '/catalog/default/group/payments',
      '/catalog/default/group/payments/sla',
      '/service-delivery',
      // not under the entity pages' path
      '/elsewhere/default/group/payments/service-delivery',
      // a segment that does not decode
      '/catalog/default/group/%E0%A4%A/service-delivery',
    ]) {
      expect(portfolioOfPath(path, 'service-delivery', entityPath)).toBe(
        undefined,
      );
    }
  });
});

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'payments', namespace: 'default' },
  spec: {},
};

/** Renders its children once `arrive` is called: the entity page once the entity came. */
let arrive: () => void;
function Later(props: { children: ReactNode }) {
  const [arrived, setArrived] = useState(false);
  arrive = () => setArrived(true);
  return arrived ? <>{props.children}</> : null;
}

/** The app's navigation, as a link or a filter on the page would use it. */
let navigate: NavigateFunction;
function Navigation() {
  navigate = useNavigate();
  return null;
}

async function renderAt(path: string) {
  const api = mockServiceDeliveryApi({
    getOverview: jest.fn().mockResolvedValue(overviewResponse),
    getFindings: jest.fn().mockResolvedValue(findingsResponse),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceDeliveryApiRef, api],
        [identityApiRef, identityApi],
      ]}
    >
      <Navigation />
      <PortfolioPreload />
      <Later>
        <EntityProvider entity={group}>
          <PortfolioContent />
        </EntityProvider>
      </Later>
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return api;
}

describe('PortfolioPreload', () => {
  it("asks for the tab's first view from the URL, before the entity is there, and the tab takes those requests", async () => {
    const api = await renderAt(
      '/catalog/default/group/payments/service-delivery?status=breached&sort=name&order=asc',
    );
    await waitFor(() => expect(api.getCostCoverage).toHaveBeenCalled());
    expect(api.getOverview).toHaveBeenCalledWith({
      owner: ['group:default/payments'],
      status: ['breached'],
      sort: 'name',
      order: 'asc',
      offset: 0,
      limit: 25,
    });
    expect(api.getFindings).toHaveBeenCalledWith(
      expect.objectContaining({
        owner: ['group:default/payments'],
        status: ['breached'],
      }),
    );
    expect(api.getCostCoverage).toHaveBeenCalledWith({
      owner: ['group:default/payments'],
    });
    expect(screen.queryByText('Portfolio roll-up')).toBeNull();

    await act(async () => arrive());
    expect(await screen.findByText('Portfolio roll-up')).toBeInTheDocument();
    // the tab drew what was asked for it ahead, and asked nothing more
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(api.getFindings).toHaveBeenCalledTimes(1);
    expect(api.getCostCoverage).toHaveBeenCalledTimes(1);
  });

  it('asks for nothing on another page', async () => {
    const api = await renderAt('/catalog/default/group/payments/members');
    // the tab's code is loaded by the time the preload would ask
    await import('./components/overview/PortfolioContent');
    await act(() => new Promise(resolve => setTimeout(resolve, 10)));
    expect(api.getOverview).not.toHaveBeenCalled();
    expect(api.getFindings).not.toHaveBeenCalled();
    expect(api.getCostCoverage).not.toHaveBeenCalled();
  });

  it('asks again only when the tab is opened again, not when its filters, sort or page change', async () => {
    const api = await renderAt('/catalog/default/group/payments/service-delivery');
    await waitFor(() => expect(api.getCostCoverage).toHaveBeenCalledTimes(1));
    // past the second in which an answer is shared with the same request asked again
    await act(() => new Promise(resolve => setTimeout(resolve, 1100)));
    await act(async () =>
      navigate('/catalog/default/group/payments/service-delivery?sort=name'),
    );
    await act(() => new Promise(resolve => setTimeout(resolve, 10)));
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(api.getFindings).toHaveBeenCalledTimes(1);
    expect(api.getCostCoverage).toHaveBeenCalledTimes(1);
    // another tab, then the portfolio again: the tab's first view is asked for again
    await act(async () => navigate('/catalog/default/group/payments'));
    await act(async () =>
      navigate('/catalog/default/group/payments/service-delivery'),
    );
    await waitFor(() => expect(api.getCostCoverage).toHaveBeenCalledTimes(2));
    expect(api.getOverview).toHaveBeenCalledTimes(2);
  });
});
