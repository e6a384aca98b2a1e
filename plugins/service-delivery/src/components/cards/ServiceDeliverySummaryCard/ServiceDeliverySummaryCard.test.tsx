import { screen } from '@testing-library/react';
import {
  availabilityResponse,
  paymentsEntity,
  slaResponse,
  undeclaredEntity,
} from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { ServiceDeliverySummaryCard } from './ServiceDeliverySummaryCard';

describe('ServiceDeliverySummaryCard', () => {
  it('shows availability against target, agreement statuses and budget left', async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue(slaResponse),
      getAvailability: jest.fn().mockResolvedValue(availabilityResponse),
    });
    await renderForEntity(<ServiceDeliverySummaryCard />, {
      entity: paymentsEntity,
      api,
    });

    expect(await screen.findByText('99.902%')).toBeInTheDocument();
    expect(screen.getByText(/target 99.95%/)).toBeInTheDocument();
    expect(screen.getByText('retail-sla')).toBeInTheDocument();
    expect(screen.getAllByText('Breached')).toHaveLength(2);
    expect(
      screen.getByText('-22.1% budget left (-4m 53s)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('62% budget left (7,738 events)'),
    ).toBeInTheDocument();
    expect(screen.getByText('Period 2026-10')).toBeInTheDocument();
  });

  it('does not ask for availability when the entity declares none', async () => {
    const api = mockServiceDeliveryApi({
      getSla: jest.fn().mockResolvedValue({
        ...slaResponse,
        agreements: [],
        problems: [],
      }),
    });
    await renderForEntity(<ServiceDeliverySummaryCard />, {
      entity: undeclaredEntity,
      api,
    });
    expect(
      await screen.findByText(/No agreements declared\./),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /^Declaring service delivery/ }),
    ).toHaveAttribute(
      'href',
      'https://github.com/service-delivery/service-delivery-for-backstage/blob/main/README.md#declaring-service-delivery-specservicedelivery',
    );
    expect(api.getAvailability).not.toHaveBeenCalled();
  });
});
