import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config, ConfigReader } from '@backstage/config';
import { tryParseDuration } from '@service-delivery/plugin-service-delivery-common';
import { ServiceDeliveryConfigError } from '@service-delivery/plugin-service-delivery-node';

const section = 'serviceDelivery.prometheus';
const secondsPerDay = 86400;

/**
 * The settings of the Prometheus provider, read from `serviceDelivery.prometheus`.
 *
 * @public
 */
export interface PrometheusProviderSettings {
  /** Without a trailing slash. */
  baseUrl: string;
  headers: Record<string, string>;
  schedule: SchedulerServiceTaskScheduleDefinition;
  bucketSeconds: number;
  backfillSeconds: number;
  delaySeconds: number;
  source: string;
  /** an answer larger than this is abandoned, and the objective or resource logged */
  maxResponseBytes: number;
  /** whether PromQL written in entity YAML is run at all */
  allowEntityQueries: boolean;
  /**
   * When set, a query may select only metrics whose names start with one of these; a query whose
   * metric names cannot all be told is refused.
   */
  allowedMetricPrefixes?: string[];
}

const defaultSchedule = {
  frequency: { minutes: 5 },
  timeout: { minutes: 15 },
};

function problem(key: string, message: string): Error {
  return new ServiceDeliveryConfigError([
    { path: `${section}.${key}`, message },
  ]);
}

function readSeconds(config: Config, key: string, fallback: number): number {
  const value = config.getOptional(key);
  if (value === undefined) {
    return fallback;
  }
  const seconds = tryParseDuration(value);
  if (seconds === undefined) {
    throw problem(
      key,
      `must be a duration such as 10m, 1h or 30d (got ${JSON.stringify(
        value,
      )})`,
    );
  }
  return seconds;
}

/**
 * Reads `serviceDelivery.prometheus`; undefined when no `baseUrl` is configured, which leaves the
 * provider off.
 *
 * @public
 */
export function readPrometheusProviderSettings(
  rootConfig: Config,
): PrometheusProviderSettings | undefined {
  const config = rootConfig.getOptionalConfig(section);
  const baseUrl = config?.getOptionalString('baseUrl');
  if (!config || !baseUrl) {
    return undefined;
  }

  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw problem('baseUrl', `must be an absolute URL (got '${baseUrl}')`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw problem('baseUrl', `must be an http or https URL (got '${baseUrl}')`);
  }

  const headers: Record<string, string> = {};
  const headerConfig = config.getOptionalConfig('headers');
  for (const name of headerConfig?.keys() ?? []) {
    headers[name] = headerConfig!.getString(name);
  }
  const token = config.getOptionalString('token');
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }

  const bucketSeconds = readSeconds(config, 'bucket', 3600);
  if (
    !Number.isInteger(bucketSeconds) ||
    bucketSeconds < 1 ||
    secondsPerDay % bucketSeconds !== 0
  ) {
    throw problem(
      'bucket',
      `must be a whole number of seconds that divides a day, such as 5m, 15m or 1h (got ${config.getOptional(
        'bucket',
      )})`,
    );
  }
  const backfillSeconds = readSeconds(config, 'backfill', 30 * secondsPerDay);
  if (backfillSeconds < bucketSeconds) {
    throw problem(
      'backfill',
      `must be at least one bucket (${bucketSeconds}s) long`,
    );
  }
  const delaySeconds = readSeconds(config, 'delay', 60);

  const source = config.getOptionalString('source') ?? 'prometheus';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(source)) {
    throw problem(
      'source',
      `must be 1 to 64 letters, digits, '.', '_' and '-' (got '${source}')`,
    );
  }

  const maxResponseBytes =
    config.getOptionalNumber('maxResponseBytes') ?? 10 * 1024 * 1024;
  if (!Number.isInteger(maxResponseBytes) || maxResponseBytes < 1024) {
    throw problem(
      'maxResponseBytes',
      `must be a whole number of bytes, at least 1024 (got ${maxResponseBytes})`,
    );
  }
  const allowEntityQueries =
    config.getOptionalBoolean('allowEntityQueries') ?? true;
  const allowedMetricPrefixes = config.getOptionalStringArray(
    'allowedMetricPrefixes',
  );
  allowedMetricPrefixes?.forEach((prefix, index) => {
    if (!/^[A-Za-z_:][A-Za-z0-9_:]*$/.test(prefix)) {
      throw problem(
        `allowedMetricPrefixes[${index}]`,
        `must be the start of a metric name: letters, digits, '_' and ':' (got '${prefix}')`,
      );
    }
  });

  const scheduleConfig = config.getOptionalConfig('schedule');
  const schedule = scheduleConfig
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        new ConfigReader({
          timeout: defaultSchedule.timeout,
          ...scheduleConfig.get<object>(),
        }),
      )
    : defaultSchedule;

  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    headers,
    schedule,
    bucketSeconds,
    backfillSeconds,
    delaySeconds,
    source,
    maxResponseBytes,
    allowEntityQueries,
    ...(allowedMetricPrefixes ? { allowedMetricPrefixes } : {}),
  };
}
