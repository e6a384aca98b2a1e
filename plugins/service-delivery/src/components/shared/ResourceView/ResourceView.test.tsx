import { ResponseError } from '@backstage/errors';
import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { paymentsEntity } from '../../../__testUtils__/fixtures';
import {
  mockServiceDeliveryApi,
  renderForEntity,
} from '../../../__testUtils__/render';
import { ResourceView } from './ResourceView';
import { useServiceDeliveryResource } from './useServiceDeliveryResource';

function CapacityNames(props: { declared?: boolean }) {
  const [growth, setGrowth] = useState(1);
  const capacity = useServiceDeliveryResource(
    (api, entityRef) => api.getCapacity(entityRef, { growth }),
    [growth],
    { declared: props.declared },
  );
  return (
    <>
      <button onClick={() => setGrowth(2)}>Double</button>
      <ResourceView
        resource={capacity}
        undeclared={<p>Nothing declared</p>}
        renderError={error =>
          (error as { statusCode?: number }).statusCode === 403 ? (
            <p>Not for you</p>
          ) : undefined
        }
      >
        {value => (
          <p>
            {value.resources.map(resource => resource.name).join(', ')} as of{' '}
            {value.asOf}
          </p>
        )}
      </ResourceView>
    </>
  );
}

const answer = { asOf: '2026-10-20', resources: [{ name: 'cpu' }] };

describe('ResourceView with useServiceDeliveryResource', () => {
  it('asks about the current entity and shows the answer, asking again when what it depends on changes', async () => {
    const api = mockServiceDeliveryApi({
      getCapacity: jest.fn().mockResolvedValue(answer),
    });
    await renderForEntity(<CapacityNames />, { entity: paymentsEntity, api });

    expect(await screen.findByText('cpu as of 2026-10-20')).toBeInTheDocument();
    expect(api.getCapacity).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'payments-api' },
      { growth: 1 },
    );

    fireEvent.click(screen.getByText('Double'));
    await screen.findByText('cpu as of 2026-10-20');
    expect(api.getCapacity).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'payments-api' }),
      { growth: 2 },
    );
  });

  it('shows progress while the answer is on its way', async () => {
    const api = mockServiceDeliveryApi({
      getCapacity: jest.fn().mockReturnValue(new Promise(() => {})),
    });
    await renderForEntity(<CapacityNames />, { entity: paymentsEntity, api });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('does not ask when the entity declares nothing, and says so', async () => {
    const api = mockServiceDeliveryApi();
    await renderForEntity(<CapacityNames declared={false} />, {
      entity: paymentsEntity,
      api,
    });
    expect(await screen.findByText('Nothing declared')).toBeInTheDocument();
    expect(api.getCapacity).not.toHaveBeenCalled();
  });

  it('shows an error in the error panel', async () => {
    const api = mockServiceDeliveryApi({
      getCapacity: jest.fn().mockRejectedValue(new Error('backend down')),
    });
    await renderForEntity(<CapacityNames />, { entity: paymentsEntity, api });
    expect(await screen.findByText('Error: backend down')).toBeInTheDocument();
  });

  it('leaves the errors it is told about to the tab', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(JSON.stringify({ error: { name: 'NotAllowedError' } }), {
        status: 403,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const api = mockServiceDeliveryApi({
      getCapacity: jest.fn().mockRejectedValue(forbidden),
    });
    await renderForEntity(<CapacityNames />, { entity: paymentsEntity, api });
    expect(await screen.findByText('Not for you')).toBeInTheDocument();
    expect(screen.queryByText(/NotAllowedError/)).toBeNull();
  });
});
