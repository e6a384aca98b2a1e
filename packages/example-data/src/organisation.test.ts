import { entityRefOf, resolveRef } from './entities';
import { generateMeasuredData } from './measured';
import { generateOrganisation } from './organisation';
import { checkServiceDelivery } from './testing/contractCheck';
import { mulberry32, Random } from './random';

describe('generateOrganisation', () => {
  it('makes 10,000 services with valid metadata and references', () => {
    const entities = generateOrganisation({ services: 10_000, seed: 3 });

    const components = entities.filter(e => e.kind === 'Component');
    expect(components).toHaveLength(10_000);
    const refs = new Set(entities.map(entityRefOf));
    expect(refs.size).toBe(entities.length);

    const missing: string[] = [];
    const invalid: { ref: string; problems: unknown[] }[] = [];
    for (const e of entities) {
      const spec = e.spec ?? {};
      const check = (r: string | undefined, kind: string) => {
        if (r && !refs.has(resolveRef(r, kind, e)))
          missing.push(`${entityRefOf(e)} -> ${r}`);
      };
      check(spec.owner, 'group');
      check(spec.system, 'system');
      check(spec.domain, 'domain');
      check(spec.parent, 'group');
      (spec.children ?? []).forEach((c: string) => check(c, 'group'));
      (spec.dependsOn ?? []).forEach((d: string) => check(d, 'component'));
      const sd = spec.serviceDelivery;
      if (sd) {
        (sd.agreements ?? []).forEach((a: any) => {
          check(a.customer, 'group');
          check(a.provider, 'group');
        });
        (sd.cost?.chargeback ?? []).forEach((c: any) =>
          check(c.consumer, 'group'),
        );
        const problems = checkServiceDelivery(
          sd,
          undefined,
          spec.dependsOn ?? [],
        );
        if (problems.length) invalid.push({ ref: entityRefOf(e), problems });
      }
    }
    expect(invalid).toEqual([]);
    expect(missing).toEqual([]);

    const withSd = components.filter(c => c.spec!.serviceDelivery).length;
    expect(withSd / components.length).toBeGreaterThan(0.85);
    expect(withSd / components.length).toBeLessThan(0.97);
  });

  it('builds an acyclic dependency graph several levels deep', () => {
    const entities = generateOrganisation({ services: 2_000 });
    const deps = new Map(
      entities.map(e => [
        entityRefOf(e),
        (e.spec?.dependsOn ?? []).map((d: string) =>
          resolveRef(d, 'component', e),
        ),
      ]),
    );
    const depth = new Map<string, number>();
    const visiting = new Set<string>();
    const walk = (ref: string): number => {
      if (depth.has(ref)) return depth.get(ref)!;
      if (visiting.has(ref)) throw new Error(`cycle at ${ref}`);
      visiting.add(ref);
      const d = 1 + Math.max(0, ...(deps.get(ref) ?? []).map(walk));
      visiting.delete(ref);
      depth.set(ref, d);
      return d;
    };
    const deepest = Math.max(...[...deps.keys()].map(walk));
    expect(deepest).toBeGreaterThanOrEqual(6);
  });

  it('is deterministic', () => {
    const a = generateOrganisation({ services: 500, seed: 9 });
    const b = generateOrganisation({ services: 500, seed: 9 });
    const c = generateOrganisation({ services: 500, seed: 10 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it('feeds generateMeasuredData with modest volumes', () => {
    const entities = generateOrganisation({ services: 200, seed: 5 });
    const data = generateMeasuredData({
      entities,
      now: new Date('2026-06-17T14:23:00Z'),
      months: 3,
      hourlyDays: 7,
    });
    expect(data.incidents.length).toBeGreaterThan(100);
    expect(data.sli.length).toBeGreaterThan(1000);
    expect(data.sli.length).toBeLessThan(200_000);
    expect(data.costs.length).toBeGreaterThan(200);
    expect(data.drTests.length).toBeGreaterThan(50);
    const refs = new Set(entities.map(entityRefOf));
    expect(data.incidents.every(i => refs.has(i.entityRef))).toBe(true);
  });
});

describe('random', () => {
  it('mulberry32 is repeatable and uniform enough', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 10_000 }, () => a());
    expect(values.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(values.every(v => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });

  it('Random streams depend on seed and key', () => {
    expect(new Random(1, 'x').float()).toBe(new Random(1, 'x').float());
    expect(new Random(1, 'x').float()).not.toBe(new Random(1, 'y').float());
    expect(new Random(1, 'x').float()).not.toBe(new Random(2, 'x').float());
    const r = new Random(3, 'poisson');
    const mean =
      Array.from({ length: 5000 }, () => r.poisson(2)).reduce(
        (s, v) => s + v,
        0,
      ) / 5000;
    expect(Math.abs(mean - 2)).toBeLessThan(0.1);
  });
});
