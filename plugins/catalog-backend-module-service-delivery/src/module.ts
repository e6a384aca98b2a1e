import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { yamlPlaceholderResolver } from './placeholder/yamlPlaceholderResolver';
import { ServiceDeliveryEntitiesProcessor } from './processor/ServiceDeliveryEntitiesProcessor';

/**
 * Catalog module that validates `spec.serviceDelivery` and emits agreement relations.
 *
 * @public
 */
export const catalogModuleServiceDelivery = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'service-delivery',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ catalog, config, logger }) {
        const settings = readServiceDeliverySettings(config);
        catalog.addProcessor(
          new ServiceDeliveryEntitiesProcessor({
            logger,
            validation: settings.validation,
            tiers: Object.keys(settings.tiers),
          }),
        );
        catalog.addPlaceholderResolver('yaml', yamlPlaceholderResolver);
      },
    });
  },
});
