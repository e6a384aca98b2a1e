import { ConfigReader } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { readPrometheusProviderSettings } from './config';

const read = (prometheus: JsonValue) =>
  readPrometheusProviderSettings(
    new ConfigReader({ serviceDelivery: { prometheus } }),
  );

describe('readPrometheusProviderSettings', () => {
  it('leaves the provider off without a baseUrl', () => {
    expect(
      readPrometheusProviderSettings(new ConfigReader({})),
    ).toBeUndefined();
    expect(read({ bucket: '5m' })).toBeUndefined();
  });

  it('fills in the defaults', () => {
    expect(read({ baseUrl: 'http://prometheus:9090/' })).toEqual({
      baseUrl: 'http://prometheus:9090',
      headers: {},
      schedule: { frequency: { minutes: 5 }, timeout: { minutes: 15 } },
      bucketSeconds: 3600,
      backfillSeconds: 30 * 86400,
      delaySeconds: 60,
      source: 'prometheus',
      maxResponseBytes: 10 * 1024 * 1024,
      allowEntityQueries: true,
    });
  });

  it('reads every setting', () => {
    const settings = read({
      baseUrl: 'https://mimir.example.com/prometheus',
      token: 's3cret',
      headers: { 'X-Scope-OrgID': 'payments' },
      schedule: { frequency: { minutes: 1 }, initialDelay: '30s' },
      bucket: '5m',
      backfill: 'P7D',
      delay: '2m',
      source: 'mimir',
      maxResponseBytes: 2048,
      allowEntityQueries: false,
      allowedMetricPrefixes: ['checkout_', 'job:'],
    });
    expect(settings).toEqual({
      baseUrl: 'https://mimir.example.com/prometheus',
      headers: { 'X-Scope-OrgID': 'payments', Authorization: 'Bearer s3cret' },
      schedule: {
        frequency: { minutes: 1 },
        timeout: { minutes: 15 },
        initialDelay: expect.anything(),
      },
      bucketSeconds: 300,
      backfillSeconds: 7 * 86400,
      delaySeconds: 120,
      source: 'mimir',
      maxResponseBytes: 2048,
      allowEntityQueries: false,
      allowedMetricPrefixes: ['checkout_', 'job:'],
    });
  });

  it.each([
    [{ baseUrl: 'prometheus:9090' }, 'baseUrl: must be an http or https URL'],
    [{ baseUrl: 'not a url' }, 'baseUrl: must be an absolute URL'],
    [
      { baseUrl: 'http://p', bucket: '7m' },
      'bucket: must be a whole number of seconds that divides a day, such as 5m, 15m or 1h (got 7m)',
    ],
    [
      { baseUrl: 'http://p', bucket: '1500ms' },
      'bucket: must be a whole number of seconds',
    ],
    [
      { baseUrl: 'http://p', backfill: 'a month' },
      'backfill: must be a duration such as 10m, 1h or 30d (got "a month")',
    ],
    [
      { baseUrl: 'http://p', bucket: '1h', backfill: '30m' },
      'backfill: must be at least one bucket (3600s) long',
    ],
    [
      { baseUrl: 'http://p', source: 'prom etheus' },
      "source: must be 1 to 64 letters, digits, '.', '_' and '-'",
    ],
    [
      { baseUrl: 'http://p', maxResponseBytes: 10.5 },
      'maxResponseBytes: must be a whole number of bytes, at least 1024 (got 10.5)',
    ],
    [
      { baseUrl: 'http://p', allowedMetricPrefixes: ['checkout_', 'up{'] },
      "allowedMetricPrefixes[1]: must be the start of a metric name: letters, digits, '_' and ':' (got 'up{')",
    ],
  ])('reports %j', (prometheus, message) => {
    expect(() => read(prometheus)).toThrow(
      `Invalid serviceDelivery configuration: serviceDelivery.prometheus.${message}`,
    );
  });
});
