import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { serviceDeliveryPermissions } from '@service-delivery/plugin-service-delivery-common';
import {
  readServiceDeliverySettings,
  retentionOf,
  serviceDeliveryProvidersExtensionPoint,
} from '@service-delivery/plugin-service-delivery-node';
import { scheduleRetention } from './retention/pruneMeasuredData';
import { DatabaseServiceDeliveryStore } from './database/DatabaseServiceDeliveryStore';
import { createOverview } from './overview/createOverview';
import { createRouter } from './service/router';
import {
  ProviderRegistry,
  scheduleProviders,
} from './providers/scheduleProviders';

/**
 * The Service Delivery backend plugin: REST API, measured-data store and ingestion.
 *
 * @public
 */
export const serviceDeliveryPlugin = createBackendPlugin({
  pluginId: 'service-delivery',
  register(env) {
    const providers = new ProviderRegistry();
    env.registerExtensionPoint(serviceDeliveryProvidersExtensionPoint, {
      addProvider(...added) {
        added.flat().forEach(provider => providers.add(provider));
      },
    });

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
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        lifecycle: coreServices.lifecycle,
        notifications: notificationService,
      },
      async init(deps) {
        const settings = readServiceDeliverySettings(deps.config);
        deps.permissionsRegistry.addPermissions(serviceDeliveryPermissions);
        const measured = await DatabaseServiceDeliveryStore.create({
          database: deps.database,
        });
        const { overview, refreshAfterWrites, ingestTraffic } =
          await createOverview({
            ...deps,
            store: measured,
            settings,
            refreshStatistics: () => measured.analyzeWrittenTables(),
          });
        const store = refreshAfterWrites(measured);
        const retention = retentionOf(settings);
        await scheduleProviders({
          providers: providers.list(),
          scheduler: deps.scheduler,
          store,
          logger: deps.logger,
          catalog: deps.catalog,
          auth: deps.auth,
          retentionMs: retention.keepMs,
        });
        const retentionSchedule = deps.config.getOptionalConfig(
          'serviceDelivery.retention.schedule',
        );
        await scheduleRetention({
          scheduler: deps.scheduler,
          schedule: retentionSchedule
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                retentionSchedule,
              )
            : undefined,
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          ...retention,
        });
        deps.httpRouter.use(
          await createRouter({
            logger: deps.logger,
            httpAuth: deps.httpAuth,
            auth: deps.auth,
            permissions: deps.permissions,
            catalog: deps.catalog,
            store,
            settings,
            overview,
            ingestTraffic,
          }),
        );
      },
    });
  },
});
