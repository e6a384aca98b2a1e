import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /**
   * Service Delivery for Backstage: the organisation's policies and the plugin's settings, read by
   * the backend and its modules (readServiceDeliverySettings); declared once, here.
   */
  serviceDelivery?: {
    /** The currency money is reported in, ISO 4217 (default EUR). */
    currency?: string;
    /** Policies per service tier, keyed by the tier name used in `spec.serviceDelivery.tier`. */
    tiers?: {
      [tier: string]: {
        /** Agreed availability, percent. */
        availability?: number;
        /** Recovery time objective, e.g. 1h or PT1H. */
        rto?: string;
        /** Recovery point objective, e.g. 15m. */
        rpo?: string;
        /** How often the DR plan must be tested, e.g. 6mo. */
        testEvery?: string;
      };
    };
    /** Share (0..1) of a partial outage that counts as downtime (default 0.5). */
    partialOutageWeight?: number;
    /** The precomputed org-wide overview. */
    overview?: {
      /**
       * When every service's overview row is recomputed (ingests refresh what they touch at once);
       * every 10 minutes and 10 seconds after start by default.
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
    /** `warn` (default) keeps invalid metadata in the catalog; `strict` makes it a processing error. */
    validation?: 'warn' | 'strict';
    /**
     * The error-budget policy of agreements that declare none: ordered steps such as
     * `{ when: { budgetRemainingBelow: 25 }, action: freeze-features }`.
     */
    errorBudgetPolicy?: Array<{
      /** One condition: budgetRemainingBelow (percent), burnRateAlert (page | ticket) or status (breached). */
      when: {
        budgetRemainingBelow?: number;
        burnRateAlert?: 'page' | 'ticket';
        status?: 'breached';
      };
      action: 'freeze-features' | 'freeze-all' | 'review' | 'notify';
      /** The change kinds a freeze stops: features for freeze-features, both for freeze-all by default. */
      appliesTo?: Array<'feature' | 'fix'>;
    }>;
    /**
     * Exchange rates to `currency`: the value of one unit of each other currency, e.g. `USD: 0.92`.
     * Costs in another currency than the service's are rejected at ingest unless both have a rate.
     */
    currencyRates?: { [currency: string]: number };
    /** How owning groups are told of changes (objectives breached, freezes, DR tests overdue, ...). */
    notifications?: {
      /**
       * More changes than this for one owner in one refresh are sent as one digest notification
       * instead of one each (default 5; a whole number, 0 or more).
       */
      digestAbove?: number;
    };
    /** How long measured data and its audit trail are kept, pruned by a scheduled task. */
    retention?: {
      /** Records older than this are pruned and refused at ingest, e.g. 25mo (default, a month counts 30 days). */
      keep?: string;
      /** Records of an entity gone from the catalog are pruned this long after it went (default 30d). */
      afterEntityGone?: string;
      /** When the pruning runs, once per cluster; hourly by default. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    };
  };
}
