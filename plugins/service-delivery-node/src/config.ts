import { Config } from '@backstage/config';
import {
  DEFAULT_DIGEST_ABOVE,
  ErrorBudgetPolicyStep,
  ServiceDeliveryConfig,
  TierPolicy,
  ValidationMode,
  defaultEntityGoneGrace,
  defaultRetention,
  retentionMillis,
  validateServiceDeliveryConfig,
} from '@service-delivery/plugin-service-delivery-common';

/**
 * The `serviceDelivery` app-config section with its defaults filled in.
 *
 * @public
 */
export interface ServiceDeliverySettings {
  currency: string;
  tiers: Record<string, TierPolicy>;
  partialOutageWeight: number;
  validation: ValidationMode;
  /** Exchange rates to `currency` (see ServiceDeliveryConfig); none when absent. */
  currencyRates?: Record<string, number>;
  /**
   * How long measured data is kept (`serviceDelivery.retention.keep`, 25 months by default) and
   * the records of an entity gone from the catalog (`afterEntityGone`, 30 days), in milliseconds;
   * the defaults when absent.
   */
  retention?: { keepMs: number; afterEntityGoneMs: number };
  /** The error-budget policy of agreements that declare none; none when absent. */
  errorBudgetPolicy?: ErrorBudgetPolicyStep[];
  /**
   * More changes than `digestAbove` for one owner in one refresh go as one digest
   * (`serviceDelivery.notifications.digestAbove`, DEFAULT_DIGEST_ABOVE when absent).
   */
  notifications?: { digestAbove: number };
}

/**
 * The retention of the settings, or the defaults.
 *
 * @public
 */
export function retentionOf(
  settings: Pick<ServiceDeliverySettings, 'retention'>,
): {
  keepMs: number;
  afterEntityGoneMs: number;
} {
  return (
    settings.retention ?? {
      keepMs: retentionMillis(defaultRetention),
      afterEntityGoneMs: retentionMillis(defaultEntityGoneGrace),
    }
  );
}

/**
 * Thrown at start-up when the `serviceDelivery` app-config section is invalid.
 *
 * @public
 */
export class ServiceDeliveryConfigError extends Error {
  constructor(readonly problems: Array<{ path: string; message: string }>) {
    super(
      `Invalid serviceDelivery configuration: ${problems
        .map(p => `${p.path}: ${p.message}`)
        .join('; ')}`,
    );
    this.name = 'ServiceDeliveryConfigError';
  }
}

/**
 * Reads and validates the `serviceDelivery` section of app-config.
 *
 * @public
 */
export function readServiceDeliverySettings(
  config: Config,
): ServiceDeliverySettings {
  const raw = config.getOptional('serviceDelivery') ?? {};
  const problems = validateServiceDeliveryConfig(raw);
  if (problems.length > 0) {
    throw new ServiceDeliveryConfigError(problems);
  }
  const section = raw as ServiceDeliveryConfig;
  return {
    currency: section.currency ?? 'EUR',
    tiers: section.tiers ?? {},
    partialOutageWeight: section.partialOutageWeight ?? 0.5,
    validation: section.validation ?? 'warn',
    currencyRates: section.currencyRates ?? {},
    errorBudgetPolicy: section.errorBudgetPolicy,
    notifications: {
      digestAbove: section.notifications?.digestAbove ?? DEFAULT_DIGEST_ABOVE,
    },
    retention: {
      keepMs: retentionMillis(section.retention?.keep ?? defaultRetention),
      afterEntityGoneMs: retentionMillis(
        section.retention?.afterEntityGone ?? defaultEntityGoneGrace,
      ),
    },
  };
}
