import { TierPolicies } from './continuity';
import {
  buildImpactIndex,
  criticalFailures,
  failureImpact,
  failurePath,
  ImpactNode,
  singlePointsOfFailure,
} from './impact';

const tiers: TierPolicies = { 'tier-1': {}, 'tier-2': {}, 'tier-3': {} };

/*
 * A small bank, as in the examples:
 *
 *   web ──┬─ payments ──┬─ db-eu ┐ either suffices
 *         │             ├─ db-us ┘
 *         │             ├─ card-auth ── hsm
 *         │             └─ cluster
 *         └─ profile ── cluster
 *   system payments-processing: payments, card-auth, hsm, db-eu, db-us (entry part: payments)
 *   system digital: web, profile (entry part: web)
 */
const bank: Record<string, ImpactNode> = {
  web: {
    tier: 'tier-1',
    dependsOn: ['payments', 'profile'],
    partOf: ['digital'],
  },
  profile: { tier: 'tier-2', dependsOn: ['cluster'], partOf: ['digital'] },
  payments: {
    tier: 'tier-1',
    dependsOn: ['db-eu', 'db-us', 'card-auth', 'cluster'],
    redundancy: [{ anyOf: ['db-eu', 'db-us'] }],
    partOf: ['payments-processing'],
  },
  'card-auth': {
    tier: 'tier-1',
    dependsOn: ['hsm'],
    partOf: ['payments-processing'],
  },
  hsm: { partOf: ['payments-processing'] },
  'db-eu': { tier: 'tier-1', partOf: ['payments-processing'] },
  'db-us': { tier: 'tier-1', partOf: ['payments-processing'] },
  cluster: { tier: 'tier-1' },
  'payments-processing': { tier: 'tier-1' },
  digital: { tier: 'tier-2' },
};

describe('failureImpact', () => {
  const index = buildImpactIndex(bank);

  it('follows dependsOn upwards, nearest first, with the path and a whole through its entry part', () => {
    const impact = failureImpact(index, 'hsm');
    expect(impact.failed).toEqual(['hsm']);
    expect(impact.failsWith).toEqual([
      {
        ref: 'card-auth',
        depth: 1,
        path: ['hsm', 'card-auth'],
        cause: 'hsm',
        via: 'dependsOn',
      },
      {
        ref: 'payments',
        depth: 2,
        path: ['hsm', 'card-auth', 'payments'],
        cause: 'card-auth',
        via: 'dependsOn',
      },
      {
        ref: 'web',
        depth: 3,
        path: ['hsm', 'card-auth', 'payments', 'web'],
        cause: 'payments',
        via: 'dependsOn',
      },
      {
        ref: 'payments-processing',
        depth: 3,
        path: ['hsm', 'card-auth', 'payments', 'payments-processing'],
        cause: 'payments',
        via: 'partOf',
      },
      {
        ref: 'digital',
        depth: 4,
        path: ['hsm', 'card-auth', 'payments', 'web', 'digital'],
        cause: 'web',
        via: 'partOf',
      },
    ]);
    expect(impact.survives).toEqual([]);
  });

  it('lets nothing fail with one member of a redundant pair, and says who survives on what', () => {
    const impact = failureImpact(index, 'db-eu');
    // db-eu is a part of payments-processing, but not an entry part: the system stands while payments does
    expect(impact.failsWith).toEqual([]);
    expect(impact.survives).toEqual([
      { ref: 'payments', lost: ['db-eu'], alternatives: ['db-us'] },
    ]);
  });

  it('fails a dependant when every member of its group fails', () => {
    const impact = failureImpact(index, ['db-eu', 'db-us']);
    expect(impact.failsWith.map(e => [e.ref, e.via])).toEqual([
      ['payments', 'redundancy'],
      ['web', 'dependsOn'],
      ['payments-processing', 'partOf'],
      ['digital', 'partOf'],
    ]);
    expect(impact.survives).toEqual([]);
  });

  it('fails everything a shared resource carries, whatever the path', () => {
    const impact = failureImpact(index, 'cluster');
    // profile and payments directly; web through either; both systems through their entry parts
    expect(impact.failsWith.map(e => [e.ref, e.depth])).toEqual([
      ['profile', 1],
      ['payments', 1],
      ['web', 2],
      ['payments-processing', 2],
      ['digital', 3],
    ]);
  });

  it('fails dependants of an entity missing from the graph', () => {
    const impact = failureImpact(
      buildImpactIndex({ svc: { dependsOn: ['ghost'] } }),
      'ghost',
    );
    expect(impact.failsWith.map(e => e.ref)).toEqual(['svc']);
  });

  it('survives cycles and self-dependencies', () => {
    const impact = failureImpact(
      buildImpactIndex({
        a: { dependsOn: ['b', 'a'] },
        b: { dependsOn: ['c'] },
        c: { dependsOn: ['a'] },
      }),
      'c',
    );
    expect(impact.failsWith.map(e => e.path)).toEqual([
      ['c', 'b'],
      ['c', 'b', 'a'],
    ]);
  });

  it('counts all parts as entry parts when every part is depended on by another', () => {
    const index2 = buildImpactIndex({
      a: { dependsOn: ['b'], partOf: ['sys'] },
      b: { dependsOn: ['a'], partOf: ['sys'] },
      sys: {},
    });
    expect(index2.entryParts.get('sys')).toEqual(['a', 'b']);
    expect(failureImpact(index2, 'a').failsWith.map(e => e.ref)).toEqual([
      'b',
      'sys',
    ]);
  });

  it("honours a whole's own redundancy over its entry parts", () => {
    const index2 = buildImpactIndex({
      'api-eu': { partOf: ['sys'] },
      'api-us': { partOf: ['sys'] },
      sys: { redundancy: [{ anyOf: ['api-eu', 'api-us'] }] },
    });
    expect(failureImpact(index2, 'api-eu').failsWith).toEqual([]);
    expect(
      failureImpact(index2, ['api-eu', 'api-us']).failsWith.map(e => [
        e.ref,
        e.via,
      ]),
    ).toEqual([['sys', 'redundancy']]);
  });
});

