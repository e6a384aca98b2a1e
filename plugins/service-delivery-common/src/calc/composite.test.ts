import {
  compositeAvailability,
  CompositeEvaluator,
  CompositeNode,
  EVALUATION_BUDGET,
  feasibilityOf,
  isTargetAchievable,
  MAX_EXACT_SHARED,
} from './composite';

describe('compositeAvailability', () => {
  it('answers a ceiling asked for again from the first evaluation, and still ranks limits when asked', () => {
    // svc → a (99.9 %) and any of b (99 %), c (98 %): 0.999 × (1 − 0.01 × 0.02) = 0.9988002
    const evaluator = new CompositeEvaluator({
      svc: {
        dependsOn: ['a', 'b', 'c'],
        redundancy: [{ anyOf: ['b', 'c'] }],
      },
      a: { availability: 99.9 },
      b: { availability: 99 },
      c: { availability: 98 },
    });
    const first = evaluator.evaluate('svc', { limits: false, details: false });
    expect(first.achievable).toBeCloseTo(99.88002, 9);
    expect(first.limitingDependencies).toEqual([]);
    expect(evaluator.evaluate('svc', { limits: false, details: false })).toBe(
      first,
    );
    expect(evaluator.work).toBe(0);
    const ranked = evaluator.evaluate('svc');
    expect(ranked.achievable).toBeCloseTo(99.88002, 9);
    // a never failing gains 0.9998 × 0.001 = 0.09998 points; b or c never failing makes the pair
    // certain, 0.999 × 0.0002 = 0.01998 points each: the tie goes to the less available, c
    expect(ranked.limitingDependencies.map(d => d.ref)).toEqual([
      'a',
      'c',
      'b',
    ]);
    expect(ranked.limitingDependencies[0].contribution).toBeCloseTo(0.09998, 9);
    expect(ranked.limitingDependencies[1].contribution).toBeCloseTo(0.01998, 9);
  });

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

  it.each([1, 10, 11, 30])(
    'factors out %i platforms that both sides of a failover pair need, and ranks them first',
    platforms => {
      // svc needs any of p, q (99 % each); both need the same platforms (99.9 % each)
      const names = Array.from(
        { length: platforms },
        (_, i) => `platform-${i}`,
      );
      const graph: Record<string, CompositeNode> = {
        svc: { dependsOn: ['p', 'q'], redundancy: [{ anyOf: ['p', 'q'] }] },
        p: { availability: 99, dependsOn: names },
        q: { availability: 99, dependsOn: names },
      };
      for (const name of names) graph[name] = { availability: 99.9 };
      const result = compositeAvailability('svc', graph);
      // each platform fails both sides at once: 0.999ⁿ × (1 − 0.01²)
      const ceiling = 0.999 ** platforms * (1 - 0.01 ** 2);
      expect(result.exact).toBe(true);
      expect(result.achievable).toBeCloseTo(ceiling * 100, 10);
      expect(result.bounds.low).toBe(result.bounds.high);
      // a platform never failing gains ceiling × (1/0.999 − 1) ≈ 0.1 pp; p never failing lifts the pair
      // from 0.9999 to 1: 0.999ⁿ × 0.0001 ≈ 0.01 pp
      const ranked = result.limitingDependencies;
      expect(
        ranked
          .slice(0, platforms)
          .map(d => d.ref)
          .sort(),
      ).toEqual([...names].sort());
      expect(ranked[0].contribution).toBeCloseTo(
        (ceiling / 0.999 - ceiling) * 100,
        10,
      );
      expect(ranked.slice(platforms).map(d => [d.ref, d.contribution])).toEqual(
        [
          ['p', expect.closeTo(0.999 ** platforms * 0.0001 * 100, 10)],
          ['q', expect.closeTo(0.999 ** platforms * 0.0001 * 100, 10)],
        ],
      );
    },
  );

  it('nests redundancy: a pair of regions, each a pair of nodes over a shared network', () => {
    const result = compositeAvailability('svc', {
      svc: {
        dependsOn: ['region-a', 'region-b'],
        redundancy: [{ anyOf: ['region-a', 'region-b'] }],
      },
      'region-a': {
        availability: 99,
        dependsOn: ['a1', 'a2', 'network'],
        redundancy: [{ anyOf: ['a1', 'a2'] }],
      },
      'region-b': {
        availability: 99,
        dependsOn: ['b1', 'b2', 'network'],
        redundancy: [{ anyOf: ['b1', 'b2'] }],
      },
      a1: { availability: 90 },
      a2: { availability: 90 },
      b1: { availability: 90 },
      b2: { availability: 90 },
      network: { availability: 99.5 },
    });
    // network: both regions need it, a plain factor 0.995. A region: 0.99 × (1 − 0.1²) = 0.9801;
    // either region: 1 − 0.0199² = 0.99960399; × 0.995 = 0.99460597005
    expect(result.exact).toBe(true);
    expect(result.achievable).toBeCloseTo(99.460597005, 9);
    expect(result.limitingDependencies[0].ref).toBe('network');
  });

  it('counts an entity reached through a group and a plain path once (a diamond through redundancy)', () => {
    // svc needs r and any of p, q; p and r both need d
    const result = compositeAvailability('svc', {
      svc: { dependsOn: ['r', 'p', 'q'], redundancy: [{ anyOf: ['p', 'q'] }] },
      r: { availability: 99, dependsOn: ['d'] },
      p: { availability: 90, dependsOn: ['d'] },
      q: { availability: 90 },
      d: { availability: 95 },
    });
    // d is required through r; given it is up, p and q are independent: 0.99 × 0.95 × (1 − 0.1²)
    expect(result.exact).toBe(true);
    expect(result.achievable).toBeCloseTo(0.99 * 0.95 * 0.99 * 100, 10);
  });

  it('enumerates an entity two different groups share', () => {
    // svc needs any of p1, q1 and any of p2, q2; p1 and p2 both stand on s
    const result = compositeAvailability('svc', {
      svc: {
        dependsOn: ['p1', 'q1', 'p2', 'q2'],
        redundancy: [{ anyOf: ['p1', 'q1'] }, { anyOf: ['p2', 'q2'] }],
      },
      p1: { availability: 95, dependsOn: ['s'] },
      p2: { availability: 95, dependsOn: ['s'] },
      q1: { availability: 80 },
      q2: { availability: 80 },
      s: { availability: 90 },
    });
    // s up (0.9): each pair 1 − 0.05 × 0.2 = 0.99, both 0.9801; s down (0.1): only q1 and q2, 0.8² = 0.64.
    // 0.9 × 0.9801 + 0.1 × 0.64 = 0.94609 (independent branches would say 0.98 … each pair
    // 1 − 0.145 × 0.2 = 0.971, both 0.942841)
    expect(result.exact).toBe(true);
    expect(result.achievable).toBeCloseTo(94.609, 10);
    expect(result.limitingDependencies[0].ref).toBe('s');
  });

  it('cuts a cycle through a redundancy group', () => {
    const result = compositeAvailability('svc', {
      svc: { dependsOn: ['a', 'b'], redundancy: [{ anyOf: ['a', 'b'] }] },
      a: { availability: 90, dependsOn: ['svc'] },
      b: { availability: 90, dependsOn: ['a'] },
    });
    // b needs a, so the pair is as good as a: 0.9
    expect(result.achievable).toBeCloseTo(90, 10);
    expect(result.exact).toBe(true);
    expect(result.cycles).toEqual([{ from: 'a', to: 'svc' }]);
  });

  it('keeps an entangled graph within its work budget, bounded around the truth', () => {
    // 150 failover pairs; each member stands on 2 of 60 platforms, every platform under 10 members
    const platforms = Array.from({ length: 60 }, (_, i) => `p${i}`);
    const own = (i: number) => 0.995 - (i % 5) * 0.003;
    const graph: Record<string, CompositeNode> = {};
    platforms.forEach((name, i) => {
      graph[name] = { availability: own(i) * 100 };
    });
    const pairs = Array.from({ length: 150 }, (_, i) => ({
      a: { ref: `a${i}`, on: [i % 60, (i + 7) % 60], availability: 0.99 },
      b: {
        ref: `b${i}`,
        on: [(i + 13) % 60, (i + 29) % 60],
        availability: 0.98,
      },
    }));
    for (const { a, b } of pairs) {
      for (const member of [a, b]) {
        graph[member.ref] = {
          availability: member.availability * 100,
          dependsOn: member.on.map(i => platforms[i]),
        };
      }
    }
    graph.svc = {
      dependsOn: pairs.flatMap(({ a, b }) => [a.ref, b.ref]),
      redundancy: pairs.map(({ a, b }) => ({ anyOf: [a.ref, b.ref] })),
    };
    const evaluator = new CompositeEvaluator(graph);
    const result = evaluator.evaluate('svc');

    // all 2⁶⁰ platform states cannot be enumerated: the ceiling is bounded, the work capped
    expect(result.exact).toBe(false);
    expect(evaluator.work).toBeLessThanOrEqual(2.5 * EVALUATION_BUDGET);
    expect(result.limitingDependencies.length).toBeGreaterThan(0);

    // the truth estimated by sampling the platforms (seeded): given their states, the pairs are
    // independent, 1 − (1 − a·[a's platforms up])(1 − b·[b's platforms up]) each
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const samples = 20_000;
    let sum = 0;
    let squares = 0;
    for (let n = 0; n < samples; n++) {
      const up = platforms.map((_, i) => random() < own(i));
      let value = 1;
      for (const { a, b } of pairs) {
        const pa = a.on.every(i => up[i]) ? a.availability : 0;
        const pb = b.on.every(i => up[i]) ? b.availability : 0;
        value *= 1 - (1 - pa) * (1 - pb);
      }
      sum += value;
      squares += value * value;
    }
    const mean = sum / samples;
    const error = Math.sqrt((squares / samples - mean * mean) / samples);
    expect(result.bounds.low).toBeLessThanOrEqual((mean + 4 * error) * 100);
    expect(result.bounds.high).toBeGreaterThanOrEqual((mean - 4 * error) * 100);
  });

  it('bounds the ceiling, honestly, beyond the entities it enumerates', () => {
    // svc needs any of p1, q1 and any of p2, q2; p1 and p2 both stand on 13 shared entities
    const names = Array.from(
      { length: MAX_EXACT_SHARED + 1 },
      (_, i) => `s${i}`,
    );
    const graph: Record<string, CompositeNode> = {
      svc: {
        dependsOn: ['p1', 'q1', 'p2', 'q2'],
        redundancy: [{ anyOf: ['p1', 'q1'] }, { anyOf: ['p2', 'q2'] }],
      },
      p1: { availability: 99, dependsOn: names },
      p2: { availability: 99, dependsOn: names },
      q1: { availability: 90 },
      q2: { availability: 90 },
    };
    names.forEach((name, i) => {
      graph[name] = { availability: 99 - i * 0.5 };
    });
    const result = compositeAvailability('svc', graph);

    // the truth, worked out by hand: with all 13 up (probability S = Π sᵢ) both pairs are
    // 1 − 0.01 × 0.1 = 0.999; with any down only q1 and q2 hold, 0.9² = 0.81
    const S = names.reduce((product, _, i) => product * (0.99 - i * 0.005), 1);
    const truth = (S * 0.999 ** 2 + (1 - S) * 0.81) * 100;
    expect(result.exact).toBe(false);
    expect(result.bounds.low).toBeLessThanOrEqual(truth + 1e-9);
    expect(result.bounds.high).toBeGreaterThanOrEqual(truth - 1e-9);
    expect(result.bounds.high).toBeGreaterThan(result.bounds.low);
    // the figure given alone is the conservative one
    expect(result.achievable).toBe(result.bounds.low);
    expect(feasibilityOf(result.bounds.low - 0.01, result)).toBe('achievable');
    expect(
      feasibilityOf((result.bounds.low + result.bounds.high) / 2, result),
    ).toBe('uncertain');
    expect(feasibilityOf(result.bounds.high + 0.01, result)).toBe(
      'unachievable',
    );

    // with one shared entity fewer it is exact again, and equal to the truth worked the same way
    const twelve = names.slice(0, MAX_EXACT_SHARED);
    const exact = compositeAvailability('svc', {
      ...graph,
      p1: { availability: 99, dependsOn: twelve },
      p2: { availability: 99, dependsOn: twelve },
    });
    const S12 = twelve.reduce(
      (product, _, i) => product * (0.99 - i * 0.005),
      1,
    );
    expect(exact.exact).toBe(true);
    expect(exact.achievable).toBeCloseTo(
      (S12 * 0.999 ** 2 + (1 - S12) * 0.81) * 100,
      9,
    );
  });

  it('answers many roots over one graph as each would alone', () => {
    const graph: Record<string, CompositeNode> = {
      a: {
        dependsOn: ['db-1', 'db-2', 'net'],
        redundancy: [{ anyOf: ['db-1', 'db-2'] }],
      },
      b: { dependsOn: ['a', 'net'] },
      c: { dependsOn: ['b', 'db-1'] },
      'db-1': { availability: 99, dependsOn: ['net'] },
      'db-2': { availability: 98, dependsOn: ['net'] },
      net: { availability: 99.9 },
    };
    const evaluator = new CompositeEvaluator(graph);
    for (const root of ['c', 'a', 'b', 'db-1', 'c']) {
      expect(evaluator.evaluate(root)).toEqual(
        compositeAvailability(root, graph),
      );
    }
    // c needs b, a, net and db-1 plainly; given db-1 up the pair holds: 0.999 × 0.99 (a, b unknown)
    expect(evaluator.evaluate('c').achievable).toBeCloseTo(
      0.999 * 0.99 * 100,
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

describe('compositeAvailability against every state of small graphs', () => {
  /** The probability that the root's dependencies hold, by summing over all 2ⁿ up/down states. */
  function bruteForce(root: string, graph: Record<string, CompositeNode>) {
    const refs = Object.keys(graph).filter(ref => ref !== root);
    let total = 0;
    for (let state = 0; state < 1 << refs.length; state++) {
      const upOwn = new Map(refs.map((ref, i) => [ref, (state >> i) & 1]));
      let weight = 1;
      for (const ref of refs) {
        const a = (graph[ref].availability ?? 100) / 100;
        weight *= upOwn.get(ref) ? a : 1 - a;
      }
      const memo = new Map<string, boolean>();
      const up = (ref: string): boolean => {
        if (memo.has(ref)) return memo.get(ref)!;
        const node = graph[ref];
        const grouped = new Set((node.redundancy ?? []).flatMap(g => g.anyOf));
        const result =
          (ref === root || upOwn.get(ref) === 1) &&
          (node.dependsOn ?? []).every(dep => grouped.has(dep) || up(dep)) &&
          (node.redundancy ?? []).every(group => group.anyOf.some(up));
        memo.set(ref, result);
        return result;
      };
      if (up(root)) total += weight;
    }
    return total * 100;
  }

  /** A random acyclic graph: entity i depends only on entities after it. */
  function randomGraph(seed: number, size: number) {
    let x = seed;
    const random = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
    const graph: Record<string, CompositeNode> = {};
    for (let i = 0; i < size; i++) {
      const later = Array.from(
        { length: size - i - 1 },
        (_, k) => `e${i + 1 + k}`,
      );
      const dependsOn = later.filter(() => random() < 0.35);
      const redundancy: Array<{ anyOf: string[] }> = [];
      if (random() < 0.6 && later.length >= 2) {
        const members = later.filter(() => random() < 0.4).slice(0, 3);
        if (members.length >= 2) redundancy.push({ anyOf: members });
      }
      graph[`e${i}`] = {
        availability: i === 0 ? undefined : 80 + Math.floor(random() * 20),
        dependsOn: [
          ...new Set([...dependsOn, ...redundancy.flatMap(g => g.anyOf)]),
        ],
        redundancy,
      };
    }
    return graph;
  }

  it('equals the sum over all states on 300 random graphs of up to 11 entities', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const graph = randomGraph(seed, 4 + (seed % 8));
      const result = compositeAvailability('e0', graph);
      const truth = bruteForce('e0', graph);
      expect(result.bounds.low).toBeLessThanOrEqual(truth + 1e-9);
      expect(result.bounds.high).toBeGreaterThanOrEqual(truth - 1e-9);
      // exact answers equal the truth; bounded ones were checked against it above
      expect(result.exact ? result.achievable : truth).toBeCloseTo(truth, 9);
    }
  });
});

describe('CompositeEvaluator sharing edges between graphs', () => {
  /** Random edges over `size` entities, cycles included, and two sets of availabilities. */
  function twoGraphs(seed: number, size: number) {
    let x = seed;
    const random = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
    const refs = Array.from({ length: size }, (_, i) => `e${i}`);
    const first: Record<string, CompositeNode> = {};
    const second: Record<string, CompositeNode> = {};
    for (const [i, ref] of refs.entries()) {
      // mostly later entities, now and then an earlier one: a cycle
      const dependsOn = refs.filter(
        (_, j) => j !== i && random() < (j > i ? 0.3 : 0.05),
      );
      const redundancy: Array<{ anyOf: string[] }> = [];
      if (random() < 0.6) {
        const members = refs.filter((_, j) => j > i && random() < 0.4);
        if (members.length >= 2)
          redundancy.push({ anyOf: members.slice(0, 3) });
      }
      // a dependency outside the graph now and then
      if (random() < 0.1) dependsOn.push('missing');
      const edges = {
        dependsOn: [
          ...new Set([...dependsOn, ...redundancy.flatMap(g => g.anyOf)]),
        ],
        redundancy,
      };
      const availability = () =>
        random() < 0.15 ? undefined : 80 + Math.floor(random() * 20);
      first[ref] = { availability: availability(), ...edges };
      second[ref] = { availability: availability(), ...edges };
    }
    return { refs, first, second };
  }

  it('answers every root of both graphs as an evaluator of its own graph alone would, whichever is asked first', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const { refs, first, second } = twoGraphs(seed, 5 + (seed % 10));
      const one = new CompositeEvaluator(first);
      const other = new CompositeEvaluator(second, { sameEdgesAs: one });
      type Options = { limits?: boolean; details?: boolean };
      // where cycles are cut depends on the order entities were first met: an evaluator alone is
      // asked everything asked of both before, in the same order, so that it meets them in it
      const asked: Array<[string, Options]> = [];
      const alone = (graph: Record<string, CompositeNode>) => {
        const evaluator = new CompositeEvaluator(graph);
        for (const [root, options] of asked) evaluator.evaluate(root, options);
        return evaluator;
      };
      const check = (
        evaluator: CompositeEvaluator,
        graph: Record<string, CompositeNode>,
        root: string,
        options: Options,
      ) => {
        const expected = alone(graph).evaluate(root, options);
        expect(evaluator.evaluate(root, options)).toEqual(expected);
        asked.push([root, options]);
      };
      // half the roots of the first graph first, so that the second meets edges and requirements
      // worked out by the first for entities it has not read itself
      const order = seed % 2 === 0 ? refs : [...refs].reverse();
      for (const ref of order.slice(0, Math.ceil(order.length / 2))) {
        check(one, first, ref, {});
      }
      for (const ref of order) {
        check(other, second, ref, { limits: false, details: false });
        check(other, second, ref, {});
        check(one, first, ref, {});
      }
    }
  });

  it('refuses a graph whose entities are not those of the graph whose edges it shares', () => {
    const one = new CompositeEvaluator({
      root: { dependsOn: ['db'] },
      db: { availability: 99 },
    });
    expect(one.evaluate('root').achievable).toBeCloseTo(99, 9);
    const other = new CompositeEvaluator(
      { root: { dependsOn: ['db'] } },
      { sameEdgesAs: one },
    );
    expect(() => other.evaluate('root')).toThrow(
      /db is in a graph whose edges this evaluator shares but not in its own/,
    );
  });
});
