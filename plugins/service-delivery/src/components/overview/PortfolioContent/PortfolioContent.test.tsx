import { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { serviceDeliveryApiRef } from '../../../api';
import {
  findingsResponse,
  overviewResponse,
} from '../../../__testUtils__/overviewFixtures';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { identityApi } from '../../../__testUtils__/renderPage';
import { PortfolioContent, portfolioScope } from './PortfolioContent';

const entity = (kind: string, name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {},
});

async function render(of: Entity, total = overviewResponse.total) {
  return renderWith(
    mockServiceDeliveryApi({
      getOverview: jest.fn().mockResolvedValue({ ...overviewResponse, total }),
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    }),
    of,
  );
}

async function renderWith(
  api: ReturnType<typeof mockServiceDeliveryApi>,
  of: Entity,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [serviceDeliveryApiRef, api],
        [identityApiRef, identityApi],
      ]}
    >
      <EntityProvider entity={of}>
        <PortfolioContent />
      </EntityProvider>
    </TestApiProvider>,
  );
  return api;
}

describe('PortfolioContent', () => {
  it("scopes a group's tab to what it owns, with the roll-ups", async () => {
    const api = await render(entity('Group', 'Payments'));
    await screen.findByText('Portfolio roll-up');
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ owner: ['group:default/payments'] }),
    );
    expect(api.getFindings).toHaveBeenCalledWith(
      expect.objectContaining({ owner: ['group:default/payments'] }),
    );
    // the filters come in the frame after the roll-up; the portfolio's own entity is not one to change
    expect(await screen.findByLabelText('System')).toBeInTheDocument();
    expect(screen.queryByLabelText('Owner')).toBeNull();
    expect(screen.queryByRole('button', { name: 'My teams' })).toBeNull();
    // the overview, the findings and the coverage card took the requests the tab started
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(api.getFindings).toHaveBeenCalledTimes(1);
    expect(api.getCostCoverage).toHaveBeenCalledTimes(1);
    expect(api.getCostCoverage).toHaveBeenCalledWith({
      owner: ['group:default/payments'],
    });
    expect(
      screen.getByRole('button', { name: /FOCUS showback/ }),
    ).toBeInTheDocument();
    // the system's composite against the strictest target of its services
    expect(screen.getByText('99.492%')).toBeInTheDocument();
    expect(screen.getByText('Below the strictest target')).toBeInTheDocument();
  });

  it('asks for its first view as it renders, before its figures render', async () => {
    let answer!: (value: typeof overviewResponse) => void;
    // what the page showed when the overview was asked for
    const shownWhenAsked: boolean[] = [];
    const api = mockServiceDeliveryApi({
      getOverview: jest.fn(
        () =>
          new Promise<typeof overviewResponse>(resolve => {
            shownWhenAsked.push(
              Boolean(screen.queryByText('Portfolio roll-up')),
            );
            answer = resolve;
          }),
      ),
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    });
    await renderWith(api, entity('Group', 'Payments'));
    expect(shownWhenAsked).toEqual([false]);
    expect(screen.queryByText('Portfolio roll-up')).toBeNull();
    await act(async () => answer(overviewResponse));
    expect(await screen.findByText('Portfolio roll-up')).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledTimes(1);
  });

  it("asks ahead only for its first view: another page is the overview's request alone", async () => {
    const api = await render(entity('Group', 'Payments'), 60);
    await screen.findByText('Portfolio roll-up');
    await screen.findByRole('button', { name: 'Next page' });
    // past the second in which an answer is shared with the same request asked again
    await act(() => new Promise(resolve => setTimeout(resolve, 1100)));
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 25 }),
      ),
    );
    expect(api.getOverview).toHaveBeenCalledTimes(2);
    expect(api.getFindings).toHaveBeenCalledTimes(1);
    expect(api.getCostCoverage).toHaveBeenCalledTimes(1);
  });

  it("scopes a system's tab to its components and resources, a domain's to its systems", async () => {
    const api = await render(entity('System', 'payments-processing'));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenCalledWith(
        expect.objectContaining({
          system: ['system:default/payments-processing'],
        }),
      ),
    );
    expect(portfolioScope('Domain', 'domain:default/banking')).toEqual({
      domain: ['domain:default/banking'],
    });
  });

  it('has nothing to show for other kinds', async () => {
    const api = await render(entity('Component', 'payments-api'));
    expect(await screen.findByText('No portfolio')).toBeInTheDocument();
    expect(api.getOverview).not.toHaveBeenCalled();
  });
});
