import { ResponseError } from '@backstage/errors';
import { overviewResponse } from '../__testUtils__/overviewFixtures';
import { ServiceDeliveryClient } from './ServiceDeliveryClient';

const base = 'http://localhost:7007/api/service-delivery';

describe('ServiceDeliveryClient, org-wide routes', () => {
  const fetch = jest.fn();
  const client = new ServiceDeliveryClient({
    discoveryApi: { getBaseUrl: jest.fn().mockResolvedValue(base) },
    fetchApi: { fetch },
  });

  beforeEach(() => {
    fetch.mockReset();
    fetch.mockImplementation(
      async () =>
        new Response(JSON.stringify(overviewResponse), {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        }),
    );
  });

  it('asks for the overview with lists comma-separated and empty filters left out', async () => {
    const body = await client.getOverview({
      owner: ['group:default/payments', 'user:default/guest'],
      status: [],
      q: 'pay ments',
      sort: 'availability',
      order: 'asc',
      offset: 50,
      limit: 25,
    });
    expect(fetch).toHaveBeenCalledWith(
      `${base}/v1/overview?owner=group%3Adefault%2Fpayments%2Cuser%3Adefault%2Fguest&q=pay+ments&sort=availability&order=asc&offset=50&limit=25`,
    );
    expect(body.total).toBe(5);
  });

  it('asks for findings and reports the same way', async () => {
    await client.getFindings({ severity: ['critical', 'high'], limit: 10 });
    expect(fetch).toHaveBeenLastCalledWith(
      `${base}/v1/findings?severity=critical%2Chigh&limit=10`,
    );
    await client.getSlaReport({
      entityRef: 'component:default/payments-api',
      period: '2026-10',
    });
    expect(fetch).toHaveBeenLastCalledWith(
      `${base}/v1/reports/sla?entityRef=component%3Adefault%2Fpayments-api&period=2026-10`,
    );
  });

  it('reads CSV as text', async () => {
    fetch.mockImplementation(
      async () => new Response('entityRef,name\r\n', { status: 200 }),
    );
    expect(await client.getCsv('overview', { tier: ['tier-1'] })).toBe(
      'entityRef,name\r\n',
    );
    expect(fetch).toHaveBeenLastCalledWith(
      `${base}/v1/overview.csv?tier=tier-1`,
    );
    await client.getCsv('sla-report', { system: ['system:default/x'] });
    expect(fetch).toHaveBeenLastCalledWith(
      `${base}/v1/reports/sla.csv?system=system%3Adefault%2Fx`,
    );
  });

  it("reads an entity's costs as FOCUS CSV for the months and view asked for", async () => {
    fetch.mockImplementation(
      async () => new Response('BillingPeriodStart\r\n', { status: 200 }),
    );
    expect(
      await client.getCostFocusCsv(
        { kind: 'Group', namespace: 'default', name: 'payments' },
        { from: '2026-01', to: '2026-06', view: 'chargeback' },
      ),
    ).toBe('BillingPeriodStart\r\n');
    expect(fetch).toHaveBeenLastCalledWith(
      `${base}/v1/entities/group/default/payments/cost/focus.csv?from=2026-01&to=2026-06&view=chargeback`,
    );
  });

  it('throws the backend error naming the bad parameter', async () => {
    fetch.mockImplementation(
      async () =>
        new Response(
          JSON.stringify({
            error: {
              name: 'InputError',
              message:
                "Invalid query parameter 'sort': 'colour' is not a column",
            },
            response: { statusCode: 400 },
          }),
          { status: 400, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    const failure = client.getOverview({ sort: 'colour' });
    await expect(failure).rejects.toBeInstanceOf(ResponseError);
    await expect(failure).rejects.toMatchObject({
      statusCode: 400,
      cause: {
        message: "Invalid query parameter 'sort': 'colour' is not a column",
      },
    });
  });
});
