import { OverviewRow, summariseOverviewRow } from '../overview';
import {
  compositeGraphOf,
  isCapacityAtRisk,
  overviewCharts,
  overviewKpis,
  portfolioRollup,
  serviceLevelStatus,
  budgetHoldingOf,
  systemRollup,
} from './portfolio';

function row(name: string, fields: Partial<OverviewRow> = {}): OverviewRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    namespace: 'default',
    name,
    title: null,
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
    ownerAncestry: ['group:default/payments'],
    system: 'system:default/payments',
    domain: null,
    tier: 'tier-1',
    serviceLevel: null,
    availability: null,
    cost: null,
    capacity: null,
    continuity: null,
    status: 'no-data',
    problems: 0,
    findings: { critical: 0, high: 0, medium: 0, low: 0 },
    links: {},
    dependsOn: [],
    redundancy: [],
    ...fields,
  };
}

const availability = (
  ownAvailability: number | null,
  target: number | null,
  measured: number | null = ownAvailability,
) => ({
  period: '2026-11',
  availability: measured,
  target,
  targetSource: 'agreement' as const,
  status: 'met' as const,
  downtime: 0,
  failures: 0,
  ownAvailability,
  achievable: null,
  unachievable: false,
  limitingDependencies: [],
});

const cost = (
  actual: number | null,
  budget: number | null,
  currency = 'EUR',
) => ({
  currency,
  month: '2026-11',
  actual,
  budget,
  variance: actual !== null && budget !== null ? actual - budget : null,
  lastMonth: null,
  forecastYearEnd: null,
  annualBudget: null,
  months: [
    { month: '2026-10', actual: 900, budget },
    { month: '2026-11', actual: actual ?? 0, budget },
  ],
});

describe('serviceLevelStatus', () => {
  it('is the worst of the agreements and the availability, no-data only without either', () => {
    expect(serviceLevelStatus({ serviceLevel: null, availability: null })).toBe(
      'no-data',
    );
    expect(
      serviceLevelStatus({
        serviceLevel: { status: 'met' } as OverviewRow['serviceLevel'],
        availability: { status: 'at-risk' } as OverviewRow['availability'],
      }),
    ).toBe('at-risk');
    expect(
      serviceLevelStatus({
        serviceLevel: { status: 'breached' } as OverviewRow['serviceLevel'],
        availability: { status: 'no-data' } as OverviewRow['availability'],
      }),
    ).toBe('breached');
  });
});

