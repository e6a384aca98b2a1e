import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { slaReport } from '../../../__testUtils__/overviewFixtures';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { renderPage } from '../../../__testUtils__/renderPage';
import { SlaReportContent } from './SlaReportContent';

describe('SlaReportContent', () => {
  it("reports one service's objectives, support targets, credits and incidents", async () => {
    const api = mockServiceDeliveryApi({
      getSlaReport: jest.fn().mockResolvedValue(slaReport),
    });
    await renderPage(<SlaReportContent />, {
      api,
      routeEntries: ['/?entityRef=component:default/payments-api'],
    });
    expect(
      await screen.findByText('SLA report: payments-api'),
    ).toBeInTheDocument();
    expect(api.getSlaReport).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
    });

    const service = within(
      screen.getByRole('region', { name: 'payments-api' }),
    );
    expect(service.getByText('Payments API').closest('a')).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/sla',
    );
    expect(
      service.getByText(/Availability 99.722% against a target of 99.9%/),
    ).toBeInTheDocument();
    // the last day of November, not the first of December where the period ends
    expect(
      service.getByText(/tier-1 · 2026-11: 1–30 Nov 2026 \(UTC\)$/),
    ).toBeInTheDocument();
    const objectives = within(
      service.getByRole('table', { name: 'Objectives' }),
    );
    expect(
      objectives.getByText('availability (availability)'),
    ).toBeInTheDocument();
    expect(objectives.getByText('-38.9%')).toBeInTheDocument();
    const support = within(
      service.getByRole('table', { name: 'Support targets' }),
    );
    expect(support.getByText('15m')).toBeInTheDocument();
    expect(support.getByText('4h')).toBeInTheDocument();
    expect(
      service.getByText(
        'Service credits: Pending: the period is still running (missed: availability) — terms: 5% of the monthly fee per 0.1% below target',
      ),
    ).toBeInTheDocument();
    expect(service.getByText('A: Card payments failing')).toBeInTheDocument();

    const credits = within(
      screen.getByRole('group', { name: 'Service credits owed' }),
    );
    expect(credits.getByText('1 pending')).toBeInTheDocument();
  });

  it('names the dependency during whose outages most of each objective burned', async () => {
    const [service] = slaReport.services;
    const [agreement] = service.agreements;
    const report = {
      ...slaReport,
      services: [
        {
          ...service,
          agreements: [
            {
              ...agreement,
              objectives: [
                {
                  ...agreement.objectives[0],
                  topDependencyBurn: {
                    entityRef: 'resource:default/payments-db',
                    share: 0.75,
                    seconds: 2700,
                  },
                },
                {
                  ...agreement.objectives[0],
                  name: 'success-rate',
                  kind: 'ratio' as const,
                  topDependencyBurn: {
                    group: ['resource:default/db-a', 'resource:default/db-b'],
                    share: { low: 0.2, high: 0.35 },
                    events: { low: 20, high: 35 },
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    await renderPage(<SlaReportContent />, {
      api: mockServiceDeliveryApi({
        getSlaReport: jest.fn().mockResolvedValue(report),
      }),
      routeEntries: ['/?entityRef=component:default/payments-api'],
    });
    const objectives = within(
      await screen.findByRole('table', { name: 'Objectives' }),
    );
    expect(
      objectives.getByText('payments-db outages: 75% of the budget burned'),
    ).toBeInTheDocument();
    expect(
      objectives.getByText(
        'any of db-a, db-b outages: between 20% and 35% of the budget burned',
      ),
    ).toBeInTheDocument();
  });

  it('lists the corrections that changed an agreement, with who recorded them and why', async () => {
    const [service] = slaReport.services;
    const [agreement] = service.agreements;
    const report = {
      ...slaReport,
      services: [
        {
          ...service,
          agreements: [
            {
              ...agreement,
              corrections: [
                {
                  source: 'sla-desk',
                  id: 'C-1',
                  entityRef: service.entityRef,
                  incident: { source: 'pagerduty', id: 'A' },
                  reason: 'customer-caused' as const,
                  note: 'the customer rotated the API key mid-incident',
                  writtenBy: 'user:default/ann',
                  writtenAt: null,
                },
                {
                  source: 'sla-desk',
                  id: 'C-2',
                  entityRef: service.entityRef,
                  from: '2026-11-10T02:00:00.000Z',
                  to: '2026-11-10T03:00:00.000Z',
                  reason: 'monitoring-error' as const,
                  note: 'probe host down',
                  writtenBy: null,
                  writtenAt: null,
                },
              ],
            },
          ],
        },
      ],
    };
    await renderPage(<SlaReportContent />, {
      api: mockServiceDeliveryApi({
        getSlaReport: jest.fn().mockResolvedValue(report),
      }),
      routeEntries: ['/?entityRef=component:default/payments-api'],
    });
    const corrections = within(
      await screen.findByRole('table', {
        name: `Corrections of ${agreement.name}`,
      }),
    );
    const rows = corrections.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(
      within(rows[0]).getByText('Incident A (pagerduty)'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText('Caused by the customer'),
    ).toBeInTheDocument();
    expect(
      within(rows[0]).getByText(
        'the customer rotated the API key mid-incident',
      ),
    ).toBeInTheDocument();
    expect(within(rows[0]).getByText('user:default/ann')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Monitoring error')).toBeInTheDocument();
    expect(within(rows[1]).getByText('unknown')).toBeInTheDocument();
  });

  it('reports a portfolio for a chosen period, and prints', async () => {
    const api = mockServiceDeliveryApi({
      getSlaReport: jest.fn().mockResolvedValue({
        ...slaReport,
        period: '2026-10',
        scope: { filters: { owner: ['group:default/payments'] } },
      }),
    });
    const print = jest.spyOn(window, 'print').mockImplementation(() => {});
    await renderPage(<SlaReportContent />, {
      api,
      routeEntries: ['/?owner=group:default/payments&period=2026-10'],
    });
    expect(
      await screen.findByText('SLA report: owner payments'),
    ).toBeInTheDocument();
    expect(api.getSlaReport).toHaveBeenCalledWith({
      owner: ['group:default/payments'],
      period: '2026-10',
    });
    fireEvent.click(screen.getByRole('button', { name: /Print/ }));
    expect(print).toHaveBeenCalled();

    fireEvent.mouseDown(screen.getByRole('button', { name: /October 2026/ }));
    fireEvent.click(
      await screen.findByRole('option', { name: 'Last 28 days' }),
    );
    await waitFor(() =>
      expect(api.getSlaReport).toHaveBeenLastCalledWith({
        owner: ['group:default/payments'],
        period: 'rolling-28d',
      }),
    );
  });
});
