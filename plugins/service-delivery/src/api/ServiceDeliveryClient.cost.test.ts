import { ResponseError } from '@backstage/errors';
import { capacityResponse, costResponse } from '../__testUtils__/costFixtures';
import { ServiceDeliveryClient } from './ServiceDeliveryClient';

const ref = { kind: 'Component', namespace: 'default', name: 'checkout' };

describe('ServiceDeliveryClient cost and capacity', () => {
  const fetch = jest.fn();
  const client = new ServiceDeliveryClient({
    discoveryApi: {
      getBaseUrl: async () => 'http://localhost:7007/api/service-delivery',
    },
    fetchApi: { fetch },
  });
  const respond = (status: number, body: unknown) =>
    fetch.mockResolvedValueOnce(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json' },
      }),
    );

  beforeEach(() => fetch.mockReset());

  it('asks for the cost of the months chosen', async () => {
    respond(200, costResponse);
    expect(await client.getCost(ref)).toEqual(costResponse);
    respond(200, costResponse);
    await client.getCost(ref, { months: 24 });
    respond(200, costResponse);
    await client.getCost(ref, { from: '2026-01', to: '2026-12' });
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/checkout/cost',
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/checkout/cost?months=24',
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/checkout/cost?from=2026-01&to=2026-12',
    ]);
  });

  it('rejects with the 403 of a caller without the cost permission', async () => {
    respond(403, {
      error: {
        name: 'NotAllowedError',
        message:
          'Reading cost data needs the service-delivery.cost.read permission',
      },
    });
    const error = await client.getCost(ref).catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
  });

  it('asks for the capacity with the what-if', async () => {
    respond(200, capacityResponse);
    await client.getCapacity(ref, {
      growth: 1.5,
      capacityChange: 'cpu:768@2026-12-01',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/checkout/capacity?growth=1.5&capacityChange=cpu%3A768%402026-12-01',
    );
  });
});
