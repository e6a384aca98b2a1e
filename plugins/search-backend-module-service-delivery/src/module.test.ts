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
            const rows = [
              agreementRow('payments-api', 'Payments API', 'retail-sla'),
              agreementRow('search-api', 'Search API', 'internal-ola'),
            ];
            res.json({ total: rows.length, rows });
          } else if (req.path === '/v1/findings') {
            res.json({
              total: 1,
              findings: [
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
    expect(response.body.results[0]).toMatchObject({
      type: 'service-delivery',
      document: {
        title: 'Payments API SLA: retail-sla',
        location: '/catalog/default/component/payments-api/sla',
      },
    });

    const findings = await search('ledger storage');
    expect(findings.body.results.map((r: any) => r.document.location)).toEqual([
      '/catalog/default/component/ledger/capacity',
    ]);
  });
});
