import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { serviceDeliveryProvidersExtensionPoint } from '@service-delivery/plugin-service-delivery-node';
import { readPrometheusProviderSettings } from './config';
import { PrometheusProvider } from './PrometheusProvider';

/**
 * Adds the Prometheus provider to the Service Delivery backend when
 * `serviceDelivery.prometheus.baseUrl` is configured; without it the module does nothing.
 *
 * @public
 */
export const serviceDeliveryModulePrometheus = createBackendModule({
  pluginId: 'service-delivery',
  moduleId: 'prometheus',
  register(reg) {
    reg.registerInit({
      deps: {
        providers: serviceDeliveryProvidersExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({ providers, config, logger, auth, catalog }) {
        const settings = readPrometheusProviderSettings(config);
        if (!settings) {
          logger.debug(
            'The Prometheus provider is off: serviceDelivery.prometheus.baseUrl is not configured',
          );
          return;
        }
        providers.addProvider(
          new PrometheusProvider({ settings, catalog, auth }),
        );
        logger.info(
          `The Prometheus provider pulls from ${settings.baseUrl} in buckets of ${settings.bucketSeconds}s`,
        );
      },
    });
  },
});
