import { Entity } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import { prometheusTargetsOf, promDuration, withBucket } from './targets';

const entity = (serviceDelivery: JsonValue | undefined): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'Checkout', namespace: 'Retail' },
  spec: { serviceDelivery },
});

const good = 'sum(increase(requests_total{code!~"5.."}[$bucket]))';
const total = 'sum(increase(requests_total[$bucket]))';

describe('prometheusTargetsOf', () => {
  it('lists the objectives and resources that declare PromQL', () => {
    expect(
      prometheusTargetsOf(
        entity({
          agreements: [
            {
              name: 'retail-sla',
              type: 'SLA',
              objectives: [
                {
                  name: 'success-rate',
                  kind: 'ratio',
                  target: 99.9,
                  prometheus: { good, total },
                },
                { name: 'availability', kind: 'availability', target: 99.9 },
              ],
            },
            {
              name: 'internal-ola',
              type: 'OLA',
              objectives: [
                // the same objective again: one SLI series, pulled once
                {
                  name: 'success-rate',
                  kind: 'ratio',
                  target: 99,
                  prometheus: { ratio: 'up' },
                },
                {
                  name: 'uptime',
                  kind: 'ratio',
                  target: 99,
                  prometheus: { ratio: 'avg_over_time(up[$bucket])' },
                },
              ],
            },
          ],
          capacity: {
            resources: [
              { name: 'cpu', capacity: 8 },
              {
                name: 'disk',
                capacity: 500,
                prometheus: { used: 'disk_used_bytes / 2^30' },
              },
            ],
          },
        }),
      ),
    ).toEqual({
      slis: [
        {
          entityRef: 'component:retail/checkout',
          objective: 'success-rate',
          queries: { good, total },
        },
        {
          entityRef: 'component:retail/checkout',
          objective: 'uptime',
          queries: { ratio: 'avg_over_time(up[$bucket])' },
        },
      ],
      usages: [
        {
          entityRef: 'component:retail/checkout',
          resource: 'disk',
          used: 'disk_used_bytes / 2^30',
        },
      ],
    });
  });

  it('leaves out what the validator reports, and keeps the rest', () => {
    const { slis, usages } = prometheusTargetsOf(
      entity({
        tier: 42,
        agreements: [
          {
            name: 'retail-sla',
            type: 'SLA',
            objectives: [
              {
                name: 'only-good',
                kind: 'ratio',
                target: 99,
                prometheus: { good },
              },
              {
                name: 'bad name',
                kind: 'ratio',
                target: 99,
                prometheus: { good, total },
              },
              {
                name: 'fine',
                kind: 'ratio',
                target: 101,
                prometheus: { good, total },
              },
            ],
          },
        ],
        capacity: {
          resources: [{ name: 'disk', capacity: 5, prometheus: { used: 7 } }],
        },
      }),
    );
    expect(slis.map(s => s.objective)).toEqual(['fine']);
    expect(usages).toEqual([]);
  });

  it('has nothing for an entity without the block or with a broken one', () => {
    expect(prometheusTargetsOf(entity(undefined))).toEqual({
      slis: [],
      usages: [],
    });
    expect(
      prometheusTargetsOf(entity({ agreements: 'x', capacity: [] })),
    ).toEqual({ slis: [], usages: [] });
  });
});

describe('withBucket', () => {
  it('writes the bucket where the query says $bucket', () => {
    expect(withBucket(total, 3600)).toBe('sum(increase(requests_total[1h]))');
    expect(withBucket('a[$bucket] / b[$bucket] + $buckets', 300)).toBe(
      'a[5m] / b[5m] + $buckets',
    );
    expect(withBucket('rate(x[1h])', 60)).toBe('rate(x[1h])');
  });

  it('writes durations as Prometheus does', () => {
    expect([86400, 7200, 900, 10, 90].map(promDuration)).toEqual([
      '1d',
      '2h',
      '15m',
      '10s',
      '90s',
    ]);
  });
});
