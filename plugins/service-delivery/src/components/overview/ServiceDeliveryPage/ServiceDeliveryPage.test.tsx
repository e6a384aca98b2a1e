import { screen } from '@testing-library/react';
import {
  findingsResponse,
  overviewResponse,
  slaReport,
} from '../../../__testUtils__/overviewFixtures';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { renderPage } from '../../../__testUtils__/renderPage';
import { ServiceDeliveryPage } from './ServiceDeliveryPage';

describe('ServiceDeliveryPage', () => {
  const api = mockServiceDeliveryApi({
    getOverview: jest.fn().mockResolvedValue(overviewResponse),
    getFindings: jest.fn().mockResolvedValue(findingsResponse),
    getSlaReport: jest.fn().mockResolvedValue(slaReport),
  });

  it('shows the overview at its root', async () => {
    await renderPage(<ServiceDeliveryPage />, { api });
    expect(await screen.findByText('Payments API')).toBeInTheDocument();
    expect(screen.getAllByText('Service Delivery')[0]).toBeInTheDocument();
  });

  it('shows the SLA report at /report', async () => {
    await renderPage(<ServiceDeliveryPage />, {
      api,
      routeEntries: ['/report?entityRef=component:default/payments-api'],
    });
    expect(
      await screen.findByText('SLA report: payments-api'),
    ).toBeInTheDocument();
  });
});
