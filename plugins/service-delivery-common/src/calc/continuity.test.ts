import {
  annualLossEstimate,
  assessContinuity,
  ContinuityCheck,
  drTestOutcome,
  drTestSchedule,
  expectedAnnualLoss,
  recoveryInversions,
  RecoveryNode,
  RecoveryWalks,
  resolveContinuityPolicy,
  scoreRisk,
  scoreRisks,
  TierPolicies,
  tierRank,
  worstCheckStatus,
} from './continuity';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;

// app-config's tiers with durations in seconds; the order is the ranking
const tiers: TierPolicies = {
  'tier-1': {
    availability: 99.95,
    rto: HOUR,
    rpo: 15 * MINUTE,
    testEvery: 180 * DAY,
  },
  'tier-2': {
    availability: 99.9,
    rto: 4 * HOUR,
    rpo: HOUR,
    testEvery: 365 * DAY,
  },
  'tier-3': { availability: 99.5, rto: DAY, rpo: DAY, testEvery: 730 * DAY },
};

const SVC = 'component:default/payments-api';

function byId(checks: ContinuityCheck[], id: string) {
  return checks.filter(check => check.id === id);
}

describe('tierRank', () => {
  it('ranks tiers by their position in the config, the first highest', () => {
    expect(tierRank(tiers, 'tier-1')).toBe(0);
    expect(tierRank(tiers, 'tier-3')).toBe(2);
    expect(tierRank(tiers, 'gold')).toBeNull();
    expect(tierRank(tiers, undefined)).toBeNull();
    // by position, not by name
    expect(tierRank({ gold: {}, silver: {}, bronze: {} }, 'bronze')).toBe(2);
  });
});

describe('resolveContinuityPolicy', () => {
  it('lets declared values override and fills the rest from the tier', () => {
    const policy = resolveContinuityPolicy(
      { tier: 'tier-2', rto: 2 * HOUR },
      tiers,
    );
    expect(policy.tier).toBe('tier-2');
    expect(policy.tierRank).toBe(1);
    expect(policy.tierDefined).toBe(true);
    expect(policy.rto).toEqual({
      declared: 2 * HOUR,
      policy: 4 * HOUR,
      effective: 2 * HOUR,
      source: 'declared',
    });
    expect(policy.rpo).toEqual({
      declared: null,
      policy: HOUR,
      effective: HOUR,
      source: 'policy',
    });
    expect(policy.testEvery.effective).toBe(365 * DAY);
  });

  it('has nothing in force without a tier or a declaration', () => {
    const policy = resolveContinuityPolicy({}, tiers);
    expect(policy.tierDefined).toBe(true);
    expect(policy.rto).toEqual({
      declared: null,
      policy: null,
      effective: null,
      source: null,
    });
  });

  it('marks an unknown tier and applies no policy', () => {
    const policy = resolveContinuityPolicy({ tier: 'tier-7', rpo: 60 }, tiers);
    expect(policy.tierDefined).toBe(false);
    expect(policy.tierRank).toBeNull();
    expect(policy.rto.effective).toBeNull();
    expect(policy.rpo.effective).toBe(60);
  });
});

