import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { ServiceDeliveryCollatorFactory } from './ServiceDeliveryCollatorFactory';

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 15 },
  initialDelay: { seconds: 30 },
};

/**
 * Indexes the agreements and open findings of every service for Backstage Search, on the schedule
 * at `search.collators.serviceDelivery.schedule`.
 *
 * @public
 */
export const searchModuleServiceDelivery = createBackendModule({
  pluginId: 'search',
  moduleId: 'service-delivery-collator',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        config,
        discovery,
        auth,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const key = 'search.collators.serviceDelivery.schedule';
        const schedule = config.has(key)
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig(key),
            )
          : DEFAULT_SCHEDULE;
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: new ServiceDeliveryCollatorFactory({
            discovery,
            auth,
            logger,
          }),
        });
      },
    });
  },
});
