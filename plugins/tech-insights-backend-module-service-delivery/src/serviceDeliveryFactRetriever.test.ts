import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { FactRetrieverContext } from '@backstage-community/plugin-tech-insights-node';
import {
  OverviewRow,
  summariseOverviewRow,
} from '@service-delivery/plugin-service-delivery-common';
import {
  createServiceDeliveryFactRetriever,
  serviceDeliveryFactSchema,
} from './serviceDeliveryFactRetriever';

const NOW = Date.parse('2026-10-15T12:00:00Z');
const DAY = 86_400;

function row(name: string, parts: Partial<OverviewRow> = {}): OverviewRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    title: null,
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
    ownerAncestry: ['group:default/payments'],
    system: null,
    domain: null,
    tier: null,
    status: 'no-data',
    problems: 0,
    findings: { critical: 0, high: 0, medium: 0, low: 0 },
    links: {},
    dependsOn: [],
    redundancy: [],
    serviceLevel: null,
    availability: null,
    cost: null,
    capacity: null,
    continuity: null,
    ...parts,
  } as OverviewRow;
}

/** A continuity headline as the overview row carries it. */
function continuity(parts: {
  lastTestAt: string | null;
  policyEvery: number | null;
  declaredEvery: number | null;
  overdue: boolean;
}): OverviewRow['continuity'] {
  return {
    status: parts.overdue ? 'fail' : 'pass',
    testOverdue: parts.overdue,
    lastTest: parts.lastTestAt,
    testDueAt: null,
    // the backend's: the tier's policy, else the declared interval
    testEvery: parts.policyEvery ?? parts.declaredEvery,
    checks: [],
  };
}