describe('overviewKpis', () => {
  const rows = [
    row('a', { status: 'met', cost: cost(1200, 1000) }),
    row('b', { status: 'met', cost: cost(500, null) }),
    row('c', {
      status: 'breached',
      cost: cost(100, 300, 'USD'),
      findings: { critical: 1, high: 2, medium: 0, low: 0 },
      problems: 2,
    }),
    row('d', { status: 'at-risk', cost: cost(null, 700) }),
    row('e', {
      status: 'no-data',
      findings: { critical: 0, high: 1, medium: 3, low: 1 },
      capacity: {
        status: 'ok',
        resource: 'disk',
        utilisation: 50,
        daysToCritical: 14,
        resources: [],
      },
      continuity: {
        status: 'fail',
        testOverdue: true,
        lastTest: null,
        testDueAt: null,
        checks: [],
      },
    }),
  ];

  it('counts by status and takes the share meeting their agreements among those with data', () => {
    const kpis = overviewKpis(rows, { costVisible: true });
    expect(kpis.services).toBe(5);
    expect(kpis.byStatus).toEqual({
      breached: 1,
      'at-risk': 1,
      met: 2,
      'no-data': 1,
    });
    // met 2 of the 4 with data
    expect(kpis.meetingSlas).toBe(0.5);
    expect(kpis.findings).toEqual({ critical: 1, high: 3, medium: 3, low: 1 });
    expect(kpis.metadataProblems).toBe(1);
    // 14 days to critical is at risk
    expect(kpis.capacityAtRisk).toBe(1);
    expect(kpis.capacityCritical).toBe(0);
    expect(kpis.drTestsOverdue).toBe(1);
    expect(kpis.continuityFailing).toBe(1);
  });

  it('sums cost per currency, budget and variance over the services that have a budget', () => {
    expect(overviewKpis(rows, { costVisible: true }).cost).toEqual([
      // a: 1,200 of 1,000 (over); b: 500 without a budget; d: no cost yet against 700, as the Cost
      // tab's roll-up counts it: actual 1,700, budget 1,700, variance 200 − 700 = −500
      {
        currency: 'EUR',
        actual: 1700,
        budget: 1700,
        variance: -500,
        overBudget: 1,
      },
      {
        currency: 'USD',
        actual: 100,
        budget: 300,
        variance: -200,
        overBudget: 0,
      },
    ]);
    expect(overviewKpis(rows, { costVisible: false }).cost).toBeNull();
  });

  it("counts a system's budget once, against its own cost and its parts'", () => {
    const shop = 'system:default/shop';
    const october = (actual: number | null, budget: number | null) => ({
      month: '2026-10',
      actual,
      budget,
      variance: actual !== null && budget !== null ? actual - budget : null,
    });
    const parts = [
      row('shop', {
        entityRef: shop,
        kind: 'System',
        // a System is its own system
        system: shop,
        cost: { ...cost(10, 1000), lastMonth: october(null, 1000) },
      }),
      row('basket', {
        system: shop,
        cost: { ...cost(600, 500), lastMonth: october(450, 500) },
      }),
      row('checkout', {
        system: shop,
        cost: { ...cost(700, null), lastMonth: october(800, null) },
      }),
      // in dollars: no rate here to count it against the shop's euros
      row('tax', { system: shop, cost: cost(30, 50, 'USD') }),
      // its system is not among the rows
      row('search', { system: 'system:default/discovery', cost: cost(50, 80) }),
    ];
    expect(overviewKpis(parts, { costVisible: true }).cost).toEqual([
      {
        currency: 'EUR',
        // every line once: 10 + 600 + 700 + 50
        actual: 1360,
        // the shop's 1,000 holds basket's 500; search's 80 stands apart
        budget: 1080,
        // shop: 10 + 600 + 700 − 1,000 = 310; search: 50 − 80 = −30
        variance: 280,
        // the shop (1,310 of 1,000) and basket (600 of 500)
        overBudget: 2,
      },
      { currency: 'USD', actual: 30, budget: 50, variance: -20, overBudget: 0 },
    ]);
    expect(
      portfolioRollup(parts, { costVisible: true, allRows: parts }).cost,
    ).toEqual([
      { currency: 'EUR', actual: 1360, budget: 1080, variance: 280 },
      { currency: 'USD', actual: 30, budget: 50, variance: -20 },
    ]);
    expect(overviewCharts(parts, { costVisible: true }).costByOwner).toEqual([
      {
        owner: 'group:default/payments',
        currency: 'EUR',
        months: [
          // 900 a row in October
          { month: '2026-10', actual: 3600, budget: 1080, complete: true },
          { month: '2026-11', actual: 1360, budget: 1080, complete: false },
        ],
      },
      {
        owner: 'group:default/payments',
        currency: 'USD',
        months: [
          { month: '2026-10', actual: 900, budget: 50, complete: true },
          { month: '2026-11', actual: 30, budget: 50, complete: false },
        ],
      },
    ]);
    // the shop's row shows what its budget holds: its 10, basket's 600 and checkout's 700
    const holding = budgetHoldingOf(parts);
    // basket and checkout are held by the shop; tax, in dollars, and search are not
    expect([...holding.heldBy]).toEqual([
      ['component:default/basket', shop],
      ['component:default/checkout', shop],
    ]);
    expect([...holding.systems]).toEqual([
      [
        shop,
        {
          actual: 1310,
          budget: 1000,
          variance: 310,
          parts: 2,
          // October: 450 + 800 against 1,000
          lastMonth: {
            month: '2026-10',
            actual: 1250,
            budget: 1000,
            variance: 250,
          },
        },
      ],
    ]);
    // without the system among the rows, each part's budget counts
    expect(
      overviewKpis(parts.slice(1), { costVisible: true }).cost?.[0],
    ).toEqual(
      expect.objectContaining({ actual: 1350, budget: 580, overBudget: 1 }),
    );
  });

  it('has no share meeting SLAs without data', () => {
    expect(overviewKpis([row('x')], { costVisible: true }).meetingSlas).toBe(
      null,
    );
  });
});

