import { ResponseError } from '@backstage/errors';
import { slaResponse } from '../__testUtils__/fixtures';
import { ServiceDeliveryClient } from './ServiceDeliveryClient';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    statusText: status === 200 ? 'OK' : 'Not Found',
    headers: { 'Content-Type': 'application/json' },
  });
}

describe('ServiceDeliveryClient', () => {
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

  beforeEach(() => {
    fetch.mockReset();
    fetch.mockImplementation(async () => jsonResponse(200, slaResponse));
  });

  const correction = {
    id: 'COR-1',
    source: 'sla-tab',
    entityRef: 'component:default/payments-api',
    incident: { source: 'pagerduty', id: 'INC-1' },
    reason: 'customer-caused' as const,
    note: 'firewall change on their side',
  };

  it('posts an SLA correction as a batch of one to the corrections ingest', async () => {
    fetch.mockImplementation(async () =>
      jsonResponse(200, { accepted: 1, updated: 0, unchanged: 0 }),
    );
    expect(await client.addCorrection(correction)).toEqual({
      accepted: 1,
      updated: 0,
      unchanged: 0,
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/ingest/corrections',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([correction]),
      },
    );
  });

  it('says each field an ingest refused', async () => {
    fetch.mockImplementation(async () =>
      jsonResponse(400, {
        error: 'The corrections batch was rejected',
        problems: [
          { index: 0, path: 'note', message: 'is required' },
          { index: 0, path: 'reason', message: 'must be one of …' },
        ],
      }),
    );
    await expect(client.addCorrection(correction)).rejects.toThrow(
      'note is required; reason must be one of …',
    );
  });

  it('removes a correction by source and id, each part encoded', async () => {
    fetch.mockImplementation(async () => jsonResponse(200, { retracted: {} }));
    await client.removeCorrection({ source: 'sla-tab', id: 'COR/1' });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/records/corrections/sla-tab/COR%2F1',
      { method: 'DELETE' },
    );
  });

  it('asks discovery for the service-delivery backend', async () => {
    await client.getEntity({
      kind: 'Component',
      namespace: 'default',
      name: 'payments-api',
    });
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('service-delivery');
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/payments-api',
    );
  });

  it('builds the SLA URL with the period, lower-casing the kind and encoding each part', async () => {
    const result = await client.getSla(
      { kind: 'System', namespace: 'retail banking', name: 'checkout/eu' },
      '2026-Q3',
    );
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/entities/system/retail%20banking/checkout%2Feu/sla?period=2026-Q3',
    );
    expect(result.agreements[0].name).toBe('retail-sla');
  });

  it('leaves the period out when none is chosen', async () => {
    await client.getAvailability({
      kind: 'Resource',
      namespace: 'default',
      name: 'payments-db-eu',
    });
    expect(fetch).toHaveBeenCalledWith(
      'http://localhost:7007/api/service-delivery/v1/entities/resource/default/payments-db-eu/availability',
    );
  });

  it('asks for the latest gate decisions, with the limit when one is given', async () => {
    fetch.mockImplementation(async () => jsonResponse(200, { decisions: [] }));
    const ref = { kind: 'Component', namespace: 'default', name: 'checkout' };
    await client.getGateDecisions(ref, { limit: 20 });
    await client.getGateDecisions(ref);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual([
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/checkout/gate/decisions?limit=20',
      'http://localhost:7007/api/service-delivery/v1/entities/component/default/checkout/gate/decisions',
    ]);
  });

  it('throws a ResponseError with the status when the backend answers an error', async () => {
    fetch.mockImplementation(async () =>
      jsonResponse(404, {
        error: {
          name: 'NotFoundError',
          message: 'No entity component:default/ghost in the catalog',
        },
        request: { method: 'GET', url: '/v1/entities/component/default/ghost' },
        response: { statusCode: 404 },
      }),
    );
    const failure = client.getEntity({
      kind: 'Component',
      namespace: 'default',
      name: 'ghost',
    });
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      statusCode: 404,
      cause: { message: 'No entity component:default/ghost in the catalog' },
    });
  });
});
