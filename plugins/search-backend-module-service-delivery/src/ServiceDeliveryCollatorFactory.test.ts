import {
  createServer,
  IncomingMessage,
  Server,
  ServerResponse,
} from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { TestPipeline } from '@backstage/plugin-search-backend-node';
import type {
  Finding,
  OverviewRow,
} from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliveryCollatorFactory } from './ServiceDeliveryCollatorFactory';

function row(name: string, parts: Partial<OverviewRow> = {}): OverviewRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    title: null,
    owner: 'group:default/payments',
    links: {},
    serviceLevel: null,
    ...parts,
  } as OverviewRow;
}

function finding(entityRef: string, parts: Partial<Finding> = {}): Finding {
  return {
    id: `${entityRef}/x`,
    severity: 'high',
    entityRef,
    discipline: 'continuity',
    subject: 'dr-test',
    state: 'overdue',
    message: 'The DR test of payments-api is 40 days overdue.',
    link: '/catalog/default/component/payments-api/continuity',
    ...parts,
  };
}

/** A stand-in for the Service Delivery backend's overview and findings routes. */
class FakeBackend {
  rows: OverviewRow[] = [];
  findings: Finding[] = [];
  requests: Array<{ path: string; authorization?: string }> = [];
  /** statuses to answer before the real answers, one per request */
  failures: number[] = [];
  private server?: Server;

  async start() {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>(resolve => this.server!.listen(0, resolve));
    return `http://127.0.0.1:${
      (this.server.address() as AddressInfo).port
    }/api/service-delivery`;
  }

  stop() {
    return new Promise(resolve => this.server?.close(resolve));
  }

  private answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url!, 'http://localhost');
    this.requests.push({
      path: `${url.pathname}?offset=${url.searchParams.get('offset')}`,
      authorization: req.headers.authorization,
    });
    const failure = this.failures.shift();
    if (failure) {
      res.writeHead(failure, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { name: 'Error', message: 'no' } }));
      return;
    }
    const offset = Number(url.searchParams.get('offset'));
    const limit = Number(url.searchParams.get('limit'));
    res.writeHead(200, { 'content-type': 'application/json' });
    if (url.pathname.endsWith('/v1/overview')) {
      res.end(
        JSON.stringify({
          total: this.rows.length,
          rows: this.rows.slice(offset, offset + limit),
        }),
      );
    } else {
      res.end(
        JSON.stringify({
          total: this.findings.length,
          findings: this.findings.slice(offset, offset + limit),
        }),
      );
    }
  }
}