describe('drTestSchedule', () => {
  const now = Date.parse('2026-10-20T10:00:00Z');

  it('is current when the last test is within the interval, due one interval after it', () => {
    const schedule = drTestSchedule({
      tests: [
        { performedAt: '2026-03-01T09:00:00Z', result: 'passed' },
        { performedAt: '2026-06-06T09:00:00Z', result: 'failed' },
      ],
      testEvery: 180 * DAY,
      now,
    });
    // 6 June 2026 + 180 days = 3 December 2026, 44 days after 20 October: current
    expect(schedule.state).toBe('current');
    expect(schedule.overdue).toBe(false);
    expect(schedule.lastTest?.result).toBe('failed');
    expect(new Date(schedule.dueAt!).toISOString()).toBe(
      '2026-12-03T09:00:00.000Z',
    );
  });

  it('is overdue past the due date, and says when it fell due', () => {
    const schedule = drTestSchedule({
      tests: [{ performedAt: '2026-03-01T09:00:00Z', result: 'passed' }],
      testEvery: 180 * DAY,
      now,
    });
    // 1 March + 180 days: to 1 August is 31 + 30 + 31 + 30 + 31 = 153 days, + 27 = 28 August 2026
    expect(schedule.state).toBe('overdue');
    expect(schedule.overdue).toBe(true);
    expect(new Date(schedule.dueAt!).toISOString()).toBe(
      '2026-08-28T09:00:00.000Z',
    );
  });

  it('is due soon in the last 30 days before the due date', () => {
    // 1 May + 180 days = 28 October: 8 days after 20 October
    const schedule = drTestSchedule({
      tests: [{ performedAt: '2026-05-01T09:00:00Z', result: 'passed' }],
      testEvery: 180 * DAY,
      now,
    });
    expect(schedule.state).toBe('due-soon');
    expect(schedule.overdue).toBe(false);
  });

  it('counts a plan never tested as overdue, with no due date', () => {
    expect(drTestSchedule({ tests: [], testEvery: 180 * DAY, now })).toEqual({
      state: 'never-tested',
      lastTest: null,
      dueAt: null,
      overdue: true,
    });
  });

  it('cannot be overdue without an interval', () => {
    const schedule = drTestSchedule({
      tests: [{ performedAt: '2020-01-01T00:00:00Z', result: 'passed' }],
      testEvery: null,
      now,
    });
    expect(schedule.state).toBe('no-interval');
    expect(schedule.overdue).toBe(false);
  });
});

describe('drTestOutcome', () => {
  it('compares achieved RTO and RPO with the objectives, equal counting as met', () => {
    expect(
      drTestOutcome(
        { achievedRto: 40 * MINUTE, achievedRpo: 20 * MINUTE },
        { rto: HOUR, rpo: 15 * MINUTE },
      ),
    ).toEqual({ rtoMet: true, rpoMet: false });
    expect(
      drTestOutcome({ achievedRto: HOUR }, { rto: HOUR, rpo: 15 * MINUTE }),
    ).toEqual({ rtoMet: true, rpoMet: null });
    expect(
      drTestOutcome(
        { achievedRto: HOUR, achievedRpo: 60 },
        { rto: null, rpo: null },
      ),
    ).toEqual({ rtoMet: null, rpoMet: null });
  });
});

describe('expectedAnnualLoss', () => {
  it('is (1 − availability) × 8,760 h × cost per hour', () => {
    // (1 − 0.9995) × 8 760 × 120 000 = 0.0005 × 1 051 200 000 = 525 600
    expect(expectedAnnualLoss(99.95, 120_000)).toBeCloseTo(525_600, 6);
    // (1 − 0.99) × 8 760 × 1 000 = 87 600
    expect(expectedAnnualLoss(99, 1000)).toBeCloseTo(87_600, 6);
    expect(expectedAnnualLoss(100, 1000)).toBe(0);
  });

  it('is money to the cent', () => {
    // (1 − 0.99987) × 8 760 × 1.07 = 0.00013 × 9 373.2 = 1.218516 → 1.22
    expect(expectedAnnualLoss(99.987, 1.07)).toBe(1.22);
    // (1 − 0.999) × 8 760 × 33.33 = 291.9708 → 291.97
    expect(expectedAnnualLoss(99.9, 33.33)).toBe(291.97);
  });

  it('uses measured availability where there is data and the target otherwise', () => {
    // measured 99.8: 0.002 × 8 760 × 50 000 = 876 000
    expect(
      annualLossEstimate({ costPerHour: 50_000, measured: 99.8, target: 99.9 }),
    ).toEqual({
      amount: expect.closeTo(876_000, 6),
      availability: 99.8,
      basis: 'measured',
    });
    // target 99.9: 0.001 × 8 760 × 50 000 = 438 000
    expect(
      annualLossEstimate({ costPerHour: 50_000, measured: null, target: 99.9 }),
    ).toEqual({
      amount: expect.closeTo(438_000, 6),
      availability: 99.9,
      basis: 'target',
    });
    expect(annualLossEstimate({ costPerHour: 50_000 })).toBeNull();
    expect(
      annualLossEstimate({ costPerHour: undefined, target: 99 }),
    ).toBeNull();
  });
});

