import { DateTime } from 'luxon';
import {
  currentPeriodEnd,
  currentPeriodStart,
  DEFAULT_TIERS,
  readDeclared,
} from './declared';
import { durationSeconds } from './durations';
import { entityRefOf, loadExampleEntities } from './entities';
import { generateMeasuredData } from './measured';
import { MeasuredData } from './types';

const NOW = new Date('2026-06-17T14:23:00Z');
const DAY = 86_400_000;
const entities = loadExampleEntities();
const data = generateMeasuredData({ entities, now: NOW });
const isIso = (v: unknown) =>
  typeof v === 'string' &&
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(v);

function declaredOf(ref: string) {
  const entity = entities.find(e => entityRefOf(e) === ref)!;
  return readDeclared(entity, DEFAULT_TIERS)!;
}

/** error budget consumed in the current period of one ratio/latency objective (1 = all of it) */
function sliConsumption(
  d: MeasuredData,
  ref: string,
  objective: string,
  now = NOW,
) {
  const declared = declaredOf(ref);
  const o = declared.objectives.find(x => x.name === objective)!;
  const start = currentPeriodStart(now.getTime(), declared.timezone, o.period);
  const end = currentPeriodEnd(now.getTime(), declared.timezone, o.period);
  const rows = d.sli.filter(
    r =>
      r.entityRef === ref &&
      r.objective === objective &&
      Date.parse(r.bucketStart) >= start,
  );
  const total = rows.reduce((s, r) => s + r.total, 0);
  const bad = rows.reduce((s, r) => s + r.total - r.good, 0);
  return {
    consumed: bad / ((1 - o.target / 100) * total),
    elapsedShare: end > start ? (now.getTime() - start) / (end - start) : 1,
  };
}

/** full-impact downtime (ms) of unplanned incidents in the current month, service-hours ignored */
function monthDowntime(d: MeasuredData, ref: string) {
  const declared = declaredOf(ref);
  const start = currentPeriodStart(NOW.getTime(), declared.timezone, 'month');
  return d.incidents
    .filter(
      i =>
        i.entityRef === ref &&
        !i.planned &&
        (i.impact === 'full' || i.impact === 'partial'),
    )
    .reduce((sum, i) => {
      const s = Math.max(start, Date.parse(i.startedAt));
      const e = i.resolvedAt ? Date.parse(i.resolvedAt) : NOW.getTime();
      return sum + Math.max(0, e - s) * (i.impact === 'full' ? 1 : 0.5);
    }, 0);
}

