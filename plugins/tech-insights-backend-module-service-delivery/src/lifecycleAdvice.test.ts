import { mockServices } from '@backstage/backend-test-utils';
import { lifecycleAdvice } from './lifecycleAdvice';

const withLifecycle = (lifecycle: object, database: object) =>
  mockServices.rootConfig({
    data: {
      backend: { database },
      techInsights: {
        factRetrievers: {
          serviceDeliveryFactRetriever: { cadence: '0 * * * *', lifecycle },
        },
      },
    },
  });

describe('lifecycleAdvice', () => {
  it('advises timeToLive for a maxItems lifecycle on PostgreSQL', () => {
    const advice = lifecycleAdvice(
      withLifecycle({ maxItems: 10 }, { client: 'pg', connection: {} }),
    );
    expect(advice).toContain(
      'techInsights.factRetrievers.serviceDeliveryFactRetriever.lifecycle is { maxItems: 10 }',
    );
    expect(advice).toContain('{ timeToLive: { days: 2 } }');
  });

  it("reads Tech Insights' own database where one is configured", () => {
    expect(
      lifecycleAdvice(
        withLifecycle(
          { maxItems: 10 },
          {
            client: 'better-sqlite3',
            connection: ':memory:',
            plugin: { 'tech-insights': { client: 'pg', connection: {} } },
          },
        ),
      ),
    ).toBeDefined();
    expect(
      lifecycleAdvice(
        withLifecycle(
          { maxItems: 10 },
          {
            client: 'pg',
            connection: {},
            plugin: {
              'tech-insights': {
                client: 'better-sqlite3',
                connection: ':memory:',
              },
            },
          },
        ),
      ),
    ).toBeUndefined();
  });

  it('says nothing for timeToLive, no lifecycle, or SQLite', () => {
    expect(
      lifecycleAdvice(
        withLifecycle(
          { timeToLive: { days: 2 } },
          { client: 'pg', connection: {} },
        ),
      ),
    ).toBeUndefined();
    expect(
      lifecycleAdvice(
        mockServices.rootConfig({
          data: { backend: { database: { client: 'pg' } } },
        }),
      ),
    ).toBeUndefined();
    expect(
      lifecycleAdvice(
        withLifecycle(
          { maxItems: 10 },
          { client: 'better-sqlite3', connection: ':memory:' },
        ),
      ),
    ).toBeUndefined();
  });
});
