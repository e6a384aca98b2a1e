import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { serviceDeliveryPermissions } from '@service-delivery/plugin-service-delivery-common';
import { readServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { DatabaseServiceDeliveryStore } from './database/DatabaseServiceDeliveryStore';
import { createRouter } from './service/router';

/**
 * The Service Delivery backend plugin: REST API, measured-data store and ingestion.
 *
 * @public
 */
export const serviceDeliveryPlugin = createBackendPlugin({
  pluginId: 'service-delivery',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const settings = readServiceDeliverySettings(deps.config);
        deps.permissionsRegistry.addPermissions(serviceDeliveryPermissions);
        const store = await DatabaseServiceDeliveryStore.create({
          database: deps.database,
        });
        deps.httpRouter.use(
          await createRouter({
            logger: deps.logger,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            store,
            settings,
          }),
        );
      },
    });
  },
});