describe('single points of failure', () => {
  const index = buildImpactIndex(bank);

  it('names the most critical tier entities a failure takes down, itself excluded', () => {
    expect(
      criticalFailures(failureImpact(index, 'payments'), index, tiers).map(
        e => e.ref,
      ),
    ).toEqual(['web', 'payments-processing']);
  });

  it('lists every entity whose failure alone takes down a tier-1 entity', () => {
    expect(singlePointsOfFailure(index, tiers)).toEqual([
      // hsm: card-auth, payments, web, payments-processing
      {
        ref: 'hsm',
        takesDown: ['card-auth', 'payments', 'payments-processing', 'web'],
      },
      {
        ref: 'card-auth',
        takesDown: ['payments', 'payments-processing', 'web'],
      },
      { ref: 'cluster', takesDown: ['payments', 'payments-processing', 'web'] },
      { ref: 'payments', takesDown: ['payments-processing', 'web'] },
      // profile takes down web (tier-1); digital is tier-2
      { ref: 'profile', takesDown: ['web'] },
    ]);
    // neither database alone, nor web (nothing tier-1 needs it), nor the systems
  });
});

/*
 * 10,000 entities: a cluster, 1,000 databases in 500 redundant pairs, 8,989 services in a binary tree
 * (service i needs service (i − 1) / 2, one database pair and the cluster) and 10 systems (service i is
 * a part of system i mod 10). The expected answers come from a plain fixpoint — repeat "an entity is
 * down when a unit of it is down" until nothing changes — rather than from the index.
 */
