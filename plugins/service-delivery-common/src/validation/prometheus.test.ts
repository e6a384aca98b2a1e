import { validateServiceDelivery } from './serviceDelivery';

const sd = 'spec.serviceDelivery';

const good =
  'sum(increase(http_requests_total{job="checkout",code!~"5.."}[$bucket]))';
const total = 'sum(increase(http_requests_total{job="checkout"}[$bucket]))';

const objectiveQueries = (prometheus: unknown) => ({
  agreements: [
    {
      name: 'retail-sla',
      type: 'SLA',
      objectives: [
        { name: 'success-rate', kind: 'ratio', target: 99.9, prometheus },
      ],
    },
  ],
});
const resourceQuery = (prometheus: unknown) => ({
  capacity: { resources: [{ name: 'storage', capacity: 2048, prometheus }] },
});

const objectivePath = `${sd}.agreements[0].objectives[0].prometheus`;
const resourcePath = `${sd}.capacity.resources[0].prometheus`;

describe('validateServiceDelivery: PromQL of the Prometheus provider', () => {
  it('accepts good and total, a ratio, and a used query', () => {
    expect(validateServiceDelivery(objectiveQueries({ good, total }))).toEqual(
      [],
    );
    expect(
      validateServiceDelivery(
        objectiveQueries({
          ratio: 'avg_over_time(up{job="checkout"}[$bucket])',
        }),
      ),
    ).toEqual([]);
    expect(
      validateServiceDelivery(
        resourceQuery({
          used: 'sum(pg_database_size_bytes{datname="payments"}) / 2^30',
        }),
      ),
    ).toEqual([]);
  });

  it('accepts queries written over several lines', () => {
    expect(
      validateServiceDelivery(
        objectiveQueries({
          good: `sum(increase(\n  http_requests_total{code!~"5.."}[$bucket]\n))\n`,
          total: 'sum(increase(http_requests_total[$bucket]))',
        }),
      ),
    ).toEqual([]);
  });

  it('accepts queries on a latency objective', () => {
    expect(
      validateServiceDelivery({
        agreements: [
          {
            name: 'retail-sla',
            type: 'SLA',
            objectives: [
              {
                name: 'checkout-latency',
                kind: 'latency',
                threshold: '300ms',
                target: 99,
                prometheus: {
                  good: 'sum(increase(http_request_duration_seconds_bucket{le="0.3"}[$bucket]))',
                  total:
                    'sum(increase(http_request_duration_seconds_count[$bucket]))',
                },
              },
            ],
          },
        ],
      }),
    ).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    [
      'a query written directly under prometheus',
      objectiveQueries(good),
      objectivePath,
      'must be an object (got \'sum(increase(http_requests_total{job="checkout",code!~"5.."}… (71 characters)\')',
    ],
    [
      'queries written as a list',
      objectiveQueries([good, total]),
      objectivePath,
      'must be an object (got a list)',
    ],
    [
      'an empty block',
      objectiveQueries({}),
      objectivePath,
      'must declare good and total, or ratio',
    ],
    [
      'good without total',
      objectiveQueries({ good }),
      `${objectivePath}.total`,
      'is required with good: the query counting all events of a bucket',
    ],
    [
      'total without good',
      objectiveQueries({ total }),
      `${objectivePath}.good`,
      'is required with total: the query counting the good events of a bucket',
    ],
    [
      'a ratio together with good and total',
      objectiveQueries({ good, total, ratio: 'avg_over_time(up[$bucket])' }),
      `${objectivePath}.ratio`,
      'cannot be declared together with good and total',
    ],
    [
      'a ratio together with good',
      objectiveQueries({ good, ratio: 'avg_over_time(up[$bucket])' }),
      `${objectivePath}.ratio`,
      'declare either good and total, or ratio',
    ],
    [
      'a misspelt total',
      objectiveQueries({ good, totl: total }),
      `${objectivePath}.totl`,
      "unknown field 'totl' (did you mean 'total'?)",
    ],
    [
      'a field of another provider',
      objectiveQueries({ query: good }),
      `${objectivePath}.query`,
      "unknown field 'query'; the fields here are good, total, ratio",
    ],
    [
      'an empty good query',
      objectiveQueries({ good: '', total }),
      `${objectivePath}.good`,
      'must not be empty',
    ],
    [
      'a ratio written as a number',
      objectiveQueries({ ratio: 0.999 }),
      `${objectivePath}.ratio`,
      'must be text (got 0.999)',
    ],
    [
      'a query with a control character',
      objectiveQueries({ good: 'up\u0000', total }),
      `${objectivePath}.good`,
      'must be text without control characters',
    ],
    [
      'a query longer than 4000 characters',
      objectiveQueries({ good: `sum(${'x'.repeat(4000)})`, total }),
      `${objectivePath}.good`,
      'must be at most 4000 characters long (got 4005)',
    ],
    [
      'a resource block without used',
      resourceQuery({}),
      `${resourcePath}.used`,
      'is required',
    ],
    [
      'a resource usage misspelt',
      resourceQuery({ usage: 'sum(node_memory_used_bytes)' }),
      `${resourcePath}.usage`,
      "unknown field 'usage'",
    ],
    [
      'a resource query that is a number',
      resourceQuery({ used: 42 }),
      `${resourcePath}.used`,
      'must be text (got 42)',
    ],
    [
      'a resource query written directly under prometheus',
      resourceQuery('sum(node_memory_used_bytes)'),
      resourcePath,
      'must be an object',
    ],
    [
      'good and total queries on a capacity resource',
      resourceQuery({ good, total }),
      `${resourcePath}.good`,
      "unknown field 'good'; the fields here are used",
    ],
  ])('reports %s', (_, value, path, message) => {
    const problems = validateServiceDelivery(value);
    expect(problems).toContainEqual({
      path,
      message: expect.stringContaining(message),
    });
    // one mistake is one problem (a block without used also has an unknown field, see above)
    expect(problems.filter(problem => problem.path === path)).toHaveLength(1);
  });

  it('reports one problem per mistake', () => {
    expect(
      validateServiceDelivery(objectiveQueries({ good: 1, ratio: 'up' })),
    ).toEqual([
      { path: `${objectivePath}.good`, message: 'must be text (got 1)' },
      {
        path: `${objectivePath}.ratio`,
        message:
          'cannot be declared together with good and total; declare either good and total, or ratio',
      },
    ]);
  });
});