describe('scoreRisk', () => {
  it('scores likelihood × impact with low 1, medium 2, high 3', () => {
    expect(
      scoreRisk({ threat: 'a', likelihood: 'low', impact: 'high' }),
    ).toEqual(expect.objectContaining({ score: 3, rating: 'medium' }));
    expect(
      scoreRisk({ threat: 'b', likelihood: 'medium', impact: 'high' }),
    ).toEqual(expect.objectContaining({ score: 6, rating: 'high' }));
    expect(
      scoreRisk({ threat: 'c', likelihood: 'high', impact: 'high' }).score,
    ).toBe(9);
    expect(
      scoreRisk({ threat: 'd', likelihood: 'low', impact: 'medium' }),
    ).toEqual(expect.objectContaining({ score: 2, rating: 'low' }));
    expect(
      scoreRisk({ threat: 'e', likelihood: 'medium', impact: 'medium' }).rating,
    ).toBe('medium');
  });

  it('scores a level named like what every object inherits as no level', () => {
    expect(
      scoreRisk({
        threat: 'f',
        likelihood: 'constructor' as any,
        impact: 'high',
      }),
    ).toEqual(expect.objectContaining({ score: 0, rating: 'low' }));
    expect(
      scoreRisk({ threat: 'g', likelihood: 'high', impact: 'valueOf' as any })
        .score,
    ).toBe(0);
  });

  it('orders the register by score, highest first', () => {
    const scored = scoreRisks([
      { threat: 'zone-outage', likelihood: 'low', impact: 'medium' },
      { threat: 'failed-upgrade', likelihood: 'medium', impact: 'high' },
      { threat: 'ddos', likelihood: 'medium', impact: 'high' },
    ]);
    expect(scored.map(r => [r.threat, r.score])).toEqual([
      ['ddos', 6],
      ['failed-upgrade', 6],
      ['zone-outage', 2],
    ]);
  });
});