describe('isCapacityAtRisk', () => {
  it('is above warning, or critical within 14 days', () => {
    const capacity = (
      status: 'ok' | 'warning',
      daysToCritical: number | null,
    ) =>
      row('x', {
        capacity: {
          status,
          resource: 'disk',
          utilisation: 1,
          daysToCritical,
          resources: [],
        },
      });
    expect(isCapacityAtRisk(capacity('warning', null))).toBe(true);
    expect(isCapacityAtRisk(capacity('ok', 14))).toBe(true);
    expect(isCapacityAtRisk(capacity('ok', 15))).toBe(false);
    expect(isCapacityAtRisk(row('x'))).toBe(false);
  });
});

describe('overviewCharts', () => {
  it('lists the services furthest below target, the biggest spenders per month and the soonest capacity risks', () => {
    const rows = [
      row('a', { availability: availability(99.9, 99.95) }),
      row('b', { availability: availability(99.99, 99.9) }),
      row('c', { availability: availability(99.0, 99.5) }),
      row('d', {
        owner: 'group:default/data',
        cost: cost(2000, 1500),
        capacity: {
          status: 'warning',
          resource: 'storage',
          utilisation: 80,
          daysToCritical: 20,
          resources: [
            {
              name: 'storage',
              status: 'warning',
              utilisation: 80,
              criticalAt: null,
              daysToCritical: 20,
            },
            {
              name: 'cpu',
              status: 'ok',
              utilisation: 10,
              criticalAt: null,
              daysToCritical: null,
            },
          ],
        },
      }),
      row('e', {
        cost: cost(100, 200),
        capacity: {
          status: 'ok',
          resource: 'disk',
          utilisation: 60,
          daysToCritical: 5,
          resources: [
            {
              name: 'disk',
              status: 'ok',
              utilisation: 60,
              criticalAt: null,
              daysToCritical: 5,
            },
          ],
        },
      }),
    ];
    const charts = overviewCharts(rows, { costVisible: true, limit: 2 });
    // margins: c −0.5, a −0.05, b +0.09
    expect(charts.availabilityAgainstTarget.map(p => p.name)).toEqual([
      'c',
      'a',
    ]);
    expect(charts.costByOwner).toEqual([
      {
        owner: 'group:default/data',
        currency: 'EUR',
        months: [
          { month: '2026-10', actual: 900, budget: 1500, complete: true },
          // the rows' month under way: its actual is to date
          { month: '2026-11', actual: 2000, budget: 1500, complete: false },
        ],
      },
      {
        owner: 'group:default/payments',
        currency: 'EUR',
        months: [
          { month: '2026-10', actual: 900, budget: 200, complete: true },
          { month: '2026-11', actual: 100, budget: 200, complete: false },
        ],
      },
    ]);
    // warning before ok, then sooner first; cpu never reaches critical and is not a risk
    expect(
      charts.capacityRisk.soonest.map(r => [r.name, r.resource, r.status]),
    ).toEqual([
      ['d', 'storage', 'warning'],
      ['e', 'disk', 'ok'],
    ]);
    expect(charts.capacityRisk.byStatus).toEqual([
      { status: 'critical', count: 0 },
      { status: 'warning', count: 1 },
      { status: 'ok', count: 1 },
      { status: 'no-data', count: 0 },
    ]);
    expect(overviewCharts(rows, { costVisible: false }).costByOwner).toBeNull();
  });
});

