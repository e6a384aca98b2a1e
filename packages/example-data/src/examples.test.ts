import fs from 'fs';
import path from 'path';
import { parseAllDocuments } from 'yaml';
import {
  defaultExamplesDir,
  entityRefOf,
  loadExampleEntities,
  resolveRef,
} from './entities';
import { checkServiceDelivery } from './testing/contractCheck';
import { durationSeconds } from './durations';
import { EntityLike } from './types';

const examplesDir = defaultExamplesDir();
const repoRoot = path.resolve(examplesDir, '..');

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return yamlFiles(full);
    }
    return /\.ya?ml$/.test(entry.name) ? [full] : [];
  });
}

const TIERS: Record<
  string,
  { availability: number; rto: string; rpo: string; testEvery: string }
> = {
  'tier-1': { availability: 99.95, rto: '1h', rpo: '15m', testEvery: '6mo' },
  'tier-2': { availability: 99.9, rto: '4h', rpo: '1h', testEvery: '1y' },
  'tier-3': { availability: 99.5, rto: '1d', rpo: '1d', testEvery: '2y' },
};

describe('examples/', () => {
  const entities = loadExampleEntities();
  const byRef = new Map(entities.map(e => [entityRefOf(e), e]));
  const withSd = entities.filter(e => e.spec?.serviceDelivery);
  const ref = (short: string, kind: string, ctx?: EntityLike) =>
    resolveRef(short, kind, ctx);
  const sdOf = (r: string) => byRef.get(r)?.spec?.serviceDelivery;

  it('has only YAML files that parse cleanly', () => {
    const files = [
      ...yamlFiles(examplesDir),
      path.join(repoRoot, 'catalog-info.yaml'),
    ];
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
      for (const doc of docs) {
        expect({ file, errors: doc.errors.map(e => e.message) }).toEqual({
          file,
          errors: [],
        });
        expect({ file, warnings: doc.warnings.map(e => e.message) }).toEqual({
          file,
          warnings: [],
        });
      }
    }
  });

  it('is listed by all.yaml, whose targets all exist', () => {
    const [location] = parseAllDocuments(
      fs.readFileSync(path.join(examplesDir, 'all.yaml'), 'utf8'),
    ).map(d => d.toJSON());
    expect(location.kind).toBe('Location');
    for (const target of location.spec.targets) {
      expect(fs.existsSync(path.resolve(examplesDir, target))).toBe(true);
    }
    const listed = new Set(
      location.spec.targets.map((t: string) => path.resolve(examplesDir, t)),
    );
    for (const file of fs
      .readdirSync(examplesDir)
      .filter(f => f.endsWith('.yaml') && f !== 'all.yaml')) {
      expect(listed.has(path.join(examplesDir, file))).toBe(true);
    }
  });

  it('has well-formed, unique entities', () => {
    expect(byRef.size).toBe(entities.length);
    for (const entity of entities) {
      expect(entity.apiVersion).toBe('backstage.io/v1alpha1');
      expect([
        'Group',
        'User',
        'Domain',
        'System',
        'Component',
        'Resource',
      ]).toContain(entity.kind);
      expect(entity.metadata.name).toMatch(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/);
    }
  });

  it('is a believable organisation of the required size', () => {
    const count = (kind: string) =>
      entities.filter(e => e.kind === kind).length;
    expect(count('Group')).toBeGreaterThanOrEqual(4);
    expect(count('User')).toBeGreaterThanOrEqual(3);
    expect(count('Domain')).toBe(2);
    expect(count('System')).toBeGreaterThanOrEqual(3);
    expect(count('Component') + count('Resource')).toBeGreaterThanOrEqual(15);
    const technology = byRef.get('group:default/technology')!;
    expect(technology.spec!.children).toEqual(
      expect.arrayContaining([
        'payments',
        'platform',
        'digital-channels',
        'data',
      ]),
    );
    for (const customer of ['retail-banking', 'corporate-banking']) {
      expect(byRef.get(`group:default/${customer}`)).toBeDefined();
    }
    // the guest sign-in identity belongs to payments, so "my teams" shows something
    const guest = byRef.get('user:development/guest')!;
    expect(
      guest.spec!.memberOf.map((m: string) => ref(m, 'group', guest)),
    ).toEqual(['group:default/payments']);
  });

  it('references only entities that exist, and groups agree on parents and children', () => {
    const missing: string[] = [];
    const need = (r: string, from: string) => {
      if (!byRef.has(r)) missing.push(`${from} -> ${r}`);
    };
    for (const e of entities) {
      const me = entityRefOf(e);
      const spec = e.spec ?? {};
      if (spec.owner) need(ref(spec.owner, 'group', e), me);
      if (spec.system) need(ref(spec.system, 'system', e), me);
      if (spec.domain) need(ref(spec.domain, 'domain', e), me);
      if (spec.parent) need(ref(spec.parent, 'group', e), me);
      for (const c of spec.children ?? []) {
        const child = byRef.get(ref(c, 'group', e));
        need(ref(c, 'group', e), me);
        expect(child?.spec?.parent).toBe(e.metadata.name);
      }
      for (const m of spec.memberOf ?? []) need(ref(m, 'group', e), me);
      for (const d of spec.dependsOn ?? []) need(ref(d, 'component', e), me);
      const sd = spec.serviceDelivery;
      for (const a of sd?.agreements ?? []) {
        if (a.customer) need(ref(a.customer, 'group', e), me);
        if (a.provider) need(ref(a.provider, 'group', e), me);
      }
      for (const c of sd?.cost?.chargeback ?? [])
        need(ref(c.consumer, 'group', e), me);
    }
    expect(missing).toEqual([]);
  });

  it('declares valid metadata everywhere (DESIGN §2)', () => {
    expect(withSd.length).toBeGreaterThanOrEqual(20);
    for (const e of withSd) {
      const problems = checkServiceDelivery(
        e.spec!.serviceDelivery,
        Object.keys(TIERS),
        e.spec!.dependsOn ?? [],
      );
      expect({ entity: entityRefOf(e), problems }).toEqual({
        entity: entityRefOf(e),
        problems: [],
      });
    }
  });

  it('keeps continuity within the tier policies', () => {
    const beyondPolicy: string[] = [];
    for (const e of withSd) {
      const sd = e.spec!.serviceDelivery;
      const policy = TIERS[sd.tier];
      if (!policy || !sd.continuity) continue;
      const me = entityRefOf(e);
      for (const field of ['rto', 'rpo', 'testEvery'] as const) {
        const declared = durationSeconds(sd.continuity[field]);
        if (
          declared !== undefined &&
          declared > durationSeconds(policy[field])!
        ) {
          beyondPolicy.push(`${me} ${field}`);
        }
      }
    }
    expect(beyondPolicy).toEqual([]);
  });

  it('uses every part of the contract somewhere', () => {
    const sds = withSd.map(e => e.spec!.serviceDelivery);
    const agreements = sds.flatMap(sd => sd.agreements ?? []);
    const objectives = agreements.flatMap(a => a.objectives ?? []);
    const set = (values: unknown[]) =>
      new Set(values.filter(v => v !== undefined));
    expect(set(sds.map(sd => sd.tier))).toEqual(
      new Set(['tier-1', 'tier-2', 'tier-3']),
    );
    expect(sds.some(sd => sd.redundancy?.length)).toBe(true);
    expect(set(sds.map(sd => sd.serviceHours?.schedule))).toEqual(
      new Set(['24x7']),
    );
    expect(sds.some(sd => sd.serviceHours?.weekly)).toBe(true);
    expect(sds.some(sd => sd.serviceHours?.maintenance)).toBe(true);
    expect([...set(sds.map(sd => sd.serviceHours?.timezone))]).toEqual(
      expect.arrayContaining(['Europe/London', 'America/New_York']),
    );
    expect(set(agreements.map(a => a.type))).toEqual(
      new Set(['SLA', 'OLA', 'UC']),
    );
    expect(set(agreements.map(a => a.period))).toEqual(
      new Set(['month', 'quarter', 'rolling-28d', 'rolling-30d']),
    );
    expect(set(objectives.map(o => o.kind))).toEqual(
      new Set(['availability', 'latency', 'ratio']),
    );
    expect(agreements.some(a => a.support?.length && a.serviceCredits)).toBe(
      true,
    );
    // a UC whose provider is a supplier group
    const uc = agreements.filter(a => a.type === 'UC');
    expect(
      uc.some(
        a => byRef.get(ref(a.provider, 'group'))?.spec?.type === 'supplier',
      ),
    ).toBe(true);
    const costs = sds.map(sd => sd.cost).filter(Boolean);
    expect(costs.some(c => c.budget?.monthly)).toBe(true);
    expect(costs.some(c => c.budget?.annual)).toBe(true);
    expect(set(costs.map(c => c.chargingPolicy))).toEqual(
      new Set(['expense-center', 'cost-recovery', 'profit-center']),
    );
    expect(costs.some(c => c.chargeback?.length > 1)).toBe(true);
    expect(costs.some(c => c.unit?.sli)).toBe(true);
    const capacity = sds.flatMap(sd => sd.capacity?.resources ?? []);
    expect(capacity.every(r => r.warning < r.critical)).toBe(true);
    const continuity = sds.map(sd => sd.continuity).filter(Boolean);
    expect(set(continuity.map(c => c.strategy))).toEqual(
      new Set([
        'hot-standby',
        'warm-standby',
        'cold-standby',
        'backup-restore',
        'manual-workaround',
        'none',
      ]),
    );
    expect(
      continuity.some(
        c => c.plan && c.testEvery && c.sites?.length && c.businessImpact,
      ),
    ).toBe(true);
    const risks = continuity.flatMap(c => c.risks ?? []);
    expect(set(risks.map(r => r.likelihood))).toEqual(
      new Set(['low', 'medium', 'high']),
    );
    expect(set(risks.map(r => r.impact))).toEqual(
      new Set(['low', 'medium', 'high']),
    );
  });

  describe('carries the deliberate findings', () => {
    /** agreed availability (SLA/OLA), else the tier's; undefined when neither is declared */
    const agreed = (r: string): number | undefined => {
      const sd = sdOf(r);
      const targets = (sd?.agreements ?? [])
        .filter((a: any) => a.type !== 'UC')
        .flatMap((a: any) => a.objectives ?? [])
        .filter((o: any) => o.kind === 'availability')
        .map((o: any) => o.target);
      if (targets.length) return Math.max(...targets) / 100;
      return sd?.tier ? TIERS[sd.tier].availability / 100 : undefined;
    };
    const deps = (e: EntityLike): string[] =>
      (e.spec?.dependsOn ?? []).map((d: string) => ref(d, 'component', e));
    const groups = (e: EntityLike): string[][] =>
      (e.spec?.serviceDelivery?.redundancy ?? []).map((g: any) =>
        g.anyOf.map((d: string) => ref(d, 'component', e)),
      );
    const ceiling = (e: EntityLike): number => {
      const redundant = groups(e);
      const inGroup = new Set(redundant.flat());
      let a = 1;
      for (const g of redundant)
        a *= 1 - g.reduce((p, d) => p * (1 - (agreed(d) ?? 1)), 1);
      for (const d of deps(e)) if (!inGroup.has(d)) a *= agreed(d) ?? 1;
      return a;
    };
    const rto = (r: string): number | undefined => {
      const sd = sdOf(r);
      return durationSeconds(
        sd?.continuity?.rto ?? (sd?.tier && TIERS[sd.tier].rto),
      );
    };

    it('one SLA above what its dependencies can deliver (composite availability)', () => {
      const unachievable = withSd
        .filter(e => {
          const limit = ceiling(e);
          return (e.spec!.serviceDelivery.agreements ?? [])
            .filter((a: any) => a.type === 'SLA' || a.type === 'OLA')
            .flatMap((a: any) => a.objectives ?? [])
            .some(
              (o: any) =>
                o.kind === 'availability' && o.target / 100 > limit + 1e-12,
            );
        })
        .map(entityRefOf);
      expect(unachievable).toEqual(['component:default/web-banking']);
      expect(ceiling(byRef.get('component:default/web-banking')!)).toBeLessThan(
        0.999,
      );
    });

    it('continuity inversions: tier-1 services on dependencies with longer RTOs', () => {
      const inversions: string[] = [];
      for (const e of withSd) {
        const own = rto(entityRefOf(e));
        if (own === undefined) continue;
        const redundant = groups(e);
        const inGroup = new Set(redundant.flat());
        for (const d of deps(e)) {
          if (!inGroup.has(d) && (rto(d) ?? 0) > own)
            inversions.push(`${entityRefOf(e)} -> ${d}`);
        }
        for (const g of redundant) {
          if (Math.min(...g.map(d => rto(d) ?? 0)) > own)
            inversions.push(`${entityRefOf(e)} -> ${g.join('|')}`);
        }
      }
      expect(inversions.sort()).toEqual([
        'component:default/card-authorisation -> resource:default/card-hsm',
        'component:default/web-banking -> component:default/customer-profile',
      ]);
      expect(sdOf('component:default/customer-profile').tier).toBe('tier-2');
    });

    it('one single point of failure under a tier-1 service', () => {
      const spofs = new Set<string>();
      for (const e of withSd.filter(
        x => x.spec!.serviceDelivery.tier === 'tier-1',
      )) {
        const inGroup = new Set(groups(e).flat());
        for (const d of deps(e)) {
          const c = sdOf(d)?.continuity;
          if (
            !inGroup.has(d) &&
            c &&
            (c.strategy === 'none' || (c.sites ?? []).length < 2)
          )
            spofs.add(d);
        }
      }
      expect([...spofs]).toEqual(['resource:default/card-hsm']);
      expect(byRef.get('resource:default/card-hsm')!.kind).toBe('Resource');
    });

    it('a service without any metadata, a System with metadata, and a $yaml reference', () => {
      const bare = entities
        .filter(e => e.kind === 'Component' && !e.spec?.serviceDelivery)
        .map(entityRefOf);
      expect(bare).toEqual(['component:default/marketing-insights']);
      expect(
        sdOf('system:default/payments-processing')?.agreements?.length,
      ).toBeGreaterThan(0);
      const raw = fs.readFileSync(
        path.join(examplesDir, 'digital-banking.yaml'),
        'utf8',
      );
      expect(raw).toContain(
        '$yaml: ./service-delivery/notifications-service.yaml',
      );
      expect(sdOf('component:default/notifications-service')?.tier).toBe(
        'tier-3',
      );
    });

    it('a dependency graph several levels deep', () => {
      const depth = (r: string, seen: string[] = []): number => {
        const e = byRef.get(r);
        if (!e || seen.includes(r)) return 0;
        return 1 + Math.max(0, ...deps(e).map(d => depth(d, [...seen, r])));
      };
      expect(depth('component:default/web-banking')).toBeGreaterThanOrEqual(5);
    });
  });

  it('describes this repository in catalog-info.yaml', () => {
    const [self] = parseAllDocuments(
      fs.readFileSync(path.join(repoRoot, 'catalog-info.yaml'), 'utf8'),
    ).map(d => d.toJSON());
    expect(self.kind).toBe('Component');
    expect(self.spec.owner).toBe('group:platform');
    expect(byRef.has(ref(self.spec.system, 'system'))).toBe(true);
    expect(checkServiceDelivery(self.spec.serviceDelivery)).toEqual([]);
  });
});