describe('recoveryInversions', () => {
  it('names a dependency with a longer RTO or a lower tier', () => {
    // web-banking (tier-1, RTO 1h) needs customer-profile (tier-2: 4h) and the cluster (30m)
    const graph: Record<string, RecoveryNode> = {
      web: { tier: 'tier-1', dependsOn: ['profile', 'cluster', 'cdn'] },
      profile: { tier: 'tier-2' },
      cluster: { tier: 'tier-1', rto: 30 * MINUTE },
      // tier-2 but declares a fast RTO: still a lower tier
      cdn: { tier: 'tier-2', rto: 10 * MINUTE },
    };
    const result = recoveryInversions('web', graph, tiers);
    expect(result.rto).toBe(HOUR);
    expect(result.tier).toBe('tier-1');
    expect(result.inversions).toEqual([
      {
        ref: 'cdn',
        path: ['web', 'cdn'],
        reasons: ['tier'],
        rto: 10 * MINUTE,
        tier: 'tier-2',
      },
      {
        ref: 'profile',
        path: ['web', 'profile'],
        reasons: ['rto', 'tier'],
        rto: 4 * HOUR,
        tier: 'tier-2',
      },
    ]);
    expect(result.unknown).toEqual([]);
  });

  it('finds an inversion below dependencies that are fine, and stops below one that is not', () => {
    // payments (1h) → card-auth (1h) → hsm (no tier, 1d) → vendor (3d)
    const result = recoveryInversions(
      'payments',
      {
        payments: { tier: 'tier-1', dependsOn: ['card-auth'] },
        'card-auth': { tier: 'tier-1', dependsOn: ['hsm'] },
        hsm: { rto: DAY, dependsOn: ['vendor'] },
        vendor: { rto: 3 * DAY },
      },
      tiers,
    );
    // hsm's own 1d > 1h; vendor is hsm's problem, not walked
    expect(result.inversions).toEqual([
      {
        ref: 'hsm',
        path: ['payments', 'card-auth', 'hsm'],
        reasons: ['rto'],
        rto: DAY,
        tier: null,
      },
    ]);
  });

  it('does not count a redundancy group with one member that recovers in time', () => {
    const graph: Record<string, RecoveryNode> = {
      svc: {
        tier: 'tier-1',
        dependsOn: ['db-eu', 'db-us'],
        redundancy: [{ anyOf: ['db-eu', 'db-us'] }],
      },
      'db-eu': { rto: 15 * MINUTE },
      'db-us': { rto: 8 * HOUR },
    };
    expect(recoveryInversions('svc', graph, tiers).inversions).toEqual([]);
  });

  it('reports every member of a group when none recovers in time, including what is below a fine-looking member', () => {
    const graph: Record<string, RecoveryNode> = {
      svc: {
        tier: 'tier-1',
        dependsOn: ['a', 'b'],
        redundancy: [{ anyOf: ['a', 'b'] }],
      },
      a: { rto: 2 * HOUR },
      // b recovers in 30m itself, but needs a tier-3 store
      b: { rto: 30 * MINUTE, dependsOn: ['store'] },
      store: { tier: 'tier-3' },
    };
    const result = recoveryInversions('svc', graph, tiers);
    expect(result.inversions.map(i => [i.ref, i.path, i.reasons])).toEqual([
      ['a', ['svc', 'a'], ['rto']],
      ['store', ['svc', 'b', 'store'], ['rto', 'tier']],
    ]);
  });

  it('reports dependencies whose recovery is unknown, and missing ones', () => {
    const result = recoveryInversions(
      'svc',
      {
        svc: { rto: HOUR, dependsOn: ['proxy', 'ghost'] },
        // declares nothing: unknown, but what it needs is still walked
        proxy: { dependsOn: ['slow'] },
        slow: { rto: 2 * HOUR },
      },
      tiers,
    );
    expect(result.unknown).toEqual(['ghost', 'proxy']);
    expect(result.inversions.map(i => i.path)).toEqual([
      ['svc', 'proxy', 'slow'],
    ]);
  });

  it('keeps the shortest path to an entity reached twice and survives cycles', () => {
    const result = recoveryInversions(
      'svc',
      {
        svc: { rto: HOUR, dependsOn: ['a', 'slow'] },
        a: { rto: HOUR, dependsOn: ['b'] },
        b: { rto: HOUR, dependsOn: ['slow', 'a'] },
        slow: { rto: DAY },
      },
      tiers,
    );
    expect(result.inversions.map(i => i.path)).toEqual([['svc', 'slow']]);
  });

  it('has nothing to compare without an RTO or a tier on the service', () => {
    const result = recoveryInversions(
      'svc',
      { svc: { dependsOn: ['slow'] }, slow: { rto: DAY } },
      tiers,
    );
    expect(result).toEqual({
      rto: null,
      tier: null,
      inversions: [],
      unknown: [],
    });
  });
});

