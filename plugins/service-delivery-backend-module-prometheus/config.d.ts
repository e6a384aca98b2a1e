import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  serviceDelivery?: {
    /**
     * The Prometheus provider: pulls the SLI counts and capacity samples that entities declare
     * PromQL for. Off unless baseUrl is set.
     */
    prometheus?: {
      /** The Prometheus HTTP API, such as http://prometheus:9090 (a path prefix is kept). */
      baseUrl: string;
      /**
       * Sent as `Authorization: Bearer <token>`.
       * @visibility secret
       */
      token?: string;
      /**
       * Extra request headers, such as X-Scope-OrgID for Mimir or Cortex.
       * @deepVisibility secret
       */
      headers?: { [name: string]: string };
      /** How often to pull (default every 5 minutes, timing out after 15). */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** The length of an SLI bucket and the interval of capacity samples; must divide a day (default 1h). */
      bucket?: string;
      /** How far back to fill missing buckets (default 30d). */
      backfill?: string;
      /** How long after a bucket ends it is read, so late samples are in (default 1m). */
      delay?: string;
      /** The source name the stored records carry (default prometheus). */
      source?: string;
    };
  };
}