describe('systemRollup', () => {
  /*
   * A checkout system: web (99.9 measured) depends on api; api (99.95 agreed) needs either of two
   * databases (99 % each, redundant: 1 − 0.01² = 99.99 %) and a shared queue outside the system
   * (99.9). Entry point: web. Composite = 0.999 × 0.9995 × 0.9999 × 0.999:
   *   0.999 × 0.9995 = 0.9985005; × 0.9999 = 0.99840064995; × 0.999 = 0.99740224930005,
   *   99.740224930005 %.
   * The strictest target among the members is api's 99.95 %: not met.
   */
  const system = 'system:default/checkout';
  const web = row('web', {
    system,
    availability: availability(99.9, 99.5),
    dependsOn: ['component:default/api'],
  });
  const api = row('api', {
    system,
    availability: availability(99.95, 99.95, null),
    dependsOn: [
      'resource:default/db-a',
      'resource:default/db-b',
      'component:default/queue',
    ],
    redundancy: [['resource:default/db-a', 'resource:default/db-b']],
  });
  const dbA = {
    ...row('db-a', { system, availability: availability(99, null) }),
    entityRef: 'resource:default/db-a',
  };
  const dbB = {
    ...row('db-b', { system, availability: availability(99, null) }),
    entityRef: 'resource:default/db-b',
  };
  const queue = row('queue', {
    system: 'system:default/platform',
    availability: availability(99.9, 99.9),
  });
  const all = [web, api, dbA, dbB, queue];

  it("composes the system's entry points with their dependencies, against the strictest member target", () => {
    const rollup = systemRollup(
      system,
      [web, api, dbA, dbB],
      compositeGraphOf(all),
    );
    expect(rollup.achievable).toBeCloseTo(99.740224930005, 9);
    expect(rollup).toMatchObject({
      system,
      services: 4,
      strictestTarget: 99.95,
      strictestTargetOf: 'component:default/api',
      meetsTargets: false,
    });
    // web and the queue (99.9 % each) limit it most, equally
    expect(rollup.limitingDependencies.slice(0, 2).sort()).toEqual([
      'component:default/queue',
      'component:default/web',
    ]);
  });

  it("counts the system entity's own target, and leaves the system entity out of its members", () => {
    const systemRow = {
      ...row('checkout', {
        system,
        kind: 'System',
        availability: availability(99.99, 99.99),
      }),
      entityRef: system,
    };
    const rollup = systemRollup(
      system,
      [systemRow, web],
      compositeGraphOf([...all, systemRow]),
      systemRow,
    );
    expect(rollup.strictestTarget).toBe(99.99);
    expect(rollup.strictestTargetOf).toBe(system);
    // web alone with everything below it
    expect(rollup.achievable).toBeCloseTo(99.740224930005, 9);
  });

  it('is empty for a system without members', () => {
    expect(systemRollup(system, [], new Map())).toMatchObject({
      achievable: null,
      meetsTargets: null,
    });
  });
});

describe('portfolioRollup', () => {
  it('sums cost, takes the worst statuses and composes each system', () => {
    const rows = [
      row('a', {
        status: 'met',
        cost: cost(100, 150),
        capacity: {
          status: 'warning',
          resource: 'disk',
          utilisation: 80,
          daysToCritical: null,
          resources: [],
        },
      }),
      row('b', {
        status: 'breached',
        cost: cost(300, 200),
        continuity: {
          status: 'warn',
          testOverdue: false,
          lastTest: null,
          testDueAt: null,
          checks: [],
        },
      }),
      row('c', { status: 'at-risk', system: 'system:default/other' }),
    ];
    const rollup = portfolioRollup(rows, { costVisible: true, allRows: rows });
    expect(rollup).toMatchObject({
      services: 3,
      status: 'breached',
      cost: [{ currency: 'EUR', actual: 400, budget: 350, variance: 50 }],
      serviceLevel: {
        status: 'breached',
        entityRef: 'component:default/b',
        count: 1,
      },
      capacity: {
        status: 'warning',
        entityRef: 'component:default/a',
        count: 1,
      },
      continuity: {
        status: 'warn',
        entityRef: 'component:default/b',
        count: 1,
      },
      systemsOmitted: 0,
    });
    expect(rollup.systems.map(s => s.system)).toEqual([
      'system:default/other',
      'system:default/payments',
    ]);
    expect(
      portfolioRollup(rows, {
        costVisible: false,
        allRows: rows,
        maxSystems: 1,
      }),
    ).toMatchObject({ cost: null, systems: [], systemsOmitted: 2 });
  });

  it('names the worst service only when it needs attention, and counts its peers', () => {
    const okCapacity = {
      status: 'ok' as const,
      resource: 'disk',
      utilisation: 40,
      daysToCritical: null,
      resources: [],
    };
    const passing = {
      status: 'pass' as const,
      testOverdue: false,
      lastTest: null,
      testDueAt: null,
      checks: [],
    };
    const healthy = [
      row('b', { status: 'met', capacity: okCapacity, continuity: passing }),
      row('a', { status: 'met', capacity: okCapacity }),
    ];
    expect(
      portfolioRollup(healthy, { costVisible: false, allRows: healthy }),
    ).toMatchObject({
      serviceLevel: { status: 'met', entityRef: null, count: 2 },
      capacity: { status: 'ok', entityRef: null, count: 2 },
      continuity: { status: 'pass', entityRef: null, count: 1 },
    });
    // two at risk: the first by reference is named, with one more
    const atRisk = [
      ...healthy,
      row('d', { status: 'at-risk' }),
      row('c', { status: 'at-risk' }),
    ];
    expect(
      portfolioRollup(atRisk, { costVisible: false, allRows: atRisk })
        .serviceLevel,
    ).toEqual({
      status: 'at-risk',
      entityRef: 'component:default/c',
      count: 2,
    });
    // nothing measured or declared
    expect(
      portfolioRollup([], { costVisible: false, allRows: [] }),
    ).toMatchObject({
      serviceLevel: { status: 'no-data', entityRef: null, count: 0 },
      capacity: { status: 'no-data', entityRef: null, count: 0 },
      continuity: { status: null, entityRef: null, count: 0 },
    });
  });
});

