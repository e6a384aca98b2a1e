import {
  CostRollUpItem,
  budgetForMonth,
  budgetForYear,
  chargeback,
  convertAmount,
  costVariance,
  fullyLoadedCost,
  monthlyActuals,
  monthOf,
  monthReader,
  monthsBetween,
  platformShares,
  rollUpCosts,
  budgetHolders,
  shiftMonth,
  splitCents,
  sumAmounts,
  toCents,
  unitCost,
  yearEndForecast,
  CostAllocationNode,
} from './cost';
import { PeriodError } from './periods';

describe('months', () => {
  it('steps across a year boundary', () => {
    expect(shiftMonth('2025-11', 3)).toBe('2026-02');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-03', -14)).toBe('2025-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
  });

  it('refuses a range that ends before it starts, and what is not a month', () => {
    expect(() => monthsBetween('2026-03', '2026-02')).toThrow(PeriodError);
    expect(() => monthsBetween('2026-13', '2026-12')).toThrow(
      /from "2026-13" is not a month/,
    );
  });

  it('reads the month of an instant in the service timezone', () => {
    // 2026-03-31T23:30Z is already 1 April in Berlin (UTC+2 in summer time)
    expect(monthOf(Date.parse('2026-03-31T23:30:00Z'))).toBe('2026-03');
    expect(monthOf(Date.parse('2026-03-31T23:30:00Z'), 'Europe/Berlin')).toBe(
      '2026-04',
    );
  });

  it('reads many instants as monthOf does, at the bounds and across summer time', () => {
    const at = (text: string) => Date.parse(text);
    // Berlin: 1 April 00:00 is 2026-03-31T22:00Z (summer time since 29 March), 1 November 00:00
    // is 2026-10-31T23:00Z (winter time since 25 October); Auckland's months start 12-13 h early
    const instants = [
      at('2026-03-31T21:59:59.999Z'),
      at('2026-03-31T22:00:00.000Z'),
      at('2026-02-28T22:59:59.999Z'),
      at('2026-02-28T23:00:00.000Z'),
      at('2026-10-31T22:59:59.999Z'),
      at('2026-10-31T23:00:00.000Z'),
      at('2026-03-29T01:30:00.000Z'),
      at('2026-12-31T22:59:59.999Z'),
      at('2026-12-31T23:00:00.000Z'),
      at('2026-03-15T12:00:00.000Z'),
    ];
    for (const timezone of ['Europe/Berlin', 'UTC', 'Pacific/Auckland']) {
      const monthAt = monthReader(timezone);
      // twice over, in this order, so that later reads are answered from the months already known
      for (const instant of [...instants, ...instants]) {
        expect([timezone, instant, monthAt(instant)]).toEqual([
          timezone,
          instant,
          monthOf(instant, timezone),
        ]);
      }
    }
    const berlin = monthReader('Europe/Berlin');
    expect(instants.map(berlin)).toEqual([
      '2026-03',
      '2026-04',
      '2026-02',
      '2026-03',
      '2026-10',
      '2026-11',
      '2026-03',
      '2026-12',
      '2027-01',
      '2026-03',
    ]);
  });
});

