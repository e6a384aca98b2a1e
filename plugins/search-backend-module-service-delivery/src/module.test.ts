import {
  coreServices,
  createBackendPlugin,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import searchBackend from '@backstage/plugin-search-backend';
import request from 'supertest';
import searchModuleServiceDelivery from '.';

function agreementRow(name: string, title: string, agreement: string) {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    title,
    owner: 'group:default/payments',
    links: { sla: `/catalog/default/component/${name}/sla` },
    serviceLevel: {
      status: 'met',
      agreements: [
        {
          name: agreement,
          type: 'SLA',
          period: '2026-10',
          status: 'met',
          objectives: [],
        },
      ],
    },
  };
}

/** Answers the overview and findings routes the way the Service Delivery backend does. */
const fakeServiceDeliveryBackend = createBackendPlugin({
  pluginId: 'service-delivery',
  register(reg) {
    reg.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req, res) => {
          if (req.path === '/v1/overview') {
            const payments = agreementRow(
              'payments-api',
              'Payments API',
              'retail-sla',
            );
            payments.serviceLevel.agreements.push({
              ...payments.serviceLevel.agreements[0],
              name: 'corporate-sla',
            });
            const rows = [
              payments,
              agreementRow('search-api', 'Search API', 'internal-ola'),
            ];
            res.json({ total: rows.length, rows });
          } else if (req.path === '/v1/findings') {
            res.json({
              total: 2,
              findings: [
                {
                  id: 'f0',
                  severity: 'high',
                  entityRef: 'component:default/payments-api',
                  discipline: 'service-level',
                  subject: 'retail-sla',
                  state: 'at-risk',
                  message: 'Payments API may miss retail-sla this month.',
                  link: '/catalog/default/component/payments-api/sla',
                },
                {
                  id: 'f1',
                  severity: 'medium',
                  entityRef: 'component:default/ledger',
                  discipline: 'capacity',
                  subject: 'storage',
                  state: 'warning',
                  message:
                    'Ledger storage reaches its critical level in 20 days.',
                  link: '/catalog/default/component/ledger/capacity',
                },
              ],
            });
          } else {
            res.status(404).json({ error: { message: 'not here' } });
          }
        });
      },
    });
  },
});

describe('searchModuleServiceDelivery', () => {
  it('lets a search for "payments SLA" find the SLA tab of the payments service', async () => {
    const scheduler = mockServices.scheduler();
    const { server } = await startTestBackend({
      features: [
        searchBackend,
        searchModuleServiceDelivery,
        fakeServiceDeliveryBackend,
        // one scheduler for every plugin, running tasks only when the test triggers them
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
      ],
    });

    const search = (term: string) =>
      request(server)
        .get('/api/search/query')
        .query({ term, types: ['service-delivery'] })
        .set('Authorization', mockCredentials.user.header());

    await scheduler.triggerTask('search_index_service_delivery');

    const response = await search('payments SLA');
    expect(response.status).toBe(200);
    const found = response.body.results.map((r: any) => r.document);
    expect(
      found
        .slice(0, 2)
        .map((d: any) => d.location)
        .sort(),
    ).toEqual([
      '/catalog/default/component/payments-api/sla#agreement-corporate-sla',
      '/catalog/default/component/payments-api/sla#agreement-retail-sla',
    ]);
    expect(found.map((d: any) => d.location)).toContain(
      '/catalog/default/component/payments-api/sla#finding-f0',
    );

    const findings = await search('ledger storage');
    expect(findings.body.results.map((r: any) => r.document.location)).toEqual([
      '/catalog/default/component/ledger/capacity#finding-f1',
    ]);
  });
});
