import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import {
  SERVICE_DELIVERY_FACT_RETRIEVER_ID,
  createServiceDeliveryFactRetriever,
} from './serviceDeliveryFactRetriever';
import { lifecycleAdvice } from './lifecycleAdvice';

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
      deps: {
        retrievers: techInsightsFactRetrieversExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ retrievers, config, logger }) {
        const advice = lifecycleAdvice(config);
        if (advice) logger.warn(advice);
        retrievers.addFactRetrievers({
          [SERVICE_DELIVERY_FACT_RETRIEVER_ID]:
            createServiceDeliveryFactRetriever(),
        });
      },
    });
  },
});