describe('summariseOverviewRow', () => {
  const whole = [
    row('api', {
      status: 'breached',
      serviceLevel: {
        status: 'breached',
        worstAgreement: 'retail',
        period: '2026-11',
        agreements: [
          {
            name: 'retail',
            type: 'SLA',
            period: '2026-11',
            periodOver: false,
            status: 'breached',
            objectives: [],
          },
        ],
        budgetRemainingShare: -0.2,
        budgetObjective: 'retail/availability',
      },
      availability: {
        ...availability(0.999, 0.9995),
        limitingDependencies: ['component:default/db'],
      },
      cost: cost(1200, 1000),
      continuity: {
        status: 'fail',
        testOverdue: true,
        lastTest: null,
        testDueAt: '2026-10-01T00:00:00.000Z',
        checks: [{ id: 'dr-test', status: 'fail', message: 'never tested' }],
      },
      links: { overview: '/catalog/default/component/api' },
      dependsOn: ['component:default/db'],
    }),
    row('db', {
      status: 'met',
      system: 'system:default/storage',
      availability: availability(0.9995, 0.999),
      cost: cost(300, 400),
    }),
  ];

  it('leaves out only what a page shows, and the whole row as it was', () => {
    const before = JSON.stringify(whole[0]);
    const summary = summariseOverviewRow(whole[0]);
    expect(JSON.stringify(whole[0])).toBe(before);
    expect(summary).not.toHaveProperty('links');
    expect(summary.serviceLevel).not.toHaveProperty('agreements');
    expect(summary.availability).not.toHaveProperty('limitingDependencies');
    expect(summary.continuity).not.toHaveProperty('checks');
    const { links: _l, ...rest } = whole[0];
    const { agreements: _a, ...serviceLevel } = whole[0].serviceLevel!;
    const { limitingDependencies: _d, ...kept } = whole[0].availability!;
    const { checks: _c, ...continuity } = whole[0].continuity!;
    expect(summary).toEqual({
      ...rest,
      serviceLevel,
      availability: kept,
      continuity,
    });
  });

  it('gives the same KPIs, charts and roll-ups as the whole rows', () => {
    const summaries = whole.map(summariseOverviewRow);
    for (const costVisible of [true, false]) {
      expect(overviewKpis(summaries, { costVisible })).toEqual(
        overviewKpis(whole, { costVisible }),
      );
      expect(overviewCharts(summaries, { costVisible })).toEqual(
        overviewCharts(whole, { costVisible }),
      );
      expect(
        portfolioRollup(summaries, { costVisible, allRows: summaries }),
      ).toEqual(portfolioRollup(whole, { costVisible, allRows: whole }));
    }
  });
});