describe('on 10,000 entities', () => {
  const SERVICES = 8989;
  const graph = new Map<string, ImpactNode>();
  graph.set('cluster', { tier: 'tier-1' });
  for (let d = 0; d < 1000; d++) graph.set(`db-${d}`, { tier: 'tier-2' });
  for (let j = 0; j < 10; j++) graph.set(`sys-${j}`, { tier: 'tier-2' });
  for (let i = 0; i < SERVICES; i++) {
    const pair = [`db-${2 * (i % 500)}`, `db-${2 * (i % 500) + 1}`];
    const parent = i > 0 ? [`svc-${Math.floor((i - 1) / 2)}`] : [];
    graph.set(`svc-${i}`, {
      tier: i % 3 === 0 ? 'tier-1' : 'tier-3',
      dependsOn: [...parent, ...pair, 'cluster'],
      redundancy: [{ anyOf: pair }],
      partOf: [`sys-${i % 10}`],
    });
  }

  function fixpoint(failed: string[]): Set<string> {
    const down = new Set(failed);
    const parts = new Map<string, string[]>();
    for (const [ref, node] of graph) {
      for (const whole of node.partOf ?? []) {
        parts.set(whole, [...(parts.get(whole) ?? []), ref]);
      }
    }
    const entry = new Map<string, string[]>();
    for (const [whole, members] of parts) {
      const needed = new Set(
        members.flatMap(m => graph.get(m)!.dependsOn ?? []),
      );
      entry.set(
        whole,
        members.filter(m => !needed.has(m)),
      );
    }
    let changed = true;
    while (changed) {
      changed = false;
      for (const [ref, node] of graph) {
        if (down.has(ref)) continue;
        const grouped = new Set((node.redundancy ?? []).flatMap(g => g.anyOf));
        const hard = [
          ...(node.dependsOn ?? []).filter(d => !grouped.has(d)),
          ...(entry.get(ref) ?? []),
        ];
        if (
          hard.some(d => down.has(d)) ||
          (node.redundancy ?? []).some(g => g.anyOf.every(m => down.has(m)))
        ) {
          down.add(ref);
          changed = true;
        }
      }
    }
    failed.forEach(f => down.delete(f));
    return down;
  }

  const index = buildImpactIndex(graph);

  it('fails every service and system with the cluster', () => {
    expect(index.nodes.size).toBe(10_000);
    const impact = failureImpact(index, 'cluster');
    expect(impact.failsWith).toHaveLength(SERVICES + 10);
    expect(new Set(impact.failsWith.map(e => e.ref))).toEqual(
      fixpoint(['cluster']),
    );
  });

  it('fails nothing with one database and names the survivors', () => {
    const impact = failureImpact(index, 'db-0');
    expect(impact.failsWith).toEqual([]);
    // services 0, 500, 1000, …, 8500: 18 of them
    expect(impact.survives.map(s => s.ref).sort()).toEqual(
      Array.from({ length: 18 }, (_, k) => `svc-${500 * k}`).sort(),
    );
  });

  it('agrees with the fixpoint for a pair, a subtree and a whole', () => {
    for (const failed of [
      ['db-6', 'db-7'],
      ['svc-5'],
      ['svc-0'],
      ['svc-4000'],
    ]) {
      const impact = failureImpact(index, failed);
      expect(new Set(impact.failsWith.map(e => e.ref))).toEqual(
        fixpoint(failed),
      );
      // every path starts at a failed entity and each step is one entity further; the path
      // rebuilt from each entity's cause alone (as the API answers it) is the same path
      const causes = new Map(
        impact.failsWith.map(e => [e.ref, e.path[e.path.length - 2]]),
      );
      for (const entity of impact.failsWith) {
        expect(failed).toContain(entity.path[0]);
        expect(entity.path).toHaveLength(entity.depth + 1);
        expect(failurePath(entity.ref, causes)).toEqual(entity.path);
      }
    }
  });

  it('takes down the subtree of a service: svc-5 carries 11, 12, 23…26, …', () => {
    const impact = failureImpact(index, 'svc-5');
    const services = impact.failsWith
      .map(e => e.ref)
      .filter(ref => ref.startsWith('svc-'));
    // service i's children are 2i + 1 and 2i + 2. Below 5 at depth k are 5·2ᵏ + 2ᵏ − 1 … 5·2ᵏ + 2ᵏ⁺¹ − 2:
    // depth 10 ends at 7,166 < 8,989, depth 11 would start at 12,287, so 2 + 4 + … + 2¹⁰ = 2,046
    expect(services).toHaveLength(2046);
    expect(services.slice(0, 2)).toEqual(['svc-11', 'svc-12']);
  });
});

describe('failurePath', () => {
  // hsm fails; card-auth needs it; payments needs card-auth; web and batch need payments
  const causes = new Map([
    ['card-auth', 'hsm'],
    ['payments', 'card-auth'],
    ['web', 'payments'],
    ['batch', 'payments'],
  ]);

  it('follows causes back to the entity that failed first', () => {
    expect(failurePath('web', causes)).toEqual([
      'hsm',
      'card-auth',
      'payments',
      'web',
    ]);
    expect(failurePath('batch', causes)).toEqual([
      'hsm',
      'card-auth',
      'payments',
      'batch',
    ]);
    expect(failurePath('card-auth', causes)).toEqual(['hsm', 'card-auth']);
    expect(failurePath('hsm', causes)).toEqual(['hsm']);
  });

  it('stops at an entity the list does not hold and never loops', () => {
    expect(failurePath('x', new Map([['x', 'y']]))).toEqual(['y', 'x']);
    const loop = new Map([
      ['a', 'b'],
      ['b', 'a'],
    ]);
    expect(failurePath('a', loop)).toEqual(['b', 'a']);
  });
});