describe('ServiceDeliveryCollatorFactory', () => {
  const backend = new FakeBackend();
  const auth = mockServices.auth({ pluginId: 'search' });
  let factory: ServiceDeliveryCollatorFactory;

  beforeAll(async () => {
    const baseUrl = await backend.start();
    factory = new ServiceDeliveryCollatorFactory({
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
      auth,
      logger: mockServices.logger.mock(),
      retryDelaysMs: [1, 1],
    });
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    backend.rows = [];
    backend.findings = [];
    backend.requests = [];
    backend.failures = [];
  });

  it('indexes each agreement with a link to the SLA tab, readable by who may read its service', async () => {
    backend.rows = [
      row('payments-api', {
        title: 'Payments API',
        links: { sla: '/catalog/default/component/payments-api/sla' },
        serviceLevel: {
          status: 'at-risk',
          worstAgreement: 'retail-sla',
          period: '2026-10',
          budgetRemainingShare: 0.2,
          budgetObjective: null,
          agreements: [
            {
              name: 'retail-sla',
              type: 'SLA',
              customer: 'group:default/retail-banking',
              period: '2026-10',
              periodOver: false,
              status: 'at-risk',
              objectives: [
                {
                  name: 'availability',
                  kind: 'availability',
                  target: 99.95,
                  actual: 99.97,
                  status: 'at-risk',
                  remainingShare: 0.2,
                  burnRate: 1.4,
                },
              ],
            },
          ],
        },
      }),
      // declares no agreements: nothing to index
      row('ledger'),
    ];

    const { documents } = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();

    expect(documents).toEqual([
      {
        title: 'Payments API SLA: retail-sla',
        text: 'SLA retail-sla of Payments API (component:default/payments-api) with group:default/retail-banking provided by group:default/payments. Objectives: availability availability target 99.95%. Status in 2026-10: at-risk.',
        location:
          '/catalog/default/component/payments-api/sla#agreement-retail-sla',
        documentKind: 'agreement',
        entityRef: 'component:default/payments-api',
        owner: 'group:default/payments',
        status: 'at-risk',
        category: 'SLA',
        authorization: { resourceRef: 'component:default/payments-api' },
      },
    ]);
    expect(factory.visibilityPermission.name).toBe('catalog.entity.read');
    const token = mockCredentials.service.token({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'service-delivery',
    });
    expect(
      backend.requests.every(r => r.authorization === `Bearer ${token}`),
    ).toBe(true);
  });

  it('indexes open findings, without repeating a message that names other entities', async () => {
    backend.rows = [row('payments-api', { title: 'Payments API' })];
    backend.findings = [
      finding('component:default/payments-api'),
      finding('component:default/payments-api', {
        discipline: 'availability',
        severity: 'critical',
        message: 'Payments API cannot reach 99.99%: secret-vault limits it.',
        link: '/catalog/default/component/payments-api/availability',
        mentions: ['component:default/secret-vault'],
      }),
    ];

    const { documents } = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();

    expect(documents).toEqual([
      expect.objectContaining({
        title: 'Payments API: high continuity finding',
        text: 'The DR test of payments-api is 40 days overdue.',
        location:
          '/catalog/default/component/payments-api/continuity#finding-component%3Adefault%2Fpayments-api%2Fx',
        documentKind: 'finding',
        status: 'high',
        authorization: { resourceRef: 'component:default/payments-api' },
      }),
      expect.objectContaining({
        title: 'Payments API: critical availability finding',
        text: 'A critical availability finding on Payments API (component:default/payments-api); its tab tells what it is.',
        location:
          '/catalog/default/component/payments-api/availability#finding-component%3Adefault%2Fpayments-api%2Fx',
      }),
    ]);
    expect(JSON.stringify(documents)).not.toContain('secret-vault');
  });

  it("repeats no cost finding's money, which search shows to whoever may read the service", async () => {
    backend.rows = [row('payments-api', { title: 'Payments API' })];
    backend.findings = [
      finding('component:default/payments-api', {
        discipline: 'cost',
        severity: 'medium',
        message: 'payments-api is €150 (8%) over its budget of €2,000 in 2026-11.',
        link: '/catalog/default/component/payments-api/cost',
      }),
    ];

    const { documents } = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();

    expect(documents).toEqual([
      expect.objectContaining({
        title: 'Payments API: medium cost finding',
        text: 'A medium cost finding on Payments API (component:default/payments-api); its tab tells what it is.',
      }),
    ]);
    expect(JSON.stringify(documents)).not.toContain('€');
  });

  it('asks a page again after a transient failure, and gives up on a lasting one', async () => {
    backend.rows = [row('payments-api')];
    backend.failures = [401, 503];
    const retried = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();
    expect(retried.error).toBeUndefined();
    expect(retried.documents).toEqual([]);
    expect(backend.requests.map(r => r.path)).toEqual([
      '/api/service-delivery/v1/overview?offset=0',
      '/api/service-delivery/v1/overview?offset=0',
      '/api/service-delivery/v1/overview?offset=0',
      '/api/service-delivery/v1/findings?offset=0',
    ]);

    backend.requests = [];
    backend.failures = [401, 401, 401];
    const failed401 = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();
    expect(String(failed401.error)).toMatch(/401/);
    expect(backend.requests).toHaveLength(3);

    backend.requests = [];
    backend.failures = [403];
    const failed403 = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();
    expect(String(failed403.error)).toMatch(/403/);
    expect(backend.requests).toHaveLength(1);
  });

  it('reads every page of the overview and of the findings', async () => {
    backend.findings = Array.from({ length: 1001 }, (_, i) =>
      finding(`component:default/s${i}`),
    );

    const { documents } = await TestPipeline.fromCollator(
      await factory.getCollator(),
    ).execute();

    expect(documents).toHaveLength(1001);
    expect(backend.requests.map(r => r.path)).toEqual([
      '/api/service-delivery/v1/overview?offset=0',
      '/api/service-delivery/v1/findings?offset=0',
      '/api/service-delivery/v1/findings?offset=1000',
    ]);
  });
});