describe('generateMeasuredData', () => {
  it('has a finance export misspell a service: lines for an entity the examples lack, with their origin', () => {
    const refs = new Set(entities.map(entityRefOf));
    const lines = data.unattributedCosts!;
    expect(lines.map(l => [l.periodStart.slice(0, 7), l.category])).toEqual([
      ['2026-05', 'compute'],
      ['2026-05', 'network'],
      ['2026-06', 'compute'],
      ['2026-06', 'network'],
    ]);
    for (const line of lines) {
      expect(line.entityRef).toBe('component:default/mobile-bankng-api');
      expect(refs.has(line.entityRef)).toBe(false);
      expect(refs.has('component:default/mobile-banking-api')).toBe(true);
      expect(line.origin!.file).toBe(
        `finance-export-${line.periodStart.slice(0, 7)}.csv`,
      );
      expect(line.amount).toBeGreaterThanOrEqual(400);
      expect(line.amount).toBeLessThanOrEqual(1800);
    }
    // a known entity's lines stay in costs
    expect(data.costs.some(c => !refs.has(c.entityRef))).toBe(false);
  });

  it('is deterministic, and the seed matters', () => {
    const again = generateMeasuredData({
      entities: [...entities].reverse(),
      now: new Date(NOW),
    });
    expect(JSON.stringify(again)).toBe(JSON.stringify(data));
    const other = generateMeasuredData({ entities, now: NOW, seed: 2 });
    expect(JSON.stringify(other.incidents)).not.toBe(
      JSON.stringify(data.incidents),
    );
  });

  it('produces records in exactly the DESIGN §3 shapes', () => {
    for (const i of data.incidents) {
      expect(Object.keys(i).sort()).toEqual(
        expect.arrayContaining([
          'acknowledgedAt',
          'entityRef',
          'id',
          'impact',
          'planned',
          'priority',
          'resolvedAt',
          'source',
          'startedAt',
          'title',
        ]),
      );
      expect(
        Object.keys(i).every(k =>
          [
            'id',
            'entityRef',
            'source',
            'title',
            'priority',
            'impact',
            'startedAt',
            'acknowledgedAt',
            'resolvedAt',
            'planned',
            'cause',
          ].includes(k),
        ),
      ).toBe(true);
      expect(['P1', 'P2', 'P3', 'P4']).toContain(i.priority);
      expect(['full', 'partial', 'degraded', 'none']).toContain(i.impact);
      expect(isIso(i.startedAt) && isIso(i.acknowledgedAt)).toBe(true);
      expect(i.resolvedAt === null || isIso(i.resolvedAt)).toBe(true);
      expect(i.acknowledgedAt! >= i.startedAt).toBe(true);
      expect(i.resolvedAt === null || i.resolvedAt >= i.acknowledgedAt!).toBe(
        true,
      );
      expect(Date.parse(i.startedAt)).toBeLessThanOrEqual(NOW.getTime());
      expect(i.source).toBe('demo');
      expect(typeof i.planned).toBe('boolean');
    }
    const sliKeys =
      'bucketSeconds,bucketStart,entityRef,good,objective,source,total';
    const badSli = data.sli.filter(
      s =>
        Object.keys(s).sort().join(',') !== sliKeys ||
        ![3600, 86400].includes(s.bucketSeconds) ||
        !Number.isInteger(s.good) ||
        !Number.isInteger(s.total) ||
        s.good < 0 ||
        s.good > s.total ||
        !isIso(s.bucketStart) ||
        Date.parse(s.bucketStart) + s.bucketSeconds * 1000 > NOW.getTime() ||
        s.source !== 'demo',
    );
    expect(badSli).toEqual([]);
    for (const c of data.costs) {
      expect(Object.keys(c).sort()).toEqual([
        'amount',
        'category',
        'currency',
        'entityRef',
        'id',
        'periodStart',
        'source',
      ]);
      expect(c.periodStart).toMatch(/^\d{4}-\d{2}-01$/);
      expect(['compute', 'storage', 'network', 'licences', 'people']).toContain(
        c.category,
      );
      expect(c.amount).toBeGreaterThanOrEqual(0);
      expect(Math.round(c.amount * 100) / 100).toBe(c.amount);
      expect(c.currency).toMatch(/^[A-Z]{3}$/);
    }
    const badCapacity = data.capacity.filter(
      c =>
        !Object.keys(c).every(k =>
          [
            'entityRef',
            'source',
            'resource',
            'at',
            'used',
            'capacity',
          ].includes(k),
        ) ||
        !isIso(c.at) ||
        typeof c.used !== 'number' ||
        !(c.used > 0) ||
        (c.capacity !== undefined && c.used > c.capacity) ||
        c.source !== 'demo',
    );
    expect(badCapacity).toEqual([]);
    for (const t of data.drTests) {
      expect(Object.keys(t).sort()).toEqual([
        'achievedRpo',
        'achievedRto',
        'entityRef',
        'id',
        'notes',
        'performedAt',
        'result',
        'source',
      ]);
      expect(['passed', 'partial', 'failed']).toContain(t.result);
      expect(durationSeconds(t.achievedRto)).toBeGreaterThan(0);
      expect(durationSeconds(t.achievedRpo)).toBeGreaterThan(0);
      expect(Date.parse(t.performedAt)).toBeLessThan(NOW.getTime());
    }
    expect(data.drTests.some(t => typeof t.achievedRto === 'number')).toBe(
      true,
    );
    expect(data.drTests.some(t => typeof t.achievedRto === 'string')).toBe(
      true,
    );
  });

  it('gives records stable, unique ids and unique keys', () => {
    for (const list of [data.incidents, data.costs, data.drTests]) {
      expect(new Set(list.map(r => r.id)).size).toBe(list.length);
    }
    expect(
      new Set(
        data.sli.map(s => `${s.entityRef}|${s.objective}|${s.bucketStart}`),
      ).size,
    ).toBe(data.sli.length);
    expect(
      new Set(data.capacity.map(s => `${s.entityRef}|${s.resource}|${s.at}`))
        .size,
    ).toBe(data.capacity.length);
    expect(data.incidents[0].id).toMatch(
      /^[a-z]+:default\/[a-z0-9-]+#inc-\d{4}$/,
    );
  });

  it('gives every example entity with an agreement SLI data for each ratio and latency objective', () => {
    const withAgreements = entities.filter(
      e => e.spec?.serviceDelivery?.agreements?.length,
    );
    expect(withAgreements.length).toBeGreaterThan(15);
    for (const e of withAgreements) {
      const ref = entityRefOf(e);
      const objectives = new Set(
        e
          .spec!.serviceDelivery.agreements.flatMap(
            (a: any) => a.objectives ?? [],
          )
          .filter((o: any) => o.kind !== 'availability')
          .map((o: any) => o.name),
      );
      expect({ ref, objectives: objectives.size > 0 }).toEqual({
        ref,
        objectives: true,
      });
      const measured = new Set(
        data.sli.filter(s => s.entityRef === ref).map(s => s.objective),
      );
      expect({ ref, measured: [...measured].sort() }).toEqual({
        ref,
        measured: [...objectives].sort(),
      });
    }
    // nothing for entities without metadata
    expect(
      data.incidents.some(
        i => i.entityRef === 'component:default/marketing-insights',
      ),
    ).toBe(false);
  });

  it('has sane volumes', () => {
    expect(data.sli.length).toBeGreaterThan(20_000);
    expect(data.sli.length).toBeLessThanOrEqual(200_000);
    expect(data.incidents.length).toBeGreaterThan(80);
    expect(data.incidents.length).toBeLessThan(600);
    const months = new Set(data.costs.map(c => c.periodStart));
    expect(months.size).toBe(13);
    expect(data.capacity.length).toBeGreaterThan(10_000);
    expect(data.capacity.length).toBeLessThan(30_000);
    expect(data.drTests.length).toBeGreaterThan(20);
  });

  it('tells the incident story: priorities, causes, planned work, one open incident, targets mostly met', () => {
    const set = (values: unknown[]) => new Set(values);
    expect(set(data.incidents.map(i => i.priority))).toEqual(
      new Set(['P1', 'P2', 'P3', 'P4']),
    );
    expect(set(data.incidents.map(i => i.impact))).toEqual(
      new Set(['full', 'partial', 'degraded', 'none']),
    );
    for (const cause of [
      'deployment',
      'capacity',
      'supplier',
      'network',
      'config',
      'database',
      'maintenance',
    ]) {
      expect(data.incidents.some(i => i.cause === cause)).toBe(true);
    }
    const planned = data.incidents.filter(i => i.planned);
    expect(planned.length).toBeGreaterThanOrEqual(8);
    const open = data.incidents.filter(i => i.resolvedAt === null);
    expect(open.map(i => i.entityRef)).toEqual([
      'component:default/notifications-service',
    ]);
    // the supplier's throttling is corrected out of notifications-sla: its underpinning contract's
    expect(data.corrections).toEqual([
      {
        id: 'component:default/notifications-service#correction-1',
        entityRef: 'component:default/notifications-service',
        source: open[0].source,
        incident: { source: open[0].source, id: open[0].id },
        reason: 'third-party-underpinning-contract',
        note: expect.stringContaining('UC-SMS-2'),
      },
    ]);
    let responded = 0;
    let resolved = 0;
    const unplanned = data.incidents.filter(i => !i.planned && i.resolvedAt);
    for (const i of unplanned) {
      const d = declaredOf(i.entityRef);
      const t = d.support[i.priority];
      if (
        Date.parse(i.acknowledgedAt!) - Date.parse(i.startedAt) <=
        t.response * 1000
      )
        responded++;
      if (
        Date.parse(i.resolvedAt!) - Date.parse(i.startedAt) <=
        t.resolution * 1000
      )
        resolved++;
    }
    expect(responded / unplanned.length).toBeGreaterThan(0.85);
    expect(resolved / unplanned.length).toBeGreaterThan(0.85);
    expect(responded).toBeLessThan(unplanned.length);
    expect(resolved).toBeLessThan(unplanned.length);
  });

  it('makes the current period mostly fine, some at risk, a couple breached', () => {
    const breached = sliConsumption(
      data,
      'component:default/mobile-banking-api',
      'api-success',
    );
    expect(breached.consumed).toBeGreaterThan(1.3);
    const atRisk = sliConsumption(
      data,
      'component:default/payments-api',
      'payment-latency',
    );
    expect(atRisk.consumed).toBeGreaterThan(0.75);
    expect(atRisk.consumed).toBeLessThan(1);
    for (const [ref, objective] of [
      ['component:default/web-banking', 'page-success'],
      ['component:default/api-gateway', 'request-success'],
      ['resource:default/kubernetes-cluster', 'api-server-success'],
      ['system:default/payments-processing', 'card-payment-success'],
      ['component:default/treasury-portal', 'portal-success'],
    ]) {
      const c = sliConsumption(data, ref, objective);
      expect({ ref, fine: c.consumed < 0.6 * c.elapsedShare }).toEqual({
        ref,
        fine: true,
      });
    }
    // availability through incidents: customer-profile breached, feature-store at risk
    const monthMs = 30 * DAY;
    expect(
      monthDowntime(data, 'component:default/customer-profile'),
    ).toBeGreaterThan(0.001 * 30 * DAY);
    const start = currentPeriodStart(NOW.getTime(), 'Europe/London', 'month');
    const featureBudget = 0.001 * (NOW.getTime() - start);
    const feature = monthDowntime(data, 'component:default/feature-store');
    expect(feature).toBeGreaterThan(0.7 * featureBudget);
    expect(feature).toBeLessThan(featureBudget);
    for (const ref of [
      'component:default/web-banking',
      'component:default/payments-api',
      'resource:default/kubernetes-cluster',
    ]) {
      expect({ ref, downtime: monthDowntime(data, ref) }).toEqual({
        ref,
        downtime: 0,
      });
    }
    expect(monthMs).toBeGreaterThan(0);
  });

  it("has customer-db out during most of customer-profile's breach, so the burn is attributed to it", () => {
    const outages = (ref: string) =>
      data.incidents.filter(
        i => i.entityRef === ref && !i.planned && i.impact === 'full',
      );
    const start = currentPeriodStart(NOW.getTime(), 'Europe/London', 'month');
    const [breach] = outages('component:default/customer-profile').filter(
      i => Date.parse(i.startedAt) >= start,
    );
    const db = outages('resource:default/customer-db').filter(
      i => Date.parse(i.startedAt) >= start - DAY,
    );
    expect(db.map(i => i.id)).toEqual([
      'resource:default/customer-db#inc-under-customer-profile',
    ]);
    const overlap =
      Math.min(Date.parse(breach.resolvedAt!), Date.parse(db[0].resolvedAt!)) -
      Math.max(Date.parse(breach.startedAt), Date.parse(db[0].startedAt));
    const downtime = monthDowntime(data, 'component:default/customer-profile');
    expect(overlap / downtime).toBeCloseTo(0.75, 3);
  });

  it('puts a few services over budget', () => {
    const lastMonth = DateTime.fromJSDate(NOW, { zone: 'utc' })
      .startOf('month')
      .minus({ months: 1 })
      .toFormat('yyyy-MM-dd');
    const over: string[] = [];
    for (const e of entities.filter(
      x => x.kind !== 'System' && x.spec?.serviceDelivery?.cost,
    )) {
      const ref = entityRefOf(e);
      const budget = declaredOf(ref).cost!.monthlyBudget!;
      const actual = data.costs
        .filter(c => c.entityRef === ref && c.periodStart === lastMonth)
        .reduce((s, c) => s + c.amount, 0);
      if (actual > budget) over.push(ref);
    }
    expect(over.sort()).toEqual([
      'component:default/mobile-banking-api',
      'resource:default/data-lake',
      'resource:default/kubernetes-cluster',
    ]);
  });

  it('has a couple of resources running out within 60 days', () => {
    const runningOut: string[] = [];
    const groups = new Map<string, { x: number; y: number }[]>();
    for (const c of data.capacity) {
      const key = `${c.entityRef}|${c.resource}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push({ x: Date.parse(c.at) / DAY, y: c.used });
    }
    for (const [key, points] of groups) {
      const [ref, resource] = key.split('|');
      const capacity = declaredOf(ref).capacity.find(
        r => r.name === resource,
      )!.capacity;
      const n = points.length;
      const mx = points.reduce((s, p) => s + p.x, 0) / n;
      const my = points.reduce((s, p) => s + p.y, 0) / n;
      const slope =
        points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) /
        points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
      const at = (capacity - (my - slope * mx)) / slope;
      if (slope > 0 && at - NOW.getTime() / DAY < 60) runningOut.push(key);
    }
    expect(runningOut.sort()).toEqual([
      'resource:default/data-lake|storage',
      'resource:default/payments-db-eu|storage',
    ]);
    // the cluster's CPU sits above its warning level
    const cpu = data.capacity.filter(
      c =>
        c.entityRef === 'resource:default/kubernetes-cluster' &&
        c.resource === 'cpu',
    );
    expect(cpu[cpu.length - 1].used / 512).toBeGreaterThan(0.7);
    // the US database's capacity was raised during the history
    const us = data.capacity.filter(
      c =>
        c.entityRef === 'resource:default/payments-db-us' &&
        c.resource === 'storage',
    );
    expect(new Set(us.map(c => c.capacity))).toEqual(new Set([2048, 4096]));
  });

  it('has DR tests per continuity block: some overdue, one failed, none for strategy none', () => {
    const lastTest = (ref: string) =>
      data.drTests.filter(t => t.entityRef === ref).pop();
    const overdue: string[] = [];
    const untested: string[] = [];
    const testedWithoutDr: string[] = [];
    for (const e of entities.filter(x => x.spec?.serviceDelivery?.continuity)) {
      const ref = entityRefOf(e);
      const d = declaredOf(ref);
      const last = lastTest(ref);
      if (d.continuity!.strategy === 'none') {
        if (last) testedWithoutDr.push(ref);
        continue;
      }
      if (!last) {
        untested.push(ref);
        continue;
      }
      if (
        NOW.getTime() - Date.parse(last.performedAt) >
        d.continuity!.testEvery * 1000
      )
        overdue.push(ref);
    }
    expect(untested).toEqual([]);
    expect(testedWithoutDr).toEqual([]);
    expect(overdue.sort()).toEqual([
      'component:default/customer-profile',
      'resource:default/message-bus',
    ]);
    expect(lastTest('component:default/feature-store')!.result).toBe('failed');
    expect(
      durationSeconds(lastTest('component:default/feature-store')!.achievedRto),
    ).toBeGreaterThan(4 * 3600);
    expect(lastTest('component:default/identity-service')!.result).toBe(
      'partial',
    );
    expect(
      data.drTests.filter(t => t.result === 'failed').map(t => t.entityRef),
    ).toEqual(['component:default/feature-store']);
  });

  it('copes with any "now": the first minutes of a month, and other seeds', () => {
    for (const now of [
      '2026-03-01T00:30:00Z',
      '2026-01-01T00:00:00Z',
      '2026-11-23T18:00:00Z',
      '2027-02-28T23:59:59Z',
    ]) {
      const d = generateMeasuredData({ entities, now: new Date(now), seed: 7 });
      expect(d.incidents.filter(i => i.resolvedAt === null)).toHaveLength(1);
      expect(
        d.sli.every(
          s =>
            s.good <= s.total &&
            Date.parse(s.bucketStart) + s.bucketSeconds * 1000 <=
              Date.parse(now),
        ),
      ).toBe(true);
      expect(
        d.incidents.every(i => Date.parse(i.startedAt) <= Date.parse(now)),
      ).toBe(true);
      expect(d.capacity.every(c => Date.parse(c.at) <= Date.parse(now))).toBe(
        true,
      );
      // a month that has not begun has no costs yet
      expect(new Set(d.costs.map(c => c.periodStart)).size).toBe(
        now.startsWith('2026-01-01T00:00:00') ? 12 : 13,
      );
    }
    expect(() =>
      generateMeasuredData({ entities, now: new Date('nonsense') }),
    ).toThrow(/now/);
  });

  it('honours months and hourlyDays', () => {
    const small = generateMeasuredData({
      entities,
      now: NOW,
      months: 2,
      hourlyDays: 7,
    });
    expect(new Set(small.costs.map(c => c.periodStart)).size).toBe(2);
    expect(small.sli.filter(s => s.bucketSeconds === 3600).length).toBeLessThan(
      data.sli.filter(s => s.bucketSeconds === 3600).length,
    );
    expect(small.sli.length).toBeLessThan(data.sli.length / 3);
  });
});