describe('recoveryInversions through many paths', () => {
  /**
   * svc → a0, b0 → a1, b1 → … → a23, b23 → db: 2²⁴ paths from the service down to its database,
   * which recovers too slowly; `cache`, declaring neither RTO nor tier, hangs below every level.
   */
  function lattice(levels: number): Record<string, RecoveryNode> {
    const graph: Record<string, RecoveryNode> = {
      svc: { tier: 'tier-1', dependsOn: ['a0', 'b0'] },
      db: { tier: 'tier-1', rto: 2 * HOUR },
      cache: {},
    };
    for (let i = 0; i < levels; i++) {
      const below = i + 1 < levels ? [`a${i + 1}`, `b${i + 1}`] : ['db'];
      for (const side of ['a', 'b']) {
        graph[`${side}${i}`] = {
          tier: 'tier-1',
          rto: 30 * MINUTE,
          dependsOn: [...below, 'cache'],
        };
      }
    }
    return graph;
  }

  it('names each inverted dependency once, by its shortest path, however many paths lead to it', () => {
    const result = recoveryInversions('svc', lattice(24), tiers);
    expect(result.inversions).toEqual([
      {
        ref: 'db',
        // the first of the shortest paths, dependencies taken in their declared order
        path: ['svc', ...Array.from({ length: 24 }, (_, i) => `a${i}`), 'db'],
        reasons: ['rto'],
        rto: 2 * HOUR,
        tier: 'tier-1',
      },
    ]);
    expect(result.unknown).toEqual(['cache']);
  });

  it('keeps the shorter of two paths to the same dependency, whichever is met first', () => {
    const graph: Record<string, RecoveryNode> = {
      svc: { tier: 'tier-1', dependsOn: ['long', 'db'] },
      long: { tier: 'tier-1', dependsOn: ['longer'] },
      longer: { tier: 'tier-1', dependsOn: ['db'] },
      db: { tier: 'tier-2' },
    };
    expect(
      recoveryInversions('svc', graph, tiers).inversions.map(i => i.path),
    ).toEqual([['svc', 'db']]);
  });
});

describe('recoveryInversions over shared walks', () => {
  it('reuses what a walk from one service found below a platform for another of the same tier', () => {
    // two tier-1 services on one chain of platforms; the database at its end is tier-2
    const graph: Record<string, RecoveryNode> = {
      orders: { tier: 'tier-1', dependsOn: ['k8s'] },
      payments: { tier: 'tier-1', dependsOn: ['k8s', 'dns'] },
      k8s: { tier: 'tier-1', rto: 30 * MINUTE, dependsOn: ['network'] },
      network: { tier: 'tier-1', dependsOn: ['db'] },
      dns: {},
      db: { tier: 'tier-2' },
    };
    const walks = new RecoveryWalks();
    const orders = recoveryInversions('orders', graph, tiers, walks);
    const held = walks.shared;
    expect(held).toBeGreaterThan(0);
    const payments = recoveryInversions('payments', graph, tiers, walks);
    expect(payments).toEqual(recoveryInversions('payments', graph, tiers));
    expect(payments.inversions.map(i => i.path)).toEqual([
      ['payments', 'k8s', 'network', 'db'],
    ]);
    expect(payments.unknown).toEqual(['dns']);
    expect(orders.inversions.map(i => i.path)).toEqual([
      ['orders', 'k8s', 'network', 'db'],
    ]);
    // k8s and network were found once, for both
    expect(walks.shared).toBe(held + 2);
  });

  it('does not share what lies on a cycle, whose findings depend on where the walk came in', () => {
    // a ⇄ b: from a, b's own dependency on a is cut; from b, a's on b
    const graph: Record<string, RecoveryNode> = {
      a: { tier: 'tier-1', dependsOn: ['b', 'slow'] },
      b: { tier: 'tier-1', dependsOn: ['a', 'unknown'] },
      slow: { tier: 'tier-3' },
      unknown: {},
    };
    const walks = new RecoveryWalks();
    for (const root of ['a', 'b', 'a']) {
      expect(recoveryInversions(root, graph, tiers, walks)).toEqual(
        recoveryInversions(root, graph, tiers),
      );
    }
    // a and b lie on the cycle: only the leaf below it is held
    expect(walks.shared).toBe(1);
  });

  /** A random graph: tiers, RTOs, unknowns, plain dependencies, groups and cycles. */
  function randomGraph(seed: number, size: number) {
    let state = seed;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const pick = <T>(list: readonly T[]): T =>
      list[Math.floor(random() * list.length)];
    const refs = Array.from({ length: size }, (_, i) => `e${i}`);
    const graph = new Map<string, RecoveryNode>();
    for (const [index, ref] of refs.entries()) {
      // mostly downwards, now and then back up: cycles
      const target = () =>
        random() < 0.1
          ? pick(refs)
          : refs[Math.min(size - 1, index + 1 + Math.floor(random() * 6))];
      const dependsOn = Array.from(
        { length: Math.floor(random() * 4) },
        target,
      );
      const redundancy =
        random() < 0.3 ? [{ anyOf: [target(), target()] }] : undefined;
      graph.set(ref, {
        tier: pick(['tier-1', 'tier-2', 'tier-3', null, 'unheard-of']),
        rto: random() < 0.3 ? pick([10 * MINUTE, 2 * HOUR, 2 * DAY]) : null,
        dependsOn: [
          ...dependsOn,
          ...(random() < 0.05 ? ['not-in-the-graph'] : []),
        ],
        redundancy,
      });
    }
    return { graph, refs, random };
  }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'answers every service of a random graph as a walk of its own would (seed %i)',
    seed => {
      const { graph, refs, random } = randomGraph(seed, 60);
      const order = [...refs, ...refs].sort(() => random() - 0.5);
      const walks = new RecoveryWalks();
      for (const root of order) {
        expect(recoveryInversions(root, graph, tiers, walks)).toEqual(
          recoveryInversions(root, graph, tiers),
        );
      }
      expect(walks.shared).toBeGreaterThan(0);
    },
  );

  it('holds no more findings than its bound, and answers as walks of their own beyond it', () => {
    const { graph, refs } = randomGraph(3, 60);
    const walks = new RecoveryWalks({ maxShared: 5 });
    for (const root of refs) {
      expect(recoveryInversions(root, graph, tiers, walks)).toEqual(
        recoveryInversions(root, graph, tiers),
      );
    }
    expect(walks.shared).toBe(5);
  });
});