describe('toCents and splitCents', () => {
  it('rounds to whole cents, halves away from zero', () => {
    expect(toCents(0.1 + 0.2)).toBe(30);
    expect(toCents(12.345)).toBe(1235);
    expect(toCents(-0.125)).toBe(-13);
  });

  it('gives the odd cent to the largest remainder so the parts sum to the total', () => {
    // 10 cents by 33/33/34: quotas 3.3, 3.3, 3.4 → 3 + 3 + 3 = 9; the cent left goes to 0.4
    expect(splitCents(10, [33, 33, 34])).toEqual([3, 3, 4]);
    // a tie goes to the earlier part: 1 cent by 50/50
    expect(splitCents(1, [50, 50])).toEqual([1, 0]);
    // a refund splits the same way
    expect(splitCents(-10, [33, 33, 34])).toEqual([-3, -3, -4]);
    // 100 cents in three equal parts: 33.3… each, the first takes the odd cent
    expect(splitCents(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(splitCents(100, [0, 0])).toEqual([0, 0]);
  });

  it('adds money up to the cent, and nothing to null', () => {
    expect(sumAmounts([0.1, 0.2, null, 1000])).toBe(1000.3);
    expect(sumAmounts([null])).toBeNull();
  });
});

describe('monthlyActuals', () => {
  it('adds up the lines per month and category, in cents', () => {
    const months = monthlyActuals(
      [
        { month: '2026-01', category: 'compute', amount: 0.1 },
        { month: '2026-01', category: 'compute', amount: 0.2 },
        { month: '2026-01', category: 'storage', amount: 1000 },
        { month: '2026-02', category: 'compute', amount: 12.5 },
        { month: '2025-12', category: 'compute', amount: 99 }, // outside the months asked for
      ],
      ['2026-01', '2026-02', '2026-03'],
    );
    expect(months).toEqual([
      {
        month: '2026-01',
        total: 1000.3, // 0.10 + 0.20 + 1,000.00, not 1000.3000000000001
        byCategory: { compute: 0.3, storage: 1000 },
      },
      { month: '2026-02', total: 12.5, byCategory: { compute: 12.5 } },
      // nothing recorded is not the same as nothing spent
      { month: '2026-03', total: null, byCategory: {} },
    ]);
  });

  it('keeps a category named like what every object inherits', () => {
    const [month] = monthlyActuals(
      [
        { month: '2026-01', category: '__proto__', amount: 5 },
        { month: '2026-01', category: 'constructor', amount: 7 },
      ],
      ['2026-01'],
    );
    expect(month.total).toBe(12);
    expect(Object.entries(month.byCategory)).toEqual([
      ['__proto__', 5],
      ['constructor', 7],
    ]);
    expect(JSON.parse(JSON.stringify(month.byCategory))).toEqual(
      JSON.parse('{"__proto__":5,"constructor":7}'),
    );
  });
});

describe('budget and variance', () => {
  it('takes a monthly budget as it is, every month', () => {
    expect(budgetForMonth({ monthly: 42000 }, '2026-02')).toBe(42000);
    expect(budgetForYear({ monthly: 42000 })).toBe(504000);
    expect(budgetForMonth(undefined, '2026-02')).toBeNull();
  });

  it('pro-rates an annual budget one twelfth a month, across a year boundary, to the cent', () => {
    // 100,000.00 = 10,000,000 cents; / 12 = 833,333 r 4: January to April take the 4 odd cents
    const budget = { annual: 100000 };
    expect(
      monthsBetween('2025-11', '2026-02').map(m => budgetForMonth(budget, m)),
    ).toEqual([8333.33, 8333.33, 8333.34, 8333.34]);
    const year = monthsBetween('2026-01', '2026-12').map(
      m => budgetForMonth(budget, m)!,
    );
    expect(year.slice(0, 5)).toEqual([
      8333.34, 8333.34, 8333.34, 8333.34, 8333.33,
    ]);
    // 4 × 8,333.34 + 8 × 8,333.33 = 33,333.36 + 66,666.64 = 100,000.00
    expect(toCents(year.reduce((a, b) => a + b, 0))).toBe(10_000_000);
    expect(budgetForYear(budget)).toBe(100000);
  });

  it('counts variance as actual − budget: positive is over budget', () => {
    expect(costVariance(45500.1, 42000)).toBe(3500.1);
    expect(costVariance(40000, 42000)).toBe(-2000);
    expect(costVariance(null, 42000)).toBeNull();
    expect(costVariance(100, null)).toBeNull();
  });
});

describe('yearEndForecast', () => {
  it('adds the run rate of the last three complete months for every month left', () => {
    const forecast = yearEndForecast({
      actuals: {
        '2026-01': 10000,
        '2026-02': 11000,
        '2026-03': 12000,
        '2026-04': 13000,
        '2026-05': 5000, // the current month, incomplete: replaced by the run rate
      },
      currentMonth: '2026-05',
    });
    // to date: 10,000 + 11,000 + 12,000 + 13,000 = 46,000
    // run rate: (11,000 + 12,000 + 13,000) / 3 = 12,000; May to December = 8 months
    // 46,000 + 8 × 12,000 = 142,000
    expect(forecast).toEqual({
      year: 2026,
      actualToDate: 46000,
      runRate: 12000,
      runRateMonths: ['2026-02', '2026-03', '2026-04'],
      remainingMonths: 8,
      amount: 142000,
    });
  });

  it('in January takes the run rate from the year before, over the months that have costs', () => {
    const forecast = yearEndForecast({
      actuals: { '2025-10': 9000, '2025-12': 12000 },
      currentMonth: '2026-01',
    });
    // run rate (9,000 + 12,000) / 2 = 10,500 for 12 months = 126,000; nothing spent to date
    expect(forecast).toEqual(
      expect.objectContaining({
        actualToDate: 0,
        runRate: 10500,
        runRateMonths: ['2025-10', '2025-12'],
        remainingMonths: 12,
        amount: 126000,
      }),
    );
  });

  it('rounds the run rate to the cent and has no forecast without recent costs', () => {
    const forecast = yearEndForecast({
      actuals: { '2026-09': 100, '2026-10': 100, '2026-11': 100.01 },
      currentMonth: '2026-12',
    });
    // 30,001 cents / 3 = 10,000.33 → 10,000 cents; to date 300.01 (Jan–Aug had none)
    expect(forecast?.runRate).toBe(100);
    expect(forecast?.amount).toBe(400.01);
    expect(
      yearEndForecast({ actuals: { '2025-01': 5 }, currentMonth: '2026-06' }),
    ).toBeNull();
  });
});

describe('chargeback', () => {
  it('charges back by share, the remainder cent to the largest fraction', () => {
    // 1,000.01 = 100,001 cents: 60 % = 60,000.6, 40 % = 40,000.4 → 60,000 + 40,000, 1 cent left
    // for the larger fraction (0.6)
    expect(
      chargeback(1000.01, [
        { consumer: 'group:default/retail-banking', share: 60 },
        { consumer: 'group:default/corporate-banking', share: 40 },
      ]),
    ).toEqual([
      { consumer: 'group:default/retail-banking', share: 60, amount: 600.01 },
      {
        consumer: 'group:default/corporate-banking',
        share: 40,
        amount: 400,
      },
    ]);
  });

  it('never loses or invents a cent', () => {
    const parts = chargeback(0.1, [
      { consumer: 'a', share: 33 },
      { consumer: 'b', share: 33 },
      { consumer: 'c', share: 34 },
    ]);
    expect(parts.map(p => p.amount)).toEqual([0.03, 0.03, 0.04]);
  });
});

describe('unitCost', () => {
  it('divides the cost by the good events of the demand SLI', () => {
    // 42,000 / 8,400,000 transactions = 0.005 a transaction
    expect(unitCost(42000, 8_400_000)).toBe(0.005);
    expect(unitCost(42000, 0)).toBeNull();
    expect(unitCost(null, 10)).toBeNull();
  });
});

describe('convertAmount', () => {
  const options = { base: 'EUR', rates: { USD: 0.92, GBP: 1.17 } };
  it('converts with rates to the base currency, through it between two others', () => {
    expect(convertAmount(100, 'USD', 'EUR', options)).toBeCloseTo(92, 10);
    expect(convertAmount(92, 'EUR', 'USD', options)).toBeCloseTo(100, 10);
    // 100 USD = 92 EUR = 92 / 1.17 GBP = 78.632…
    expect(convertAmount(100, 'USD', 'GBP', options)).toBeCloseTo(
      92 / 1.17,
      10,
    );
    expect(convertAmount(5, 'CHF', 'CHF', options)).toBe(5);
    expect(convertAmount(5, 'CHF', 'EUR', options)).toBeUndefined();
  });

  it.each(['constructor', '__proto__', 'toString', 'valueOf'])(
    'has no rate for %s, a name every object inherits',
    currency => {
      expect(convertAmount(5, currency, 'EUR', options)).toBeUndefined();
      expect(convertAmount(5, 'EUR', currency, options)).toBeUndefined();
    },
  );
});

describe('rollUpCosts', () => {
  const items: CostRollUpItem[] = [
    {
      entityRef: 'component:default/payments-api',
      system: 'system:default/payments',
      domain: 'domain:default/banking',
      owner: 'group:default/payments',
      actual: { '2026-01': 100.1, '2026-02': 200 },
      budget: { '2026-01': 150, '2026-02': 150 },
    },
    {
      entityRef: 'component:default/fraud-scoring',
      system: 'system:default/payments',
      domain: 'domain:default/banking',
      owner: 'group:default/risk',
      actual: { '2026-01': 50.2 },
      budget: { '2026-01': 40 },
    },
    {
      entityRef: 'resource:default/data-lake',
      owner: 'group:default/risk',
      actual: { '2026-01': 300 },
    },
  ];

  it('sums per system, leaving out what belongs to none', () => {
    expect(rollUpCosts(items, 'system')).toEqual([
      {
        key: 'system:default/payments',
        entityRefs: [
          'component:default/fraud-scoring',
          'component:default/payments-api',
        ],
        // January 100.10 + 50.20 = 150.30; February 200
        actual: { '2026-01': 150.3, '2026-02': 200 },
        // January 150 + 40 = 190; February 150
        budget: { '2026-01': 190, '2026-02': 150 },
        total: 350.3,
        budgetTotal: 340,
        variance: 10.3,
      },
    ]);
  });

  it('sums per owner', () => {
    const byOwner = rollUpCosts(items, 'owner');
    expect(byOwner.map(g => [g.key, g.total, g.budgetTotal])).toEqual([
      ['group:default/payments', 300.1, 300],
      // 50.20 + 300 = 350.20; only fraud-scoring has a budget
      ['group:default/risk', 350.2, 40],
    ]);
    expect(rollUpCosts(items, 'domain')[0].total).toBe(350.3);
  });

  it("counts a system's budget once in a domain's or owner's sum, its parts' inside it", () => {
    const shop = 'system:default/shop';
    const parts: CostRollUpItem[] = [
      {
        entityRef: shop,
        domain: 'domain:default/retail',
        owner: 'group:default/retail',
        actual: { '2026-01': 10 },
        // an annual budget of 12,000 from January, none in December
        budget: { '2026-01': 1000, '2026-02': 1000 },
      },
      {
        entityRef: 'component:default/basket',
        system: shop,
        domain: 'domain:default/retail',
        owner: 'group:default/retail',
        actual: { '2026-01': 400, '2025-12': 300 },
        budget: { '2025-12': 500, '2026-01': 500, '2026-02': 500 },
      },
      {
        entityRef: 'component:default/checkout',
        system: shop,
        domain: 'domain:default/retail',
        owner: 'group:default/retail',
        actual: { '2026-01': 700 },
      },
      {
        // in another system of the domain, which declares no budget
        entityRef: 'component:default/search',
        system: 'system:default/discovery',
        domain: 'domain:default/retail',
        owner: 'group:default/retail',
        actual: { '2026-01': 50 },
        budget: { '2026-01': 80 },
      },
    ];
    for (const level of ['domain', 'owner'] as const) {
      const [sum] = rollUpCosts(parts, level);
      // December: only basket's 500 (shop has none that month); January: shop 1,000 holding
      // basket's 500, + search 80; February: shop 1,000
      expect(sum.budget).toEqual({
        '2025-12': 500,
        '2026-01': 1080,
        '2026-02': 1000,
      });
      // every cost line once: 300 in December; 10 + 400 + 700 + 50 in January
      expect(sum.actual).toEqual({ '2025-12': 300, '2026-01': 1160 });
      expect([sum.budgetTotal, sum.variance]).toEqual([2580, 1460 - 2580]);
    }
    // a system's own sum: its parts hold nothing of each other's
    const [own] = rollUpCosts(
      parts.filter(part => part.system === shop),
      'system',
    );
    expect(own.budget).toEqual({
      '2025-12': 500,
      '2026-01': 500,
      '2026-02': 500,
    });
  });
});

describe('budgetHolders', () => {
  const entry = (
    name: string,
    budget: number | null,
    system: string | null = null,
    currency = 'EUR',
  ) => ({ entityRef: name, system, currency, budget });

  it('holds the parts of a system that has a budget in the same currency, with or without their own', () => {
    const held = budgetHolders([
      entry('shop', 1000),
      entry('basket', 500, 'shop'),
      entry('checkout', null, 'shop'),
      // kept in dollars: no rate here to count it against the shop's euros
      entry('tax', 50, 'shop', 'USD'),
      // its system declares no budget
      entry('search', 80, 'discovery'),
      entry('discovery', null),
      // its system is not in the sum
      entry('ledger', 90, 'finance'),
    ]);
    expect([...held.entries()].sort()).toEqual([
      ['basket', 'shop'],
      ['checkout', 'shop'],
    ]);
  });

  it('holds nothing by an entity naming itself as its system', () => {
    expect(budgetHolders([entry('shop', 1000, 'shop')]).size).toBe(0);
  });
});

describe('fullyLoadedCost', () => {
  it("charges a platform by the share its chargeback declares to the dependant's owner", () => {
    const graph = {
      'component:default/payments-api': {
        cost: 500,
        owner: 'group:default/payments',
        dependsOn: ['resource:default/cluster'],
      },
      'resource:default/cluster': {
        cost: 1000,
        chargeback: [
          { consumer: 'group:default/payments', share: 60 },
          { consumer: 'group:default/data', share: 40 },
        ],
        // the catalog knows of dependants outside the root's reach
        dependants: [
          'component:default/payments-api',
          'component:default/fraud-scoring',
          'resource:default/data-lake',
        ],
      },
      'component:default/fraud-scoring': { owner: 'group:default/payments' },
      'resource:default/data-lake': { owner: 'group:default/data' },
    };
    // payments' 60 % is shared by its two dependants: 30 % each, 300 of 1,000
    const result = fullyLoadedCost('component:default/payments-api', graph);
    expect(result).toEqual({
      own: 500,
      shared: 300,
      total: 800,
      contributions: [
        {
          ref: 'resource:default/cluster',
          cost: 1000,
          share: expect.closeTo(30, 10),
          amount: 300,
          direct: true,
        },
      ],
      cycles: [],
    });
    expect(
      fullyLoadedCost('resource:default/data-lake', {
        ...graph,
        'resource:default/data-lake': {
          owner: 'group:default/data',
          dependsOn: ['resource:default/cluster'],
        },
      }).shared,
    ).toBe(400);
  });

  it('lets a dependant named in the chargeback take its own share, not its owner’s', () => {
    const shares = platformShares('resource:default/cluster', {
      'resource:default/cluster': {
        chargeback: [
          { consumer: 'component:default/payments-api', share: 10 },
          { consumer: 'group:default/payments', share: 50 },
          { consumer: 'group:default/finance', share: 40 }, // owns no dependant: keeps its share
        ],
        dependants: [
          'component:default/payments-api',
          'component:default/fraud-scoring',
        ],
      },
      'component:default/payments-api': { owner: 'group:default/payments' },
      'component:default/fraud-scoring': { owner: 'group:default/payments' },
    });
    expect(Object.fromEntries(shares)).toEqual({
      'component:default/payments-api': 0.1,
      'component:default/fraud-scoring': 0.5,
    });
  });

  it('counts the shared platform of a diamond once', () => {
    // svc → b → d and svc → c → d; d also serves e, outside svc's reach. No chargebacks: even shares.
    const graph = {
      svc: { cost: 100, dependsOn: ['b', 'c'] },
      b: { cost: 200, dependsOn: ['d'] },
      c: { cost: 300, dependsOn: ['d'] },
      d: { cost: 600, dependants: ['e'] },
      e: { cost: 50, dependsOn: ['d'] },
    };
    // b and c serve svc alone: all of them. d splits over b, c and e, a third each, and b's and
    // c's thirds both reach svc: 2/3 × 600 = 400, listed once
    const result = fullyLoadedCost('svc', graph);
    expect(result.total).toBe(1000); // 100 + 200 + 300 + 400
    expect(result.contributions).toEqual([
      {
        ref: 'd',
        cost: 600,
        share: expect.closeTo(66.667, 3),
        amount: 400,
        direct: false,
      },
      { ref: 'c', cost: 300, share: 100, amount: 300, direct: true },
      { ref: 'b', cost: 200, share: 100, amount: 200, direct: true },
    ]);
    // without e, svc is d's only user through both branches: it carries d whole, once:
    // 100 + 200 + 300 + 600 = 1,200 (counting d on each path would make it 1,800)
    const { e: _e, ...alone } = graph;
    expect(fullyLoadedCost('svc', { ...alone, d: { cost: 600 } }).total).toBe(
      1200,
    );
  });

  it('passes on what a dependency carries, share by share, through entities without a cost', () => {
    // svc → gw → api → cluster. gw has no cost of its own; api serves gw and web (half each);
    // cluster serves api and batch (half each).
    const result = fullyLoadedCost('svc', {
      svc: { cost: 100, dependsOn: ['gw'] },
      gw: { dependsOn: ['api'] },
      api: { cost: 400, dependsOn: ['cluster'], dependants: ['web'] },
      cluster: { cost: 800, dependants: ['batch'] },
    });
    // gw passes all on (svc is its only dependant); api: 1/2 × 400 = 200; cluster: 1/2 × 1/2 × 800 = 200
    expect(result.contributions.map(c => [c.ref, c.share, c.amount])).toEqual([
      ['api', 50, 200],
      ['cluster', 25, 200],
    ]);
    expect(result.total).toBe(500);
  });

  it('cuts a cycle instead of following it round', () => {
    // a → b → c → a: the edge c → a closes the cycle and is cut
    const result = fullyLoadedCost('a', {
      a: { cost: 100, dependsOn: ['b'] },
      b: { cost: 50, dependsOn: ['c'] },
      c: { cost: 25, dependsOn: ['a', 'c'] },
    });
    // b serves a alone, c serves b alone (its edges to a and to itself are cut): 100 + 50 + 25
    expect(result.total).toBe(175);
    expect(result.cycles).toEqual([
      { from: 'c', to: 'a' },
      { from: 'c', to: 'c' },
    ]);
  });

  it('ignores dependencies it knows nothing of', () => {
    const result = fullyLoadedCost('svc', {
      svc: { cost: 10, dependsOn: ['resource:default/gone'] },
    });
    expect(result).toEqual({
      own: 10,
      shared: 0,
      total: 10,
      contributions: [],
      cycles: [],
    });
  });

  it('reads the graph in a bounded number of passes however many platforms lie below the root', () => {
    // a chain of 200 platforms, each shared with 50 services outside the chain
    const graph = new Map<string, CostAllocationNode>();
    const chain = Array.from(
      { length: 200 },
      (_, i) => `resource:default/p${i}`,
    );
    chain.forEach((ref, i) => {
      graph.set(ref, {
        cost: 100,
        dependsOn: i + 1 < chain.length ? [chain[i + 1]] : [],
      });
      for (let j = 0; j < 50; j++) {
        graph.set(`component:default/s${i}-${j}`, { dependsOn: [ref] });
      }
    });
    graph.set('component:default/root', { dependsOn: [chain[0]] });
    let passes = 0;
    const counted = new Map(graph);
    const iterate = counted[Symbol.iterator].bind(counted);
    counted[Symbol.iterator] = () => {
      passes += 1;
      return iterate();
    };
    counted.entries = counted[Symbol.iterator];
    const result = fullyLoadedCost('component:default/root', counted);
    expect(passes).toBeLessThanOrEqual(2);
    // p0 has 51 dependants (the root and its 50): the root carries 1/51 of it; of p1, p0's
    // share of 1/51 of that, and so on
    expect(result.contributions[0]).toEqual({
      ref: 'resource:default/p0',
      cost: 100,
      share: expect.closeTo(100 / 51, 10),
      amount: 1.96,
      direct: true,
    });
    expect(result.contributions).toHaveLength(200);
  });
});
