import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
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
}): Promise<void> {
  const { providers, scheduler, store, logger } = options;
  for (const provider of providers) {
    const providerName = provider.getProviderName();
    const providerLogger = logger.child({ provider: providerName });
    const providerStore = createProviderStore({
      store,
      logger: providerLogger,
      providerName,
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
