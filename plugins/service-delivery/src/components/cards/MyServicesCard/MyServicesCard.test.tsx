import { screen } from '@testing-library/react';
import {
  ledgerRow,
  overviewResponse,
  paymentsApiRow,
} from '../../../__testUtils__/overviewFixtures';
import { mockServiceDeliveryApi } from '../../../__testUtils__/render';
import { renderPage } from '../../../__testUtils__/renderPage';
import { HomePageMyServicesCard } from '../../../plugin';

describe('HomePageMyServicesCard', () => {
  it("lists the signed-in user's teams' services, worst first, with status, budget left and findings", async () => {
    const api = mockServiceDeliveryApi({
      getOverview: jest.fn().mockResolvedValue({
        ...overviewResponse,
        total: 7,
        rows: [paymentsApiRow, ledgerRow],
      }),
    });
    await renderPage(<HomePageMyServicesCard />, { api });

    expect(await screen.findByText('My services')).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledWith({
      owner: ['user:default/guest', 'group:default/payments'],
      sort: 'status',
      order: 'desc',
      limit: 5,
    });
    const payments = screen.getByRole('link', { name: 'Payments API' });
    expect(payments).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/sla',
    );
    const row = payments.closest('tr')!;
    expect(row).toHaveTextContent('Breached');
    expect(row).toHaveTextContent('-38.9%');
    expect(row).toHaveTextContent('5 (4 critical or high)');
    expect(
      screen.getByRole('link', { name: "All 7 of your teams' services" }),
    ).toHaveAttribute(
      'href',
      '/service-delivery?owner=user%3Adefault%2Fguest%2Cgroup%3Adefault%2Fpayments',
    );
  });

  it('says so when none of the teams’ services declares service delivery metadata', async () => {
    const api = mockServiceDeliveryApi({
      getOverview: jest
        .fn()
        .mockResolvedValue({ ...overviewResponse, total: 0, rows: [] }),
    });
    await renderPage(<HomePageMyServicesCard limit={3} />, { api });

    expect(
      await screen.findByText(
        /None of your teams' services declares service delivery metadata\./,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Declaring service delivery/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/service-delivery/service-delivery-for-backstage/blob/main/README.md#declaring-service-delivery-specservicedelivery',
    );
    expect(api.getOverview).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 3 }),
    );
  });
});
