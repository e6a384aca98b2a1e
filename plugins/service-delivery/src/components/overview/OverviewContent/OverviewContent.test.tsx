import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import {
  findingsResponse,
  overviewResponse,
} from '../../../__testUtils__/overviewFixtures';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { renderPage } from '../../../__testUtils__/renderPage';
import { CostCoverageCard } from '../CostCoverageCard';
import { OverviewContent } from './OverviewContent';
import { requestOverview } from './useOverviewQuery';

function setup(routeEntries = ['/']) {
  const api = mockServiceDeliveryApi({
    getOverview: jest.fn().mockResolvedValue(overviewResponse),
    getFindings: jest.fn().mockResolvedValue(findingsResponse),
    getCsv: jest.fn().mockResolvedValue('entityRef,name\r\n'),
  });
  return {
    api,
    render: () => renderPage(<OverviewContent />, { api, routeEntries }),
  };
}

function row(entityRef: string): HTMLElement {
  return document.querySelector(
    `tr[data-entity-ref="${entityRef}"]`,
  ) as HTMLElement;
}

describe('OverviewContent', () => {
  it('draws an answer that came before its first render at once, never showing the loading bar', async () => {
    const { api, render } = setup();
    await requestOverview(api, {
      sort: 'status',
      order: 'desc',
      offset: 0,
      limit: 25,
    });
    let loadingShown = false;
    const observer = new MutationObserver(() => {
      if (document.querySelector('[class*="MuiLinearProgress-root"]')) {
        loadingShown = true;
      }
    });
    observer.observe(document.body, { childList: true, subtree: true });
    try {
      await render();
      await screen.findByText('Payments API');
      await act(() => new Promise(resolve => setTimeout(resolve, 50)));
    } finally {
      observer.disconnect();
    }
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(loadingShown).toBe(false);
  });

  it('shows the KPIs and a page of services with status chips and links to their tabs', async () => {
    const { api, render } = setup();
    await render();
    await screen.findByText('Payments API');

    expect(api.getOverview).toHaveBeenCalledWith({
      sort: 'status',
      order: 'desc',
      offset: 0,
      limit: 25,
      owner: undefined,
      system: undefined,
      domain: undefined,
      tier: undefined,
      lifecycle: undefined,
      status: undefined,
      policy: undefined,
      q: undefined,
      period: undefined,
    });
    const kpi = (label: string) =>
      within(screen.getByRole('group', { name: label }));
    expect(kpi('Meeting their SLAs').getByText('50%')).toBeInTheDocument();
    expect(kpi('Breached').getByText('1')).toBeInTheDocument();
    expect(kpi('Cost this month').getByText('€1,150')).toBeInTheDocument();
    expect(kpi('DR tests overdue').getByText('1')).toBeInTheDocument();

    const api_ = within(row('component:default/payments-api'));
    expect(api_.getByText('Breached')).toBeInTheDocument();
    expect(api_.getByText('99.722%')).toBeInTheDocument();
    expect(api_.getByText(/target 99.9% · unachievable/)).toBeInTheDocument();
    expect(api_.getByText('-38.9%')).toBeInTheDocument();
    expect(api_.getByText('DR test overdue')).toBeInTheDocument();
    // each figure links to the tab that explains it
    expect(
      api_.getByRole('link', { name: /\(sla of payments-api\)$/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api/sla');
    expect(
      api_.getByRole('link', { name: /\(continuity of payments-api\)$/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/continuity',
    );
    expect(
      api_.queryByRole('link', { name: /\(capacity of payments-api\)$/ }),
    ).toBeNull();
    expect(api_.getByText('Payments API').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api',
    );
    const db = within(row('resource:default/payments-db'));
    expect(db.getByText('Warning')).toBeInTheDocument();
    expect(db.getByText('storage critical in 10 days')).toBeInTheDocument();
    expect(
      within(row('component:default/ledger')).getByText('1 metadata problem'),
    ).toBeInTheDocument();

    expect(screen.getByText(/Figures as of/)).toBeInTheDocument();
    expect(
      await screen.findByText(findingsResponse.findings[0].message),
    ).toBeInTheDocument();
  });

  it("shows each service's error-budget policy state and filters by it", async () => {
    const { api, render } = setup();
    await render();
    await screen.findByText('Payments API');
    const api_ = within(row('component:default/payments-api'));
    expect(api_.getByText('Features frozen')).toHaveAttribute(
      'data-policy-state',
      'features-frozen',
    );
    // the step that sets the state, its reason on hover
    expect(api_.getByText('retail-sla/availability')).toHaveAttribute(
      'title',
      'retail-sla/availability has spent all of its error budget, below the 25% of its policy: features are frozen',
    );
    expect(
      within(row('resource:default/payments-db')).queryByText(
        'Features frozen',
      ),
    ).toBeNull();

    const filter = screen.getByRole('textbox', {
      name: 'Error-budget policy',
    });
    fireEvent.mouseDown(filter);
    // each state offered with how many services it would show
    expect(await screen.findByText('No policy (4)')).toBeInTheDocument();
    fireEvent.click(screen.getByText('Features frozen (1)'));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ policy: ['features-frozen'], offset: 0 }),
      ),
    );
    expect(api.getFindings).toHaveBeenLastCalledWith(
      expect.objectContaining({ policy: ['features-frozen'] }),
    );
  });

  it('reads its filters, sort and page from the URL', async () => {
    const { api, render } = setup([
      '/?owner=group:default/payments&status=breached,at-risk&sort=availability&order=asc&page=1&size=50&q=pay',
    ]);
    await render();
    await screen.findByText('Payments API');
    expect(api.getOverview).toHaveBeenLastCalledWith(
      expect.objectContaining({
        owner: ['group:default/payments'],
        status: ['breached', 'at-risk'],
        q: 'pay',
        sort: 'availability',
        order: 'asc',
        offset: 50,
        limit: 50,
      }),
    );
    expect(api.getFindings).toHaveBeenLastCalledWith(
      expect.objectContaining({
        owner: ['group:default/payments'],
        status: ['breached', 'at-risk'],
        q: 'pay',
      }),
    );
  });

  it('sorts by a column and pages through the server', async () => {
    const { api, render } = setup();
    api.getOverview.mockResolvedValue({ ...overviewResponse, total: 60 });
    await render();
    await screen.findByText('Payments API');

    fireEvent.click(screen.getByRole('button', { name: 'Availability' }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'availability', order: 'asc' }),
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Availability' }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'availability', order: 'desc' }),
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ offset: 25, limit: 25 }),
      ),
    );
  });

  it('asks for the findings again when the filters change, not with another sort or page', async () => {
    const { api, render } = setup();
    api.getOverview.mockResolvedValue({ ...overviewResponse, total: 60 });
    await render();
    await screen.findByText('Payments API');
    // past the second in which an answer is shared with the same request asked again
    await act(() => new Promise(resolve => setTimeout(resolve, 1100)));
    fireEvent.click(screen.getByRole('button', { name: 'Availability' }));
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'availability', offset: 25 }),
      ),
    );
    expect(api.getFindings).toHaveBeenCalledTimes(1);
  });

  it("filters to the signed-in user's teams in one click", async () => {
    const { api, render } = setup();
    await render();
    await screen.findByText('Payments API');
    const myTeams = await screen.findByRole('button', { name: 'My teams' });
    expect(myTeams).toHaveAttribute('aria-pressed', 'false');
    fireEvent.click(myTeams);
    await waitFor(() =>
      expect(api.getOverview).toHaveBeenLastCalledWith(
        expect.objectContaining({
          owner: ['user:default/guest', 'group:default/payments'],
          offset: 0,
        }),
      ),
    );
    // a toggle: it says it is on
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'My teams' })).toHaveAttribute(
        'aria-pressed',
        'true',
      ),
    );
  });

  it('searches after typing pauses', async () => {
    const { api, render } = setup();
    await render();
    await screen.findByText('Payments API');
    fireEvent.change(screen.getByLabelText('Search services'), {
      target: { value: 'ledger' },
    });
    // not at once: the search waits for typing to pause (a 300 ms timer) ...
    expect(api.getOverview).not.toHaveBeenLastCalledWith(
      expect.objectContaining({ q: 'ledger' }),
    );
    // ... then asks; allowed far more than waitFor's default second, which a busy machine can
    // spend between that timer and the request
    await waitFor(
      () =>
        expect(api.getOverview).toHaveBeenLastCalledWith(
          expect.objectContaining({ q: 'ledger' }),
        ),
      { timeout: 10_000 },
    );
  });

  it('exports exactly what is filtered as CSV', async () => {
    const { api, render } = setup(['/?tier=tier-1&sort=name&order=asc']);
    const createObjectURL = jest.fn(() => 'blob:overview');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    await render();
    await screen.findByText('Payments API');
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(revokeObjectURL).toHaveBeenCalled());
    expect(api.getCsv).toHaveBeenCalledWith(
      'overview',
      expect.objectContaining({
        tier: ['tier-1'],
        sort: 'name',
        order: 'asc',
      }),
    );
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
  });

  it('links to the SLA report of what is filtered', async () => {
    const { render } = setup(['/?system=system:default/payments-processing']);
    await render();
    await screen.findByText('Payments API');
    expect(screen.getByRole('button', { name: /SLA report/ })).toHaveAttribute(
      'href',
      '/service-delivery/report?system=system%3Adefault%2Fpayments-processing',
    );
  });

  it('leaves cost out for callers who may not read it', async () => {
    const { api, render } = setup();
    api.getOverview.mockResolvedValue({
      ...overviewResponse,
      costVisible: false,
      kpis: { ...overviewResponse.kpis, cost: null },
      charts: { ...overviewResponse.charts, costByOwner: null },
      rows: overviewResponse.rows.map(r => ({ ...r, cost: null })),
    });
    await render();
    await screen.findByText('Payments API');
    expect(screen.queryByText('Cost this month')).toBeNull();
    expect(screen.queryByText('Cost against budget by owner')).toBeNull();
  });

  it("names the owner's month under way as to date in the cost chart", async () => {
    const { render } = setup();
    await render();
    expect(
      await screen.findByRole('img', {
        name: 'Cost against budget of payments: 2026-10: €900 of €1,000; 2026-11 (to date): €1,150 of €1,000',
      }),
    ).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const { api, render } = setup();
    api.getOverview.mockRejectedValue(new Error('backend unavailable'));
    await render();
    expect(
      await screen.findByText('Error: backend unavailable'),
    ).toBeInTheDocument();
  });

  it('asks for the findings and the cards below at once, and shows them in the frame after the figures', async () => {
    let answer: (value: typeof overviewResponse) => void = () => {};
    const api = mockServiceDeliveryApi({
      getOverview: jest.fn(
        () =>
          new Promise<typeof overviewResponse>(resolve => {
            answer = resolve;
          }),
      ),
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    });
    await renderPage(
      <OverviewContent below={<CostCoverageCard scope={{}} />} />,
      { api },
    );
    // the overview has not come yet; the findings and the coverage were asked for all the same
    expect(api.getFindings).toHaveBeenCalledTimes(1);
    expect(api.getCostCoverage).toHaveBeenCalledTimes(1);
    // answered, and a frame painted since: still not shown before the figures above them
    await act(
      () =>
        new Promise(resolve =>
          requestAnimationFrame(() => setTimeout(resolve, 0)),
        ),
    );
    expect(screen.queryByText(/to act on, most severe first/)).toBeNull();
    expect(screen.queryByText('Cost-attribution coverage')).toBeNull();
    expect(screen.queryByText(findingsResponse.findings[0].message)).toBeNull();

    answer(overviewResponse);
    expect(await screen.findByText('Payments API')).toBeInTheDocument();
    // the first frame with the figures holds neither the charts nor the cards below them
    expect(screen.queryByText(/to act on, most severe first/)).toBeNull();
    expect(
      screen.queryByRole('img', { name: /^Services by status/ }),
    ).toBeNull();
    expect(
      await screen.findByText(findingsResponse.findings[0].message),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', { name: /^Services by status/ }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('Cost-attribution coverage'),
    ).toBeInTheDocument();
    expect(api.getFindings).toHaveBeenCalledTimes(1);
    expect(api.getCostCoverage).toHaveBeenCalledTimes(1);
  });

  it('shows the findings when the overview fails', async () => {
    const api = mockServiceDeliveryApi({
      getOverview: jest.fn().mockRejectedValue(new Error('overview down')),
      getFindings: jest.fn().mockResolvedValue(findingsResponse),
    });
    await renderPage(<OverviewContent />, { api });
    expect(await screen.findByText('Error: overview down')).toBeInTheDocument();
    expect(
      await screen.findByText(findingsResponse.findings[0].message),
    ).toBeInTheDocument();
  });

  it('asks for the findings once: the list takes the request the content started with the overview', async () => {
    const { api, render } = setup(['/?owner=group:default/payments']);
    await render();
    expect(
      await screen.findByText(findingsResponse.findings[0].message),
    ).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledTimes(1);
    expect(api.getFindings).toHaveBeenCalledTimes(1);
    expect(api.getFindings).toHaveBeenCalledWith(
      expect.objectContaining({
        owner: ['group:default/payments'],
        severity: [],
        limit: 10,
      }),
    );
  });
});
