import {
  AuthService,
  LoggerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CapacityRecord,
  chunks,
  serviceDeliveryEntityKinds,
  SliRecord,
} from '@service-delivery/plugin-service-delivery-common';
import {
  MeasuredDataProvider,
  MeasuredDataProviderContext,
} from '@service-delivery/plugin-service-delivery-node';
import { PrometheusProviderSettings } from './config';
import {
  PrometheusClient,
  PrometheusError,
  RangeSeries,
} from './PrometheusClient';
import { metricPrefixRefusal } from './promqlMetrics';
import {
  prometheusTargetsOf,
  SliTarget,
  UsageTarget,
  withBucket,
} from './targets';

/**
 * How hard one run tries before it leaves the rest to the next run.
 *
 * @public
 */
export interface RetryPolicy {
  attempts: number;
  initialDelayMs: number;
}

// Prometheus refuses range queries of more than 11,000 points per series.
const maxBucketsPerQuery = 10_000;

type Run = MeasuredDataProviderContext & {
  now: number;
  stored: { sli: number; capacity: number };
};

/**
 * Pulls SLI good/total counts per bucket and capacity samples from Prometheus, for the
 * objectives and resources that declare PromQL in `spec.serviceDelivery`.
 *
 * Each run starts, per objective and resource, after the latest record stored from this source
 * (or `backfill` ago), so a run that did not happen or did not finish leaves no gap: the next one
 * fills it.
 *
 * @public
 */
export class PrometheusProvider implements MeasuredDataProvider {
  readonly schedule: SchedulerServiceTaskScheduleDefinition;
  private readonly client: PrometheusClient;
  private readonly retry: RetryPolicy;
  private unreachableSince: number | undefined;
  private readonly reported = new Set<string>();
  /** Per objective or resource, up to where this process stored data (ms). */
  private readonly pulledUntil = new Map<string, number>();

  constructor(
    private readonly options: {
      settings: PrometheusProviderSettings;
      catalog: CatalogService;
      auth: AuthService;
      retry?: RetryPolicy;
      requestTimeoutMs?: number;
    },
  ) {
    const { settings } = options;
    this.schedule = settings.schedule;
    this.retry = options.retry ?? { attempts: 4, initialDelayMs: 1000 };
    this.client = new PrometheusClient({
      baseUrl: settings.baseUrl,
      headers: settings.headers,
      timeoutMs: options.requestTimeoutMs ?? 60_000,
      maxResponseBytes: settings.maxResponseBytes,
    });
  }

  getProviderName(): string {
    return 'prometheus';
  }

  async run(context: MeasuredDataProviderContext): Promise<void> {
    const targets = await this.readTargets();
    const run: Run = {
      ...context,
      now: Date.now(),
      stored: { sli: 0, capacity: 0 },
    };
    const slis = targets.slis.filter(target =>
      this.mayRun(
        `${target.entityRef} objective ${target.objective}`,
        Object.values(target.queries),
        run.logger,
      ),
    );
    const usages = targets.usages.filter(target =>
      this.mayRun(
        `${target.entityRef} resource ${target.resource}`,
        [target.used],
        run.logger,
      ),
    );
    try {
      for (const target of slis) {
        if (run.signal.aborted) return;
        await this.pullSli(target, run);
      }
      for (const target of usages) {
        if (run.signal.aborted) return;
        await this.pullUsage(target, run);
      }
      const message = `Pulled ${run.stored.sli} SLI bucket(s) of ${slis.length} objective(s) and ${run.stored.capacity} capacity sample(s) of ${usages.length} resource(s)`;
      if (run.stored.sli + run.stored.capacity > 0) {
        run.logger.info(message);
      } else {
        run.logger.debug(message);
      }
    } catch (error) {
      if (error instanceof PrometheusError && !isQueryFailure(error)) {
        this.reportUnreachable(error, run);
        return;
      }
      if (run.signal.aborted) return;
      throw error;
    }
  }

  /** Whether app-config lets the entity's PromQL run; a refusal is logged once, naming it. */
  private mayRun(
    subject: string,
    queries: string[],
    logger: LoggerService,
  ): boolean {
    const { allowEntityQueries, allowedMetricPrefixes } = this.options.settings;
    if (!allowEntityQueries) {
      this.reportOnce(
        logger,
        `${subject}: declares PromQL, but serviceDelivery.prometheus.allowEntityQueries is false; not pulled`,
      );
      return false;
    }
    if (!allowedMetricPrefixes) return true;
    for (const query of queries) {
      const refusal = metricPrefixRefusal(query, allowedMetricPrefixes);
      if (refusal) {
        this.reportOnce(
          logger,
          `${subject}: its PromQL is not pulled: ${refusal}`,
        );
        return false;
      }
    }
    return true;
  }

