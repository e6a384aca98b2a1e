import {
  compositeAvailability,
  CompositeNode,
  isTargetAchievable,
} from './composite';

describe('compositeAvailability', () => {
  it('multiplies serial dependencies and leaves the service itself out of its ceiling', () => {
    const graph: Record<string, CompositeNode> = {
      'component:default/payments': {
        availability: 99.99,
        dependsOn: ['resource:default/db', 'component:default/fraud'],
      },
      'resource:default/db': { availability: 99.9 },
      'component:default/fraud': { availability: 99.5 },
    };
    const result = compositeAvailability('component:default/payments', graph);
    // 0.999 × 0.995 = 0.994005 → 99.4005 %; the service's own 99.99 is its target, not a limit
    expect(result.achievable).toBeCloseTo(99.4005, 10);
    expect(result.exact).toBe(true);
    expect(result.unknown).toEqual([]);
    expect(result.cycles).toEqual([]);
    // making fraud perfect gives 99.9 (+0.4995 pp); making the db perfect gives 99.5 (+0.0995 pp)
    expect(result.limitingDependencies).toEqual([
      {
        ref: 'component:default/fraud',
        availability: 99.5,
        contribution: expect.closeTo(0.4995, 10),
      },
      {
        ref: 'resource:default/db',
        availability: 99.9,
        contribution: expect.closeTo(0.0995, 10),
      },
    ]);
    expect(isTargetAchievable(99.95, result.achievable)).toBe(false);
    expect(isTargetAchievable(99.4, result.achievable)).toBe(true);
    expect(isTargetAchievable(99.4005, result.achievable)).toBe(true);
  });

  it('counts a redundant pair as one dependency, 1 − Π(1 − aᵢ)', () => {
    const graph = new Map<string, CompositeNode>([
      [
        'component:default/payments',
        {
          dependsOn: [
            'resource:default/db-eu',
            'resource:default/db-us',
            'component:default/fraud',
          ],
          redundancy: [
            { anyOf: ['resource:default/db-eu', 'resource:default/db-us'] },
          ],
        },
      ],
      ['resource:default/db-eu', { availability: 99 }],
      ['resource:default/db-us', { availability: 99 }],
      ['component:default/fraud', { availability: 99.9 }],
    ]);
    const result = compositeAvailability('component:default/payments', graph);
    // pair: 1 − 0.01 × 0.01 = 0.9999; × fraud 0.999 = 0.9989001 → 99.89001 %
    expect(result.achievable).toBeCloseTo(99.89001, 10);
    // fraud perfect: 0.9999 → +0.09999 pp; one db perfect: pair 1 → 0.999 → +0.00999 pp each
    expect(
      result.limitingDependencies.map(l => [l.ref, l.contribution]),
    ).toEqual([
      ['component:default/fraud', expect.closeTo(0.09999, 10)],
      ['resource:default/db-eu', expect.closeTo(0.00999, 10)],
      ['resource:default/db-us', expect.closeTo(0.00999, 10)],
    ]);
  });

  it('recurses: a dependency counts with its own dependencies', () => {
    const result = compositeAvailability('svc', {
      svc: { dependsOn: ['api'] },
      api: { availability: 99.9, dependsOn: ['queue'] },
      queue: { availability: 99 },
    });
    // 0.999 × 0.99 = 0.98901 → 98.901 %
    expect(result.achievable).toBeCloseTo(98.901, 10);
    expect(result.limitingDependencies.map(l => l.ref)).toEqual([
      'queue',
      'api',
    ]);
  });

  it('counts a shared dependency of a diamond once', () => {
    // svc → b → d and svc → c → d
    const result = compositeAvailability('svc', {
      svc: { dependsOn: ['b', 'c'] },
      b: { availability: 99, dependsOn: ['d'] },
      c: { availability: 98, dependsOn: ['d'] },
      d: { availability: 95 },
    });
    // d fails once for both branches: 0.99 × 0.98 × 0.95 = 0.92169 → 92.169 %
    // (treating the branches as independent would give 0.99 × 0.95 × 0.98 × 0.95 = 0.875…)
    expect(result.achievable).toBeCloseTo(92.169, 10);
    expect(result.exact).toBe(true);
    // without d's failures: 0.99 × 0.98 = 0.9702 → +4.851 pp; c perfect: 0.99 × 0.95 = 0.9405 → +1.881 pp;
    // b perfect: 0.98 × 0.95 = 0.931 → +0.931 pp
    expect(result.limitingDependencies).toEqual([
      { ref: 'd', availability: 95, contribution: expect.closeTo(4.851, 10) },
      { ref: 'c', availability: 98, contribution: expect.closeTo(1.881, 10) },
      { ref: 'b', availability: 99, contribution: expect.closeTo(0.931, 10) },
    ]);
  });

  it('does not let redundancy hide a dependency both sides share', () => {
    // svc needs any of b, c; both need d
    const result = compositeAvailability('svc', {
      svc: { dependsOn: ['b', 'c'], redundancy: [{ anyOf: ['b', 'c'] }] },
      b: { availability: 99, dependsOn: ['d'] },
      c: { availability: 99, dependsOn: ['d'] },
      d: { availability: 95 },
    });
    // d up (0.95): the pair 1 − 0.01² = 0.9999; d down: nothing. 0.95 × 0.9999 = 0.949905 → 94.9905 %
    // (independent branches would claim 1 − (1 − 0.99 × 0.95)² = 0.99646)
    expect(result.achievable).toBeCloseTo(94.9905, 10);
    expect(result.limitingDependencies[0].ref).toBe('d');
  });

  it('cuts cycles where they close and reports them', () => {
    const result = compositeAvailability('svc', {
      svc: { dependsOn: ['a'] },
      a: { availability: 99, dependsOn: ['b'] },
      b: { availability: 98, dependsOn: ['a', 'svc'] },
    });
    // b → a and b → svc close cycles and are left out: 0.99 × 0.98 = 0.9702
    expect(result.achievable).toBeCloseTo(97.02, 10);
    expect(result.cycles).toEqual([
      { from: 'b', to: 'a' },
      { from: 'b', to: 'svc' },
    ]);

    // a self-dependency
    expect(
      compositeAvailability('svc', { svc: { dependsOn: ['svc'] } }).cycles,
    ).toEqual([{ from: 'svc', to: 'svc' }]);
  });

  it('ignores entities missing from the graph and reports them as unknown', () => {
    const result = compositeAvailability('svc', {
      svc: {
        dependsOn: ['ghost', 'proxy', 'pair-a', 'pair-b'],
        redundancy: [{ anyOf: ['pair-a', 'pair-b'] }],
      },
      // in the graph, but declares no availability: counts as 100 %, its dependencies still count
      proxy: { dependsOn: ['db'] },
      db: { availability: 99 },
      // only one member of the pair is known: the pair is as good as that one
      'pair-a': { availability: 90 },
    });
    // ghost ignored, proxy 1 × db 0.99, pair 0.90 → 0.891
    expect(result.achievable).toBeCloseTo(89.1, 10);
    expect(result.unknown).toEqual(['ghost', 'pair-b', 'proxy']);
    expect(result.limitingDependencies.map(l => l.ref)).toEqual([
      'pair-a',
      'db',
    ]);
  });

  it('has nothing limiting a service without known dependencies', () => {
    expect(compositeAvailability('lonely', { lonely: {} })).toMatchObject({
      achievable: 100,
      limitingDependencies: [],
      unknown: [],
    });
    expect(compositeAvailability('nowhere', {})).toMatchObject({
      achievable: 100,
      unknown: ['nowhere'],
    });
  });

  it('stays exact through a chain of shared dependencies', () => {
    // svc → x, y; x → shared, y → shared; shared → base; plus a second diamond below
    const result = compositeAvailability('svc', {
      svc: { dependsOn: ['x', 'y'] },
      x: { availability: 99, dependsOn: ['shared'] },
      y: { availability: 99, dependsOn: ['shared', 'base'] },
      shared: { availability: 98, dependsOn: ['base'] },
      base: { availability: 97 },
    });
    // every distinct entity once: 0.99 × 0.99 × 0.98 × 0.97 = 0.93168306
    expect(result.achievable).toBeCloseTo(93.168306, 10);
  });

  it('stays exact and fast when many services share platforms serially', () => {
    // 40 services each on one of 12 shared platforms: every distinct entity once,
    // 0.999^40 × 0.995^12
    const graph: Record<string, CompositeNode> = { svc: { dependsOn: [] } };
    for (let i = 0; i < 40; i++) {
      (graph.svc.dependsOn as string[]).push(`api-${i}`);
      graph[`api-${i}`] = {
        availability: 99.9,
        dependsOn: [`platform-${i % 12}`],
      };
    }
    for (let i = 0; i < 12; i++)
      graph[`platform-${i}`] = { availability: 99.5 };
    const result = compositeAvailability('svc', graph);
    expect(result.exact).toBe(true);
    expect(result.achievable).toBeCloseTo(0.999 ** 40 * 0.995 ** 12 * 100, 10);
  });

  it('falls back to independent branches beyond ten uncertain shared entities', () => {
    // svc needs any of p, q; both need the same eleven shards
    const shards = Array.from({ length: 11 }, (_, i) => `shard-${i}`);
    const graph: Record<string, CompositeNode> = {
      svc: { dependsOn: ['p', 'q'], redundancy: [{ anyOf: ['p', 'q'] }] },
      p: { availability: 90, dependsOn: shards },
      q: { availability: 90, dependsOn: shards },
    };
    for (const shard of shards) graph[shard] = { availability: 99.9 };
    const result = compositeAvailability('svc', graph);
    expect(result.exact).toBe(false);
    // each branch on its own: 1 − (1 − 0.9 × 0.999^11)²; the exact answer would be
    // (1 − 0.1²) × 0.999^11, which this overstates
    const branch = 0.9 * 0.999 ** 11;
    expect(result.achievable).toBeCloseTo((1 - (1 - branch) ** 2) * 100, 10);

    // with ten shards it is exact
    const ten = shards.slice(0, 10);
    const exact = compositeAvailability('svc', {
      ...graph,
      p: { availability: 90, dependsOn: ten },
      q: { availability: 90, dependsOn: ten },
    });
    expect(exact.exact).toBe(true);
    expect(exact.achievable).toBeCloseTo(
      (1 - 0.1 ** 2) * 0.999 ** 10 * 100,
      10,
    );
  });

  it('leaves the limiting dependencies unranked when asked, with the same ceiling', () => {
    const graph = {
      svc: { dependsOn: ['a', 'b'] },
      a: { availability: 99.9 },
      b: { availability: 99.5 },
    };
    const ranked = compositeAvailability('svc', graph);
    const plain = compositeAvailability('svc', graph, { limits: false });
    // 0.999 × 0.995
    expect(plain.achievable).toBeCloseTo(99.4005, 10);
    expect(plain.achievable).toBe(ranked.achievable);
    expect(plain.limitingDependencies).toEqual([]);
    expect(ranked.limitingDependencies.map(d => d.ref)).toEqual(['b', 'a']);
  });

  it('rejects an availability outside 0–100', () => {
    expect(() =>
      compositeAvailability('svc', {
        svc: { dependsOn: ['a'] },
        a: { availability: 101 },
      }),
    ).toThrow(/a: availability must be a percentage from 0 to 100/);
  });

  it('works a lattice of a million paths out once per entity', () => {
    // 20 layers of two entities, each depending on both of the layer below: 2²⁰ paths from the
    // root, 40 entities, each counted once
    const graph: Record<string, CompositeNode> = {
      root: { dependsOn: ['l0a', 'l0b'] },
    };
    for (let layer = 0; layer < 20; layer++) {
      const below = layer < 19 ? [`l${layer + 1}a`, `l${layer + 1}b`] : [];
      graph[`l${layer}a`] = { availability: 99.9, dependsOn: below };
      graph[`l${layer}b`] = { availability: 99.8, dependsOn: below };
    }
    const result = compositeAvailability('root', graph);
    expect(result.exact).toBe(true);
    expect(result.achievable).toBeCloseTo(0.999 ** 20 * 0.998 ** 20 * 100, 9);
    expect(result.limitingDependencies).toHaveLength(40);
  });

  it('keeps a shared entity behind redundancy exact in a lattice', () => {
    // a failover pair over a shared database, reached through every layer above: ten shared
    // entities of uncertain state, fixed one by one
    const graph: Record<string, CompositeNode> = {
      root: { dependsOn: ['l0a', 'l0b'] },
      primary: { availability: 99, dependsOn: ['db'] },
      replica: { availability: 99, dependsOn: ['db'] },
      db: { availability: 99.5 },
    };
    for (let layer = 0; layer < 4; layer++) {
      const below = layer < 3 ? [`l${layer + 1}a`, `l${layer + 1}b`] : ['pair'];
      graph[`l${layer}a`] = { availability: 100, dependsOn: below };
      graph[`l${layer}b`] = { availability: 100, dependsOn: below };
    }
    graph.pair = {
      availability: 100,
      redundancy: [{ anyOf: ['primary', 'replica'] }],
    };
    const result = compositeAvailability('root', graph);
    expect(result.exact).toBe(true);
    // the database fails both members at once: 0.995 × (1 − 0.01²)
    expect(result.achievable).toBeCloseTo(0.995 * (1 - 0.01 ** 2) * 100, 9);
  });
});
