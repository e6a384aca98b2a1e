import {
  AuthService,
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { observeIngest } from '../database/decorateStore';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { OverviewCache } from './OverviewCache';
import {
  DEFAULT_REFRESH_SCHEDULE,
  OverviewRefresher,
} from './OverviewRefresher';
import { OwnerNotifier } from './OwnerNotifier';

/**
 * Sets up the precomputed overview: its table, the refresh on a schedule and after ingests, owner
 * notifications, and the cache requests read. `observe` wraps the measured-data store so that every
 * batch it accepts (from the ingest route or a provider) refreshes the entities it touched.
 */
export async function createOverview(options: {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  auth: AuthService;
  catalog: CatalogService;
  notifications?: NotificationService;
  store: ServiceDeliveryStore;
  settings: ServiceDeliverySettings;
}) {
  const overviewStore = await DatabaseOverviewStore.create({
    database: options.database,
  });
  const refresher = new OverviewRefresher({
    catalog: options.catalog,
    auth: options.auth,
    store: options.store,
    overviewStore,
    settings: options.settings,
    logger: options.logger,
    notifier: new OwnerNotifier({
      overviewStore,
      notifications: options.notifications,
      logger: options.logger,
      now: Date.now,
    }),
  });
  const cache = new OverviewCache({
    overviewStore,
    computePeriod: period => refresher.computePeriod(period),
  });
  refresher.onRefreshed(() => cache.invalidate());

  const scheduleConfig = options.config.getOptionalConfig(
    'serviceDelivery.overview.refresh',
  );
  await refresher.schedule(
    options.scheduler,
    scheduleConfig
      ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
      : DEFAULT_REFRESH_SCHEDULE,
  );
  options.lifecycle.addShutdownHook(() => refresher.stop());

  return {
    overview: cache,
    refresher,
    observe: (store: ServiceDeliveryStore) =>
      observeIngest(store, (refs, kind) =>
        refresher.entitiesChanged(refs, kind),
      ),
  };
}
