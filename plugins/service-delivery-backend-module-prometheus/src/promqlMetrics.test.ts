import { metricNamesOf, metricPrefixRefusal } from './promqlMetrics';

describe('metricNamesOf', () => {
  it.each([
    ['up', ['up']],
    [
      'sum(increase(http_requests_total{job="checkout",code!~"5.."}[1h]))',
      ['http_requests_total'],
    ],
    [
      'avg_over_time(checkout_up[$bucket])'.replace('$bucket', '1h'),
      ['checkout_up'],
    ],
    [
      'sum(pg_database_size_bytes{datname="checkout"}) / 2^30',
      ['pg_database_size_bytes'],
    ],
    // aggregations, grouping labels and functions are not metrics
    [
      'sum by (job, instance) (rate(a_total[5m])) / ignoring(code) group_left sum without (le) (b_total)',
      ['a_total', 'b_total'],
    ],
    ['SUM(rate(a_total[5m])) BY (job) and on(job) c', ['a_total', 'c']],
    [
      'histogram_quantile(0.99, sum(rate(latency_bucket[5m])) by (le))',
      ['latency_bucket'],
    ],
    // a name given by matcher, strings that look like metrics, subqueries, offsets and @
    ['{__name__="job:errors:rate5m", job="x"}', ['job:errors:rate5m']],
    ['label_replace(up, "dst", "other_metric", "src", "(.*)")', ['up']],
    ['max_over_time(rate(x_total[5m])[1h:5m] offset 1d) @ end()', ['x_total']],
    ['vector(1) + time()', []],
    ['count_values("version", build_info)', ['build_info']],
    ['0x1F * 1e3 + Inf - NaN', []],
    ['{"my.dotted.metric", job="x"}', ['my.dotted.metric']],
  ])('%s selects %j', (query, names) => {
    expect(metricNamesOf(query)).toEqual({ names });
  });

  it.each([
    ['{job="checkout"}', 'a selector without a metric name'],
    [
      '{__name__=~"secret_.*"}',
      'the metric name is matched with =~, not named',
    ],
    ['up # and secrets_total', 'a comment'],
    ['up{job="x', 'an unterminated string'],
    ['up{job="x"', 'an unclosed {'],
    ['rate(up[5m)', 'an unclosed ['],
    ['up[${range}]', 'cannot read the range [${range}]'],
    ['up; drop', "cannot read ';'"],
    ['up{job}', 'cannot read the matchers {job}'],
  ])('is unsure of %s', (query, unsure) => {
    expect(metricNamesOf(query)).toEqual({ unsure });
  });
});

describe('metricPrefixRefusal', () => {
  const prefixes = ['checkout_', 'job:'];

  it('lets a query through when every metric starts with an allowed prefix', () => {
    expect(
      metricPrefixRefusal(
        'sum(increase(checkout_requests_total[$bucket])) / sum(job:checkout:rate5m)',
        prefixes,
      ),
    ).toBeUndefined();
  });

  it('names the metrics outside the allowed prefixes', () => {
    expect(
      metricPrefixRefusal(
        'sum(checkout_up) + sum(payroll_salary_total) + node_cpu',
        prefixes,
      ),
    ).toBe(
      'it selects payroll_salary_total, node_cpu, outside serviceDelivery.prometheus.allowedMetricPrefixes (checkout_, job:)',
    );
  });

  it('refuses what it cannot read', () => {
    expect(
      metricPrefixRefusal('{__name__=~"checkout_.*|payroll_.*"}', prefixes),
    ).toBe(
      'its metric names cannot all be told (the metric name is matched with =~, not named), so serviceDelivery.prometheus.allowedMetricPrefixes refuses it',
    );
  });
});