describe('assessContinuity', () => {
  const now = '2026-10-20T10:00:00Z';

  it('passes a tier-1 service that meets its policy, tested recently, with results in its objectives', () => {
    const { checks, schedule } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy(
        { tier: 'tier-1', rto: HOUR, rpo: 15 * MINUTE },
        tiers,
      ),
      strategy: 'hot-standby',
      tests: [
        {
          performedAt: '2026-06-06T09:00:00Z',
          result: 'passed',
          achievedRto: 40 * MINUTE,
          achievedRpo: 5 * MINUTE,
        },
      ],
      now,
      inversions: recoveryInversions(
        SVC,
        { [SVC]: { tier: 'tier-1', rto: HOUR } },
        tiers,
      ),
      risks: [
        {
          threat: 'regional-outage',
          likelihood: 'low',
          impact: 'high',
          mitigation: 'second region',
        },
      ],
    });
    expect(schedule.state).toBe('current');
    expect(checks.map(c => [c.id, c.status])).toEqual([
      ['rto-within-policy', 'pass'],
      ['rpo-within-policy', 'pass'],
      ['recovery-strategy', 'pass'],
      ['dr-test-due', 'pass'],
      ['dr-test-result', 'pass'],
      ['dr-test-rto', 'pass'],
      ['dr-test-rpo', 'pass'],
      ['dependency-inversion', 'pass'],
      ['risk-register', 'pass'],
    ]);
    expect(worstCheckStatus(checks)).toBe('pass');
    expect(byId(checks, 'dr-test-due')[0].message).toBe(
      'Last tested on 2026-06-06; next test due on 2026-12-03.',
    );
    expect(byId(checks, 'dr-test-rto')[0].message).toBe(
      'The last DR test recovered the service in 40m, within the RTO of 1h.',
    );
    expect(checks.every(c => c.subjects.includes(SVC))).toBe(true);
  });

  it('fails declared objectives looser than the tier allows', () => {
    const { checks } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy(
        { tier: 'tier-1', rto: 4 * HOUR, rpo: 15 * MINUTE },
        tiers,
      ),
      strategy: 'warm-standby',
      tests: [],
      now,
    });
    expect(byId(checks, 'rto-within-policy')[0]).toEqual({
      id: 'rto-within-policy',
      status: 'fail',
      message: 'The declared RTO of 4h is longer than tier-1 allows (1h).',
      subjects: [SVC],
    });
    expect(byId(checks, 'rpo-within-policy')[0].status).toBe('pass');
  });

  it('takes objectives from the tier when none are declared, and warns when there are none at all', () => {
    const fromTier = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'tier-2' }, tiers),
      strategy: 'warm-standby',
      tests: [],
      now,
    }).checks;
    expect(byId(fromTier, 'rto-within-policy')[0]).toEqual(
      expect.objectContaining({
        status: 'pass',
        message: "No RTO declared: tier-2's 4h applies.",
      }),
    );
    const nothing = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({}, tiers),
      tests: [],
      now,
    }).checks;
    expect(byId(nothing, 'rto-within-policy')[0].status).toBe('warn');
    expect(byId(nothing, 'recovery-strategy')).toEqual([]);
  });

  it('fails an unknown tier', () => {
    const { checks } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'gold', rto: HOUR }, tiers),
      tests: [],
      now,
    });
    expect(checks[0]).toEqual(
      expect.objectContaining({ id: 'tier-defined', status: 'fail' }),
    );
  });

  it('fails a none strategy on a tier that requires recovery, warns on a declared RTO alone', () => {
    const onTier = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'tier-1' }, tiers),
      strategy: 'none',
      tests: [],
      now,
    }).checks;
    expect(byId(onTier, 'recovery-strategy')[0]).toEqual(
      expect.objectContaining({
        status: 'fail',
        message:
          'tier-1 requires recovery within 1h, but the recovery strategy is none.',
      }),
    );
    const declaredOnly = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ rto: DAY }, tiers),
      strategy: 'none',
      tests: [],
      now,
    }).checks;
    expect(byId(declaredOnly, 'recovery-strategy')[0].status).toBe('warn');
  });

  it('names a strategy or a test result named like what every object inherits as it is written', () => {
    const { checks } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'tier-1' }, tiers),
      strategy: 'constructor' as any,
      tests: [
        { performedAt: '2026-10-01T09:00:00Z', result: 'toString' as any },
      ],
      now,
    });
    expect(byId(checks, 'recovery-strategy')[0].message).toBe(
      'Recovery strategy: constructor.',
    );
    // a result that is not passed or partial counts as failed
    expect(byId(checks, 'dr-test-result')[0]).toEqual(
      expect.objectContaining({
        status: 'fail',
        message:
          'The last DR test (2026-10-01) failed: the service cannot be relied on to recover.',
      }),
    );
  });

  it('fails an overdue test, naming the date it fell due', () => {
    const { checks, schedule } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'tier-1' }, tiers),
      strategy: 'hot-standby',
      tests: [{ performedAt: '2026-03-01T09:00:00Z', result: 'passed' }],
      now,
    });
    expect(schedule.overdue).toBe(true);
    expect(byId(checks, 'dr-test-due')[0]).toEqual(
      expect.objectContaining({
        status: 'fail',
        message:
          'The DR test is overdue: last tested on 2026-03-01, due again every 180d, so due since 2026-08-28.',
      }),
    );
    // the test recorded no achieved figures
    expect(byId(checks, 'dr-test-rto')[0]).toEqual(
      expect.objectContaining({
        status: 'warn',
        message: 'The last DR test did not record its achieved RTO.',
      }),
    );
  });

  it('fails a plan never tested, and has no result to check', () => {
    const { checks } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'tier-1' }, tiers),
      strategy: 'hot-standby',
      tests: [],
      now,
    });
    expect(byId(checks, 'dr-test-due')[0].status).toBe('fail');
    expect(byId(checks, 'dr-test-result')).toEqual([]);
  });

  it('fails a failed last test and achieved figures beyond the objectives, judging the newest test', () => {
    const { checks } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'tier-1' }, tiers),
      strategy: 'hot-standby',
      tests: [
        {
          performedAt: '2026-09-05T08:00:00Z',
          result: 'failed',
          achievedRto: 2 * HOUR,
          achievedRpo: 10 * MINUTE,
        },
        {
          performedAt: '2026-04-04T08:00:00Z',
          result: 'passed',
          achievedRto: 30 * MINUTE,
          achievedRpo: 5 * MINUTE,
        },
      ],
      now,
    });
    expect(
      checks
        .filter(c => c.id.startsWith('dr-test'))
        .map(c => [c.id, c.status, c.message]),
    ).toEqual([
      [
        'dr-test-due',
        'pass',
        'Last tested on 2026-09-05; next test due on 2027-03-04.',
      ],
      [
        'dr-test-result',
        'fail',
        'The last DR test (2026-09-05) failed: the service cannot be relied on to recover.',
      ],
      [
        'dr-test-rto',
        'fail',
        'The last DR test recovered the service in 2h, more than the RTO of 1h.',
      ],
      [
        'dr-test-rpo',
        'pass',
        'The last DR test lost 10m of data, within the RPO of 15m.',
      ],
    ]);
  });

  it('warns on a partial test', () => {
    const { checks } = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({ tier: 'tier-2' }, tiers),
      strategy: 'warm-standby',
      tests: [{ performedAt: '2026-09-05T08:00:00Z', result: 'partial' }],
      now,
    });
    expect(byId(checks, 'dr-test-result')[0].status).toBe('warn');
  });

  it('names each inversion, with the path, as a failed check', () => {
    const { checks } = assessContinuity({
      entityRef: 'web',
      policy: resolveContinuityPolicy({ tier: 'tier-1' }, tiers),
      strategy: 'hot-standby',
      tests: [],
      now,
      inversions: recoveryInversions(
        'web',
        {
          web: {
            tier: 'tier-1',
            dependsOn: ['component:default/profile', 'payments'],
          },
          'component:default/profile': { tier: 'tier-2' },
          payments: { tier: 'tier-1', dependsOn: ['resource:default/hsm'] },
          'resource:default/hsm': { rto: DAY },
        },
        tiers,
      ),
    });
    expect(byId(checks, 'dependency-inversion')).toEqual([
      {
        id: 'dependency-inversion',
        status: 'fail',
        message:
          "profile recovers in 4h, more than this service's RTO of 1h and is tier-2, a lower tier than tier-1: when it fails, this service cannot meet its recovery objective.",
        subjects: ['component:default/profile'],
      },
      {
        id: 'dependency-inversion',
        status: 'fail',
        message:
          "hsm (via payments) recovers in 1d, more than this service's RTO of 1h: when it fails, this service cannot meet its recovery objective.",
        subjects: ['resource:default/hsm', 'payments'],
      },
    ]);
  });

  it('warns about high risks without a mitigation, and about an empty register', () => {
    const risky = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({}, tiers),
      tests: [],
      now,
      risks: [
        { threat: 'hsm-failure', likelihood: 'medium', impact: 'high' },
        { threat: 'typo', likelihood: 'low', impact: 'low' },
      ],
    }).checks;
    expect(byId(risky, 'risk-register')[0]).toEqual(
      expect.objectContaining({
        status: 'warn',
        message: 'High risk without mitigation: hsm-failure (6).',
      }),
    );
    const empty = assessContinuity({
      entityRef: SVC,
      policy: resolveContinuityPolicy({}, tiers),
      tests: [],
      now,
      risks: [],
    }).checks;
    expect(byId(empty, 'risk-register')[0].status).toBe('warn');
    expect(worstCheckStatus(empty)).toBe('fail');
  });
});
