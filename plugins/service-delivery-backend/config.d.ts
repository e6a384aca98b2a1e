export interface Config {
  /** Service Delivery for Backstage: the organisation's policies and the plugin's settings. */
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
    /** `warn` (default) keeps invalid metadata in the catalog; `strict` makes it a processing error. */
    validation?: 'warn' | 'strict';
  };
}
