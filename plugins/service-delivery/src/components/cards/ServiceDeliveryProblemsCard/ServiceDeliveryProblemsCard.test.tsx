import { ResponseError } from '@backstage/errors';
import { act, screen } from '@testing-library/react';
import {
  entityResponse,
  paymentsEntity,
} from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { ServiceDeliveryProblemsCard } from './ServiceDeliveryProblemsCard';

describe('ServiceDeliveryProblemsCard', () => {
  it('lists each problem with its path and message', async () => {
    const api = mockServiceDeliveryApi({
      getEntity: jest.fn().mockResolvedValue(entityResponse),
    });
    await renderForEntity(<ServiceDeliveryProblemsCard />, {
      entity: paymentsEntity,
      api,
    });

    expect(
      await screen.findByText(
        'Warning: The service delivery metadata has 2 problems',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('spec.serviceDelivery.tier')).toBeInTheDocument();
    expect(
      screen.getByText(
        "Unknown tier 'tier-0': the config defines tier-1, tier-2, tier-3",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'spec.serviceDelivery.agreements[0].objectives[1].target',
      ),
    ).toBeInTheDocument();
    expect(api.getEntity).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
  });

  it('renders nothing when the metadata has no problems', async () => {
    const api = mockServiceDeliveryApi({
      getEntity: jest
        .fn()
        .mockResolvedValue({ ...entityResponse, problems: [] }),
    });
    const { container } = await renderForEntity(
      <ServiceDeliveryProblemsCard variant="gridItem" />,
      { entity: paymentsEntity, api },
    );
    await act(async () => {});
    expect(api.getEntity).toHaveBeenCalled();
    expect(container).toBeEmptyDOMElement();
  });

  it('renders nothing when the backend does not know the entity', async () => {
    const notFound = await ResponseError.fromResponse(
      new Response('', { status: 404, statusText: 'Not Found' }),
    );
    const api = mockServiceDeliveryApi({
      getEntity: jest.fn().mockRejectedValue(notFound),
    });
    const { container } = await renderForEntity(
      <ServiceDeliveryProblemsCard />,
      { entity: paymentsEntity, api },
    );
    await act(async () => {});
    expect(container).toBeEmptyDOMElement();
  });
});