  private async readTargets() {
    const { catalog, auth } = this.options;
    const queryKeys = [
      'spec.serviceDelivery.agreements.objectives.prometheus.good',
      'spec.serviceDelivery.agreements.objectives.prometheus.ratio',
      'spec.serviceDelivery.capacity.resources.prometheus.used',
    ];
    const { items } = await catalog.getEntities(
      {
        filter: queryKeys.map(key => ({
          kind: serviceDeliveryEntityKinds,
          [key]: CATALOG_FILTER_EXISTS,
        })),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'spec.serviceDelivery',
        ],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const targets = items.map(prometheusTargetsOf);
    return {
      slis: targets.flatMap(t => t.slis),
      usages: targets.flatMap(t => t.usages),
    };
  }

  /** The bucket starts (ms) to pull, oldest first: after the latest stored, within backfill. */
  private bucketsToPull(latestEnd: number | undefined, now: number): number[] {
    const { bucketSeconds, backfillSeconds, delaySeconds } =
      this.options.settings;
    const size = bucketSeconds * 1000;
    const first = Math.max(
      Math.floor((now - backfillSeconds * 1000) / size) * size,
      latestEnd === undefined ? -Infinity : Math.ceil(latestEnd / size) * size,
    );
    const end = Math.floor((now - delaySeconds * 1000) / size) * size;
    const starts: number[] = [];
    for (let start = first; start + size <= end; start += size) {
      starts.push(start);
    }
    return starts;
  }

  /**
   * Where pulling resumes: after the latest record stored from this source, unless that lies in
   * the future (a record sent with this source by someone else), which would stop the pulling for
   * good; then after what this process stored.
   */
  private resumeAfter(
    key: string,
    subject: string,
    latestEnd: number | undefined,
    run: Run,
  ): number | undefined {
    const bucketMs = this.options.settings.bucketSeconds * 1000;
    const pulled = this.pulledUntil.get(key);
    if (latestEnd !== undefined && latestEnd > run.now + bucketMs) {
      this.reportOnce(
        run.logger,
        `${subject}: a record of source ${
          this.options.settings.source
        } ends in the future (${new Date(
          latestEnd,
        ).toISOString()}); pulling goes on from the data before it`,
      );
      return pulled;
    }
    if (latestEnd === undefined) return pulled;
    return pulled === undefined ? latestEnd : Math.max(latestEnd, pulled);
  }

  private async pullSli(target: SliTarget, run: Run) {
    const { source, bucketSeconds } = this.options.settings;
    const latest = await run.store.latestSliBucket({
      entityRef: target.entityRef,
      objective: target.objective,
      source,
    });
    const key = `sli ${target.entityRef} ${target.objective}`;
    const starts = this.bucketsToPull(
      this.resumeAfter(
        key,
        `${target.entityRef} objective ${target.objective}`,
        latest && Date.parse(latest.bucketStart) + latest.bucketSeconds * 1000,
        run,
      ),
      run.now,
    );

    for (const chunk of chunks(starts, maxBucketsPerQuery)) {
      // a bucket [s, s + size) is what a range ending at s + size covers
      const ends = chunk.map(start => start + bucketSeconds * 1000);
      let counts: Map<number, { good: number; total: number }>;
      try {
        counts = await this.countsPerBucket(target, ends, run);
      } catch (error) {
        if (isQueryFailure(error)) {
          this.reportOnce(
            run.logger,
            `${target.entityRef} objective ${target.objective}: ${queryFailure(
              error,
            )}`,
          );
          return;
        }
        throw error;
      }

      const records: SliRecord[] = [];
      let overcounted = 0;
      for (const end of ends) {
        const count = counts.get(end);
        if (!count) continue;
        const total = Math.max(0, Math.round(count.total));
        let good = Math.max(0, Math.round(count.good));
        if (good > total) {
          overcounted += 1;
          good = total;
        }
        records.push({
          entityRef: target.entityRef,
          source,
          objective: target.objective,
          bucketStart: new Date(end - bucketSeconds * 1000).toISOString(),
          bucketSeconds,
          good,
          total,
        });
      }
      if (overcounted > 0) {
        this.reportOnce(
          run.logger,
          `${target.entityRef} objective ${target.objective}: the good query counted more than the total query in ${overcounted} bucket(s), stored as all good; check that good selects a subset of what total selects`,
        );
      }
      const result = await run.store.ingest('sli', records);
      // a dropped batch is logged by the store; the next run tries it again
      if (!result.stored) return;
      run.stored.sli += records.length;
      if (records.length > 0) {
        this.pulledUntil.set(key, ends[ends.length - 1]);
      }
    }
  }

  private async countsPerBucket(
    target: SliTarget,
    ends: number[],
    run: Run,
  ): Promise<Map<number, { good: number; total: number }>> {
    const { bucketSeconds } = this.options.settings;
    const counts = new Map<number, { good: number; total: number }>();
    if ('ratio' in target.queries) {
      const ratios = await this.rangeQuery(target.queries.ratio, ends, run);
      for (const [end, values] of ratios) {
        const ratio = values.reduce((a, b) => a + b, 0) / values.length;
        const share = Math.min(1, Math.max(0, ratio));
        counts.set(end, { good: share * bucketSeconds, total: bucketSeconds });
      }
      return counts;
    }
    const totals = await this.rangeQuery(target.queries.total, ends, run);
    const goods = await this.rangeQuery(target.queries.good, ends, run);
    for (const [end, values] of totals) {
      counts.set(end, {
        total: sum(values),
        // a good query without series in a bucket counted no good events there
        good: sum(goods.get(end) ?? []),
      });
    }
    return counts;
  }

  private async pullUsage(target: UsageTarget, run: Run) {
    const { source, bucketSeconds } = this.options.settings;
    const latest = await run.store.latestCapacitySample({
      entityRef: target.entityRef,
      resource: target.resource,
      source,
    });
    const key = `capacity ${target.entityRef} ${target.resource}`;
    // samples are taken at bucket boundaries: at the end of each bucket to pull
    const times = this.bucketsToPull(
      this.resumeAfter(
        key,
        `${target.entityRef} resource ${target.resource}`,
        latest && Date.parse(latest.at),
        run,
      ),
      run.now,
    ).map(start => start + bucketSeconds * 1000);

    for (const chunk of chunks(times, maxBucketsPerQuery)) {
      let used: Map<number, number[]>;
      try {
        used = await this.rangeQuery(target.used, chunk, run);
      } catch (error) {
        if (isQueryFailure(error)) {
          this.reportOnce(
            run.logger,
            `${target.entityRef} resource ${target.resource}: ${queryFailure(
              error,
            )}`,
          );
          return;
        }
        throw error;
      }
      const records: CapacityRecord[] = [];
      for (const at of chunk) {
        const values = used.get(at);
        if (!values) continue;
        records.push({
          entityRef: target.entityRef,
          source,
          resource: target.resource,
          at: new Date(at).toISOString(),
          used: Math.max(0, sum(values)),
        });
      }
      const result = await run.store.ingest('capacity', records);
      if (!result.stored) return;
      run.stored.capacity += records.length;
      if (records.length > 0) {
        this.pulledUntil.set(key, chunk[chunk.length - 1]);
      }
    }
  }

  /** The values of every series at each evaluation time, for consecutive times one bucket apart. */
  private async rangeQuery(
    query: string,
    times: number[],
    run: Run,
  ): Promise<Map<number, number[]>> {
    const { bucketSeconds } = this.options.settings;
    const series = await this.withRetries(run, () =>
      this.client.queryRange(
        withBucket(query, bucketSeconds),
        {
          start: times[0] / 1000,
          end: times[times.length - 1] / 1000,
          step: bucketSeconds,
        },
        run.signal,
      ),
    );
    return valuesByTime(series);
  }

  private async withRetries<T>(run: Run, request: () => Promise<T>) {
    let delay = this.retry.initialDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await request();
        this.reportReachable(run);
        return result;
      } catch (error) {
        if (
          !(error instanceof PrometheusError) ||
          error.failure !== 'unreachable' ||
          attempt >= this.retry.attempts
        ) {
          throw error;
        }
        run.logger.debug(
          `Prometheus request failed (${error.message}); retrying in ${delay}ms`,
        );
        await sleep(delay, run.signal);
        delay *= 2;
      }
    }
  }

  private reportUnreachable(error: PrometheusError, run: Run) {
    if (this.unreachableSince === undefined) {
      this.unreachableSince = run.now;
      const what =
        error.failure === 'refused'
          ? `Prometheus refuses the provider's requests (check serviceDelivery.prometheus baseUrl, token and headers): ${error.message}`
          : `Prometheus is unreachable: ${error.message}`;
      run.logger.warn(
        `${what}. Runs keep trying; the buckets missed meanwhile are filled in once it answers again`,
      );
    } else {
      run.logger.debug(`Prometheus is still unreachable: ${error.message}`);
    }
  }

  private reportReachable(run: Run) {
    if (this.unreachableSince !== undefined) {
      const since = new Date(this.unreachableSince).toISOString();
      this.unreachableSince = undefined;
      run.logger.info(
        `Prometheus answers again (unreachable since ${since}); filling in the missed buckets`,
      );
    }
  }

  /** Problems that repeat every run until someone fixes the query: said once per process. */
  private reportOnce(logger: LoggerService, message: string) {
    if (!this.reported.has(message)) {
      this.reported.add(message);
      logger.warn(message);
    }
  }
}

/** A failure of one objective's or resource's query, which leaves the others flowing. */
function isQueryFailure(error: unknown): error is PrometheusError {
  return (
    error instanceof PrometheusError &&
    (error.failure === 'query' || error.failure === 'tooLarge')
  );
}

function queryFailure(error: PrometheusError): string {
  return error.failure === 'tooLarge'
    ? `its PromQL selects too much: ${error.message}`
    : `Prometheus rejected its PromQL: ${error.message}`;
}

function valuesByTime(series: RangeSeries[]): Map<number, number[]> {
  const byTime = new Map<number, number[]>();
  for (const { values } of series) {
    for (const [time, value] of values) {
      const list = byTime.get(time);
      if (list) list.push(value);
      else byTime.set(time, [value]);
    }
  }
  return byTime;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
