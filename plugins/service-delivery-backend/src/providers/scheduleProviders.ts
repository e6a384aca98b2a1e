import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MeasuredDataProvider } from '@service-delivery/plugin-service-delivery-node';
import { ServiceDeliveryStore } from '../database/ServiceDeliveryStore';
import { createProviderStore } from './providerStore';

const providerNamePattern = /^[A-Za-z0-9._-]{1,64}$/;

/** The scheduler task that runs a provider; stable, so that replicas share one cadence. */
export function providerTaskId(providerName: string): string {
  return `service-delivery:provider:${providerName}`;
}

/** The providers modules add, checked as they come so a mistake names the module's provider. */
export class ProviderRegistry {
  private readonly providers = new Map<string, MeasuredDataProvider>();

  add(provider: MeasuredDataProvider): void {
    const name = provider.getProviderName();
    if (!providerNamePattern.test(name)) {
      throw new Error(
        `Measured-data provider name '${name}' must be 1 to 64 letters, digits, '.', '_' and '-'`,
      );
    }
    if (this.providers.has(name)) {
      throw new Error(
        `A measured-data provider named '${name}' was added twice; provider names must be unique`,
      );
    }
    this.providers.set(name, provider);
  }

  list(): MeasuredDataProvider[] {
    return [...this.providers.values()];
  }
}

/** Runs every provider on its schedule through Backstage's scheduler. */
export async function scheduleProviders(options: {
  providers: MeasuredDataProvider[];
  scheduler: SchedulerService;
  store: ServiceDeliveryStore;
  logger: LoggerService;
  /** for refusing records of entities the catalog does not know */
  catalog?: Pick<CatalogService, 'getEntitiesByRefs'>;
  auth?: Pick<AuthService, 'getOwnServiceCredentials'>;
  /** how long measured data is kept: older or future instants are refused */
  retentionMs?: number;
}): Promise<void> {
  const { providers, scheduler, store, logger } = options;
  for (const provider of providers) {
    const providerName = provider.getProviderName();
    const providerLogger = logger.child({ provider: providerName });
    const providerStore = createProviderStore({
      store,
      logger: providerLogger,
      providerName,
      catalog: options.catalog,
      auth: options.auth,
      retentionMs: options.retentionMs,
    });
    await scheduler.scheduleTask({
      id: providerTaskId(providerName),
      ...provider.schedule,
      scope: 'global',
      fn: async signal => {
        await provider.run({
          store: providerStore,
          logger: providerLogger,
          signal,
        });
      },
    });
    logger.info(`Scheduled measured-data provider ${providerName}`);
  }
}
