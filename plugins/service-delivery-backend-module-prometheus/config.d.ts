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
      /** An answer larger than this many bytes is abandoned, and its query logged (default 10 MiB). */
      maxResponseBytes?: number;
      /** Whether PromQL declared in entity YAML is run at all (default true). */
      allowEntityQueries?: boolean;
      /**
       * When set, entity PromQL may select only metrics whose names start with one of these
       * prefixes; a query whose metric names cannot all be told is refused.
       */
      allowedMetricPrefixes?: string[];
    };
  };
}