/** A stand-in for the Service Delivery backend: canned answers, every request recorded. */
class FakeBackend {
  requests: Array<{ url: string; authorization?: string }> = [];
  overviewRows: OverviewRow[] = [];
  overviewStatus = 200;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => this.answer(req, res));
    await new Promise<void>(resolve => this.server!.listen(0, resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/api/service-delivery`;
  }

  stop() {
    return new Promise(resolve => this.server?.close(resolve));
  }

  private answer(
    req: IncomingMessage,
    res: import('node:http').ServerResponse,
  ) {
    this.requests.push({
      url: req.url!,
      authorization: req.headers.authorization,
    });
    const url = new URL(req.url!, 'http://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/service-delivery/v1/overview') {
      if (this.overviewStatus !== 200) {
        send(this.overviewStatus, {
          error: { name: 'NotAllowedError', message: 'Unauthorized' },
        });
        return;
      }
      const offset = Number(url.searchParams.get('offset'));
      const limit = Number(url.searchParams.get('limit'));
      const rows = this.overviewRows.slice(offset, offset + limit);
      send(200, {
        total: this.overviewRows.length,
        offset,
        limit,
        // as the backend answers: whole rows unless the summaries are asked for
        rows:
          url.searchParams.get('detail') === 'summary'
            ? rows.map(summariseOverviewRow)
            : rows,
      });
      return;
    }
    send(404, { error: { name: 'NotFoundError', message: 'not found' } });
  }
}

describe('createServiceDeliveryFactRetriever', () => {
  const backend = new FakeBackend();
  let baseUrl: string;
  const auth = mockServices.auth({ pluginId: 'tech-insights' });
  const logger = mockServices.logger.mock();

  beforeAll(async () => {
    baseUrl = await backend.start();
  });
  afterAll(() => backend.stop());
  beforeEach(() => {
    backend.requests = [];
    backend.overviewRows = [];
    backend.overviewStatus = 200;
  });

  function context(): FactRetrieverContext {
    return {
      config: mockServices.rootConfig(),
      discovery: {
        getBaseUrl: async pluginId =>
          baseUrl.replace('service-delivery', pluginId),
        getExternalBaseUrl: async pluginId =>
          baseUrl.replace('service-delivery', pluginId),
      },
      logger,
      auth,
      urlReader: mockServices.urlReader.mock(),
    };
  }

  const retriever = createServiceDeliveryFactRetriever({ now: () => NOW });

  it('publishes the figures the backend serves, one fact set per service', async () => {
    backend.overviewRows = [
      row('payments', {
        tier: 'tier-1',
        serviceLevel: {
          status: 'at-risk',
          worstAgreement: 'retail-sla',
          period: '2026-10',
          agreements: [],
          budgetRemainingShare: 0.42127,
          budgetObjective: 'retail-sla/availability',
        },
        cost: {
          currency: 'EUR',
          month: '2026-10',
          actual: 20000,
          budget: 42000,
          variance: -22000,
          lastMonth: {
            month: '2026-09',
            actual: 46200,
            budget: 42000,
            variance: 4200,
          },
          forecastYearEnd: null,
          annualBudget: null,
          months: [],
        },
        capacity: {
          status: 'warning',
          resource: 'cpu',
          utilisation: 74,
          daysToCritical: 37.84,
          resources: [],
        },
        // tested 167 days and 12 hours before NOW; the tier allows 180 days, the team declared a year
        continuity: continuity({
          lastTestAt: '2026-05-01T00:00:00Z',
          policyEvery: 180 * DAY,
          declaredEvery: 365 * DAY,
          overdue: false,
        }),
      }),
    ];

    const facts = await retriever.handler(context());

    expect(facts).toEqual([
      {
        entity: { kind: 'Component', namespace: 'default', name: 'payments' },
        facts: {
          tier: 'tier-1',
          slaStatus: 'at-risk',
          worstAgreement: 'retail-sla',
          errorBudgetLeftPercent: 42.13,
          drTestAgeDays: 167,
          drTestMaxAgeDays: 180,
          drTestWithinPolicy: true,
          drTestOverdue: false,
          budgetVariancePercent: 10,
          budgetVarianceMonth: '2026-09',
          capacityStatus: 'warning',
          daysToCriticalCapacity: 37,
        },
        timestamp: expect.anything(),
      },
    ]);
    // stamped with the moment of the read, which a `timeToLive` lifecycle counts from
    expect(facts[0].timestamp?.toMillis()).toBe(NOW);
    for (const name of Object.keys(facts[0].facts)) {
      expect(serviceDeliveryFactSchema).toHaveProperty(name);
    }
    const expectedToken = mockCredentials.service.token({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'service-delivery',
    });
    // one paged read of the overview, nothing per service
    expect(backend.requests.map(r => r.authorization)).toEqual([
      `Bearer ${expectedToken}`,
    ]);
    // of the rows' summaries, which the backend holds in memory, not the whole rows
    expect(
      backend.requests.map(r =>
        new URL(r.url, 'http://x').searchParams.get('detail'),
      ),
    ).toEqual(['summary']);
  });

  it("measures a system whose budget holds its parts' against their cost, as its Cost tab does", async () => {
    const september = (actual: number | null, budget: number) => ({
      month: '2026-09',
      actual,
      budget,
      variance: actual === null ? null : actual - budget,
    });
    const costOf = (lastMonth: ReturnType<typeof september>) => ({
      currency: 'EUR',
      month: '2026-10',
      actual: null,
      budget: lastMonth.budget,
      variance: null,
      lastMonth,
      forecastYearEnd: null,
      annualBudget: null,
      months: [],
    });
    backend.overviewRows = [
      row('shop', {
        entityRef: 'system:default/shop',
        kind: 'System',
        system: 'system:default/shop',
        // a little of its own in September against 10,000; with basket's, as the backend serves it
        cost: {
          ...costOf(september(500, 10000)),
          withParts: {
            actual: 0,
            budget: 10000,
            variance: -10000,
            parts: 1,
            lastMonth: {
              month: '2026-09',
              actual: 11000,
              budget: 10000,
              variance: 1000,
            },
          },
        },
      }),
      row('basket', {
        system: 'system:default/shop',
        cost: costOf(september(10500, 12000)),
      }),
    ];
    const facts = await retriever.handler(context());
    const factsOf = (name: string) =>
      facts.find(f => f.entity.name === name)!.facts;
    // 500 + 10,500 = 11,000 against 10,000: 10 % over, where its own 500 alone read 95 % under
    expect(factsOf('shop').budgetVariancePercent).toBe(10);
    // the part keeps its own: 10,500 against 12,000
    expect(factsOf('basket').budgetVariancePercent).toBe(-12.5);
  });

  it('says a DR test is outside policy once older than the policy allows, or when never made', async () => {
    backend.overviewRows = [
      row('late', {
        continuity: continuity({
          // 180 days and one second before NOW
          lastTestAt: '2026-04-18T11:59:59Z',
          policyEvery: 180 * DAY,
          declaredEvery: null,
          overdue: true,
        }),
      }),
      row('never', {
        continuity: continuity({
          lastTestAt: null,
          policyEvery: 180 * DAY,
          declaredEvery: null,
          overdue: true,
        }),
      }),
      row('exactly', {
        continuity: continuity({
          lastTestAt: '2026-04-18T12:00:00Z',
          policyEvery: null,
          declaredEvery: 180 * DAY,
          overdue: false,
        }),
      }),
    ];

    const facts = await retriever.handler(context());

    expect(facts.map(f => [f.entity.name, f.facts])).toEqual([
      [
        'late',
        {
          drTestAgeDays: 180,
          drTestMaxAgeDays: 180,
          drTestWithinPolicy: false,
          drTestOverdue: true,
        },
      ],
      [
        'never',
        {
          drTestMaxAgeDays: 180,
          drTestWithinPolicy: false,
          drTestOverdue: true,
        },
      ],
      [
        'exactly',
        {
          drTestAgeDays: 180,
          drTestMaxAgeDays: 180,
          drTestWithinPolicy: true,
          drTestOverdue: false,
        },
      ],
    ]);
  });

  it('leaves out what a service does not declare or the caller may not read', async () => {
    backend.overviewRows = [
      row('bare', {
        serviceLevel: {
          status: 'no-data',
          worstAgreement: null,
          period: '2026-10',
          agreements: [],
          budgetRemainingShare: null,
          budgetObjective: null,
        },
        cost: {
          currency: 'EUR',
          month: '2026-10',
          actual: null,
          budget: null,
          variance: null,
          lastMonth: null,
          forecastYearEnd: null,
          annualBudget: null,
          months: [],
        },
      }),
    ];

    const facts = await retriever.handler(context());

    expect(facts[0].facts).toEqual({ slaStatus: 'no-data' });
    expect(
      backend.requests.map(r => new URL(r.url, 'http://x').pathname),
    ).toEqual(['/api/service-delivery/v1/overview']);
  });

  it('reads every page of the overview', async () => {
    backend.overviewRows = Array.from({ length: 1500 }, (_, i) =>
      row(`service-${String(i).padStart(4, '0')}`),
    );

    const facts = await retriever.handler(context());

    expect(facts).toHaveLength(1500);
    expect(facts[1499].entity.name).toBe('service-1499');
    expect(
      backend.requests.map(r =>
        new URL(r.url, 'http://x').searchParams.get('offset'),
      ),
    ).toEqual(['0', '1000']);
  });

  it('publishes no DR test interval from a row computed before the overview carried it', async () => {
    const { testEvery: _, ...older } = continuity({
      lastTestAt: '2026-10-05T12:00:00Z',
      policyEvery: 180 * DAY,
      declaredEvery: null,
      overdue: false,
    })!;
    backend.overviewRows = [
      row('older', { tier: 'tier-2', continuity: older }),
    ];

    const facts = await retriever.handler(context());

    expect(facts[0].facts).toEqual({
      tier: 'tier-2',
      drTestAgeDays: 10,
      drTestOverdue: false,
    });
  });

  it('fails the run when the overview cannot be read', async () => {
    backend.overviewStatus = 403;

    await expect(retriever.handler(context())).rejects.toThrow(/403/);
  });
});
