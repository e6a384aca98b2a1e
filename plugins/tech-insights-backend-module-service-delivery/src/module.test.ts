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
import techInsightsBackend from '@backstage-community/plugin-tech-insights-backend';
import request from 'supertest';
import techInsightsModuleServiceDelivery from '.';
import { SERVICE_DELIVERY_FACT_RETRIEVER_ID } from './serviceDeliveryFactRetriever';

/** Answers the overview route the way the Service Delivery backend does, for one service. */
const fakeServiceDeliveryBackend = createBackendPlugin({
  pluginId: 'service-delivery',
  register(reg) {
    reg.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        httpRouter.use((req, res) => {
          if (req.path !== '/v1/overview') {
            res.status(404).json({ error: { message: 'not here' } });
            return;
          }
          res.json({
            total: 1,
            offset: 0,
            limit: 1000,
            rows: [
              {
                entityRef: 'component:default/payments',
                kind: 'Component',
                namespace: 'default',
                name: 'payments',
                tier: 'tier-1',
                serviceLevel: {
                  status: 'breached',
                  worstAgreement: 'retail-sla',
                  budgetRemainingShare: -0.25,
                },
                availability: null,
                cost: null,
                capacity: {
                  status: 'critical',
                  resource: 'storage',
                  daysToCritical: 0,
                },
                continuity: null,
              },
            ],
          });
        });
      },
    });
  },
});

describe('techInsightsModuleServiceDelivery', () => {
  // kept by count, and by age: a `timeToLive` is compared, as text on SQLite, with the facts' own
  // timestamps, which the database's default wrote in another form (every fact of the day deleted)
  it.each([
    ['no lifecycle', undefined],
    ['maxItems', { maxItems: 2 }],
    ['timeToLive', { timeToLive: { minutes: 1 } }],
  ])(
    'publishes the facts through Tech Insights, read from the Service Delivery backend (%s)',
    async (_name, lifecycle) => {
      const scheduler = mockServices.scheduler();
      const { server } = await startTestBackend({
        features: [
          techInsightsBackend,
          techInsightsModuleServiceDelivery,
          fakeServiceDeliveryBackend,
          mockServices.rootConfig.factory({
            data: {
              techInsights: {
                factRetrievers: {
                  [SERVICE_DELIVERY_FACT_RETRIEVER_ID]: {
                    cadence: '0 3 * * *',
                    ...(lifecycle && { lifecycle }),
                  },
                },
              },
            },
          }),
          // one scheduler for every plugin, running tasks only when the test triggers them
          createServiceFactory({
            service: coreServices.scheduler,
            deps: {},
            factory: () => scheduler,
          }),
        ],
      });

      const latest = async () =>
        request(server)
          .get('/api/tech-insights/facts/latest')
          .query({
            entity: 'component:default/payments',
            ids: [SERVICE_DELIVERY_FACT_RETRIEVER_ID],
          })
          .set('Authorization', mockCredentials.user.header());

      // a second run, which trims what the first stored where a lifecycle is set
      await scheduler.triggerTask(SERVICE_DELIVERY_FACT_RETRIEVER_ID);
      await scheduler.triggerTask(SERVICE_DELIVERY_FACT_RETRIEVER_ID);

      const response = await latest();
      expect(response.status).toBe(200);
      expect(response.body[SERVICE_DELIVERY_FACT_RETRIEVER_ID]).toMatchObject({
        entity: { kind: 'component', namespace: 'default', name: 'payments' },
        facts: {
          tier: 'tier-1',
          slaStatus: 'breached',
          worstAgreement: 'retail-sla',
          errorBudgetLeftPercent: -25,
          capacityStatus: 'critical',
          daysToCriticalCapacity: 0,
        },
      });

      const schemas = await request(server)
        .get('/api/tech-insights/fact-schemas')
        .set('Authorization', mockCredentials.user.header());
      const schema = schemas.body.find(
        (s: { id: string }) => s.id === SERVICE_DELIVERY_FACT_RETRIEVER_ID,
      );
      expect(schema).toMatchObject({
        drTestWithinPolicy: { type: 'boolean' },
        budgetVariancePercent: { type: 'float' },
        entityFilter: [{ kind: ['component', 'system', 'resource'] }],
      });
    },
  );
});
