import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import {
  SERVICE_DELIVERY_FACT_RETRIEVER_ID,
  createServiceDeliveryFactRetriever,
} from './serviceDeliveryFactRetriever';

/**
 * Adds the Service Delivery fact retriever to Tech Insights. It runs on the schedule set at
 * `techInsights.factRetrievers.serviceDeliveryFactRetriever` (Tech Insights runs no retriever
 * without one).
 *
 * @public
 */
export const techInsightsModuleServiceDelivery = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'service-delivery',
  register(reg) {
    reg.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({
          [SERVICE_DELIVERY_FACT_RETRIEVER_ID]:
            createServiceDeliveryFactRetriever(),
        });
      },
    });
  },
});
