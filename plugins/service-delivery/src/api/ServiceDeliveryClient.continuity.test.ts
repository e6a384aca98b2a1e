import { ResponseError } from '@backstage/errors';
import {
  continuityResponse,
  messageBusImpact,
} from '../__testUtils__/continuityFixtures';
import { ServiceDeliveryClient } from './ServiceDeliveryClient';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Not Found',
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('ServiceDeliveryClient continuity', () => {
  const discoveryApi = {
    getBaseUrl: jest
      .fn()
      .mockResolvedValue('http://localhost:7007/api/service-delivery'),
  };
  const fetch = jest.fn();
  const client = new ServiceDeliveryClient({
    discoveryApi,
    fetchApi: { fetch },
  });

  beforeEach(() => fetch.mockReset());

  it('reads the continuity of an entity', async () => {
    fetch.mockResolvedValue(jsonResponse(200, continuityResponse));
    const result = await client.getContinuity({
      kind: 'Component',
      namespace: 'default',
      name: 'web-banking',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/web-banking/continuity',
    );
    expect(result.testOverdue).toBe(true);
  });

  it('reads the blast radius of an entity', async () => {
    fetch.mockResolvedValue(jsonResponse(200, messageBusImpact));
    const result = await client.getImpact({
      kind: 'Resource',
      namespace: 'default',
      name: 'message-bus',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/entities/resource/default/message-bus/impact',
    );
    expect(result.failsWith).toHaveLength(4);
  });

  it('throws a ResponseError for an unknown entity', async () => {
    fetch.mockResolvedValue(
      jsonResponse(404, {
        error: { name: 'NotFoundError', message: 'No entity' },
      }),
    );
    await expect(
      client.getImpact({ kind: 'Resource', namespace: 'default', name: 'x' }),
    ).rejects.toBeInstanceOf(ResponseError);
  });
});
