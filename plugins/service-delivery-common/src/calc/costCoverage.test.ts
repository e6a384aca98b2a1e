import { costCoverage, sharedServices } from './costCoverage';

const spend = (name: string, amount: number, currency = 'EUR') => ({
  entityRef: `component:default/${name}`,
  currency,
  amount,
});

describe('sharedServices', () => {
  it('names what another service depends on, not a service naming itself', () => {
    expect(
      sharedServices([
        {
          entityRef: 'component:default/checkout',
          dependsOn: ['resource:default/db', 'component:default/checkout'],
        },
        { entityRef: 'resource:default/db', dependsOn: [] },
        { entityRef: 'component:default/alone', dependsOn: [] },
      ]),
    ).toEqual(new Set(['resource:default/db']));
  });
});

describe('costCoverage', () => {
  const shared = new Set(['component:default/platform']);

  it('splits a month into allocated, shared and unattributed shares', () => {
    // allocated 250.50 + 349.50 = 600, shared 300, unattributed 60 + 40 = 100; total 1,000
    expect(
      costCoverage({
        services: [
          spend('checkout', 250.5),
          spend('payments', 349.5),
          spend('platform', 300),
        ],
        shared,
        unattributed: [
          { currency: 'EUR', amount: 60 },
          { currency: 'EUR', amount: 40 },
        ],
      }),
    ).toEqual([
      {
        currency: 'EUR',
        allocated: 600,
        shared: 300,
        unattributed: 100,
        total: 1000,
        shares: { allocated: 60, shared: 30, unattributed: 10 },
        counts: { allocated: 2, shared: 1, unattributedLines: 2 },
      },
    ]);
  });

  it('adds up in cents and makes the shares sum to exactly 100', () => {
    // 0.10 + 0.20 is 0.30 to the cent; three equal parts of 0.90: 33.34 + 33.33 + 33.33
    const [coverage] = costCoverage({
      services: [
        spend('checkout', 0.1),
        spend('checkout', 0.2),
        spend('platform', 0.3),
      ],
      shared,
      unattributed: [{ currency: 'EUR', amount: 0.3 }],
    });
    expect(coverage.allocated).toBe(0.3);
    expect(coverage.total).toBe(0.9);
    expect(coverage.counts.allocated).toBe(1);
    expect(coverage.shares).toEqual({
      allocated: 33.34,
      shared: 33.33,
      unattributed: 33.33,
    });
  });

  it('keeps currencies apart, sorted, and has no shares without positive spend', () => {
    const coverage = costCoverage({
      services: [spend('checkout', 80, 'USD'), spend('payments', 0)],
      shared,
      unattributed: [{ currency: 'USD', amount: 20 }],
    });
    expect(coverage.map(c => c.currency)).toEqual(['EUR', 'USD']);
    expect(coverage[0].shares).toBeNull();
    expect(coverage[1].shares).toEqual({
      allocated: 80,
      shared: 0,
      unattributed: 20,
    });
  });

  it('gives a negative part (a credit) no share, and none when credits outweigh charges', () => {
    // allocated −50 (a refund), shared 150: total 100, all of it shared
    expect(
      costCoverage({
        services: [spend('checkout', -50), spend('platform', 150)],
        shared,
        unattributed: [],
      })[0].shares,
    ).toEqual({ allocated: 0, shared: 100, unattributed: 0 });
    expect(
      costCoverage({
        services: [spend('checkout', -50), spend('platform', 20)],
        shared,
        unattributed: [],
      })[0],
    ).toMatchObject({ total: -30, shares: null });
  });

  it('answers nothing for a month without spend', () => {
    expect(costCoverage({ services: [], shared, unattributed: [] })).toEqual(
      [],
    );
  });
});
