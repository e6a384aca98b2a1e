import {
  AuthService,
  DatabaseService,
  LifecycleService,
  LoggerService,
  RootConfigService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { durationToMilliseconds } from '@backstage/types';
import { Duration } from 'luxon';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { ServiceDeliverySettings } from '@service-delivery/plugin-service-delivery-node';
import { DatabaseOverviewStore } from '../database/DatabaseOverviewStore';
import { withWriteListener } from '../database/decorateStore';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { IngestTraffic } from './IngestTraffic';
import { OverviewCache } from './OverviewCache';
import {
  DEFAULT_REFRESH_SCHEDULE,
  OverviewRefresher,
} from './OverviewRefresher';
import { OwnerNotifier } from './OwnerNotifier';

/**
 * Sets up the precomputed overview: its table, the refresh on a schedule and after ingests, owner
 * notifications, and the cache requests read. `refreshAfterWrites` wraps the measured-data store (a
 * Proxy) so that every batch it accepts (from the ingest route or a provider) refreshes the entities it
 * touched.
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
  /** see OverviewRefresherOptions.refreshStatistics */
  refreshStatistics?: () => Promise<string[]>;
}) {
  const overviewStore = await DatabaseOverviewStore.create({
    database: options.database,
  });
  const scheduleConfig = options.config.getOptionalConfig(
    'serviceDelivery.overview.refresh',
  );
  const schedule = scheduleConfig
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(scheduleConfig)
    : DEFAULT_REFRESH_SCHEDULE;
  const ingestTraffic = new IngestTraffic();
  const refresher = new OverviewRefresher({
    reuseRowsForMs: reuseRowsFor(schedule),
    ingestTraffic,
    catalog: options.catalog,
    auth: options.auth,
    store: options.store,
    overviewStore,
    settings: options.settings,
    logger: options.logger,
    refreshStatistics: options.refreshStatistics,
    notifier: new OwnerNotifier({
      overviewStore,
      notifications: options.notifications,
      logger: options.logger,
      now: Date.now,
      digestAbove: options.settings.notifications?.digestAbove,
    }),
  });
  const cache = new OverviewCache({
    overviewStore,
    computePeriod: period => refresher.computePeriod(period),
  });
  refresher.onRefreshed(() => cache.invalidate());

  await refresher.schedule(options.scheduler, schedule);
  options.lifecycle.addShutdownHook(() => refresher.stop());

  return {
    overview: cache,
    refresher,
    ingestTraffic,
    refreshAfterWrites: (store: ServiceDeliveryStore) =>
      withWriteListener(store, (refs, kind) =>
        refresher.entitiesChanged(refs, kind),
      ),
  };
}

/**
 * A scheduled full refresh keeps the rows computed within the last half of its interval (no row is
 * then older than one and a half intervals); with a cron or manual schedule, it computes them all.
 */
function reuseRowsFor(schedule: SchedulerServiceTaskScheduleDefinition) {
  const frequency = schedule.frequency;
  if ('cron' in frequency || 'trigger' in frequency) return 0;
  const ms = Duration.isDuration(frequency)
    ? frequency.toMillis()
    : durationToMilliseconds(frequency);
  return ms / 2;
}
