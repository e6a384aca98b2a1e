import { DateTime } from 'luxon';
import {
  availabilityTarget,
  currentPeriodEnd,
  currentPeriodStart,
  Declared,
  DeclaredObjective,
  DEFAULT_TIERS,
  inWindows,
  readDeclared,
  TierPolicy,
} from './declared';
import { shortDuration } from './durations';
import { DEMO_PLANS, EntityPlan, randomPlan } from './plans';
import { Random } from './random';
import {
  CapacityRecord,
  CostCategory,
  CorrectionRecord,
  CostRecord,
  DrTestRecord,
  EntityLike,
  Impact,
  IncidentRecord,
  MeasuredData,
  Priority,
  SliRecord,
} from './types';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

export interface GenerateMeasuredDataOptions {
  /** catalog entities; those with `spec.serviceDelivery` get data */
  entities: EntityLike[];
  /** the generated history ends here */
  now: Date;
  /** calendar months of history, the current one included (default 13) */
  months?: number;
  /** default 1 */
  seed?: number;
  /** the records' `source` (default 'demo') */
  source?: string;
  /** SLI buckets are hourly for this many most recent days and daily before (default 35) */
  hourlyDays?: number;
  /** tier policies (default: the demo's tier-1..3) */
  tiers?: Readonly<Record<string, TierPolicy>>;
  /**
   * What each entity's data should show, by entity ref (default: DEMO_PLANS, the story of the
   * examples). Entities not listed get a random, mostly healthy plan.
   */
  plans?: Readonly<Record<string, EntityPlan>>;
}

interface Context {
  nowMs: number;
  historyStartMs: number;
  hourlyStartMs: number;
  seed: number;
  source: string;
  tiers: Readonly<Record<string, TierPolicy>>;
}

/** An outage window the SLI burst of a planned breach lines up with. */
interface Burst {
  startMs: number;
  endMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

// ---------------------------------------------------------------------------------------------
// incidents

const IMPACT_BY_PRIORITY: Record<Priority, Partial<Record<Impact, number>>> = {
  P1: { full: 80, partial: 20 },
  P2: { partial: 60, full: 10, degraded: 30 },
  P3: { degraded: 75, partial: 5, none: 20 },
  P4: { none: 60, degraded: 40 },
};

const TITLES: Record<string, string[]> = {
  deployment: [
    'Error rate up after release {version}',
    'Release {version} rolled back',
    'Change {change} rolled back after errors',
  ],
  config: [
    'Expired TLS certificate on an internal endpoint',
    'Traffic misrouted after a configuration change',
    'Connection limit lowered by a configuration push',
  ],
  capacity: [
    'Saturated at peak load',
    'Thread pool exhaustion',
    'Autoscaling lagged behind demand',
  ],
  database: [
    'Slow queries after an index change',
    'Database failover interrupted requests',
    'Lock contention on a hot table',
  ],
  network: [
    'Packet loss between zones',
    'DNS resolution failures',
    'Load balancer health checks flapping',
  ],
  supplier: [
    'Degradation at an upstream supplier',
    'Supplier API returning errors',
    'Supplier maintenance overran',
  ],
  none: [
    'Intermittent errors, cause unknown',
    'Elevated latency, self-resolved',
    'Alert storm during monitoring change',
  ],
};

function durationMinutes(
  rng: Random,
  priority: Priority,
  impact: Impact,
): number {
  switch (`${priority}/${impact}`) {
    case 'P1/full':
      return rng.between(6, 35);
    case 'P1/partial':
      return rng.between(15, 60);
    case 'P2/full':
      return rng.between(5, 20);
    case 'P2/partial':
      return rng.between(20, 150);
    case 'P3/partial':
      return rng.between(10, 40);
    case 'P3/none':
      return rng.between(60, 1440);
    case 'P4/none':
    case 'P4/degraded':
      return rng.between(240, 5760);
    default:
      return rng.between(30, 720);
  }
}

function incidentTitle(rng: Random, declared: Declared, cause: string): string {
  const text = rng
    .pick(TITLES[cause] ?? TITLES.none)
    .replace('{version}', `${rng.int(1, 9)}.${rng.int(0, 60)}.${rng.int(0, 9)}`)
    .replace('{change}', `CHG${rng.int(10000, 99999)}`);
  return `${declared.title}: ${text}`;
}

function maintenanceWork(type: string): string {
  if (type === 'database') {
    return 'minor version upgrade with failover';
  }
  if (type === 'kubernetes-cluster') {
    return 'control plane and node pool upgrade';
  }
  return 'operating system patching';
}

/** A start at the given local hour on a working day inside [from, latest], or undefined. */
function workingHourStart(
  zone: string,
  fromMs: number,
  latestMs: number,
  hour: number,
  rng: Random,
  maintenance: Declared['maintenance'],
): number | undefined {
  if (latestMs <= fromMs) {
    return undefined;
  }
  const anchor = fromMs + (latestMs - fromMs) * rng.between(0.3, 0.6);
  let local = DateTime.fromMillis(anchor, { zone }).set({
    hour,
    minute: rng.int(0, 50),
    second: 0,
    millisecond: 0,
  });
  for (let i = 0; i < 14; i++) {
    const ms = local.toMillis();
    if (
      ms >= fromMs &&
      ms <= latestMs &&
      local.weekday <= 5 &&
      !inWindows(local, maintenance)
    ) {
      return ms;
    }
    local = ms > latestMs ? local.minus({ days: 1 }) : local.plus({ days: 1 });
  }
  return undefined;
}

function generateIncidents(
  declared: Declared,
  plan: EntityPlan,
  ctx: Context,
): { incidents: IncidentRecord[]; bursts: Map<string, Burst> } {
  const rng = new Random(ctx.seed, `${declared.ref}|incidents`);
  const list: Omit<IncidentRecord, 'id'>[] = [];
  const bursts = new Map<string, Burst>();
  const zone = declared.timezone;
  const target = availabilityTarget(declared, ctx.tiers);
  // outages of services with strict targets are kept short: 99.95 % → ×1, 99.99 % → ×0.2
  const outageScale = clamp((100 - target) / 0.05, 0.1, 2);
  // the current periods stay calm (degraded at worst) unless the plan says otherwise
  const calmSince = Math.min(
    ctx.nowMs - 2 * DAY,
    ...declared.objectives.map(o =>
      currentPeriodStart(ctx.nowMs, zone, o.period),
    ),
  );

  const kindRates: Record<string, number> = { System: 0.2, Resource: 0.6 };
  const tierRates: Record<string, number> = { 'tier-1': 0.8, 'tier-3': 1.2 };
  const base =
    (kindRates[declared.kind] ?? 1) * (tierRates[declared.tier ?? ''] ?? 1);
  const causeWeights: Record<string, number> = {
    deployment: declared.kind === 'Resource' ? 8 : 30,
    config: 14,
    capacity: 13,
    database: declared.type === 'database' ? 36 : 12,
    network: 12,
    supplier: declared.hasSupplier ? 24 : 8,
    none: 9,
  };

  for (
    let month = DateTime.fromMillis(ctx.historyStartMs, { zone: 'utc' });
    month.toMillis() < ctx.nowMs;
    month = month.plus({ months: 1 })
  ) {
    const start = month.toMillis();
    const end = Math.min(month.plus({ months: 1 }).toMillis(), ctx.nowMs);
    const count = rng.poisson((base * (end - start)) / (30 * DAY));
    for (let i = 0; i < count; i++) {
      const startedAt =
        start + Math.floor((rng.float() * (end - start)) / MINUTE) * MINUTE;
      let priority = rng.weighted({ P1: 4, P2: 16, P3: 45, P4: 35 } as Record<
        Priority,
        number
      >);
      let impact = rng.weighted(
        IMPACT_BY_PRIORITY[priority] as Record<Impact, number>,
      );
      const cause = rng.weighted(causeWeights);
      if (startedAt >= calmSince - DAY) {
        if (priority === 'P1' || priority === 'P2') {
          priority = 'P3';
        }
        if (impact === 'full' || impact === 'partial') {
          impact = 'degraded';
        }
      }
      const targets = declared.support[priority];
      let minutes = durationMinutes(rng, priority, impact);
      if (impact === 'full' || impact === 'partial') {
        minutes *= outageScale;
      }
      const missResolution = rng.chance(
        priority === 'P1' || priority === 'P2' ? 0.03 : 0.08,
      );
      if (missResolution) {
        minutes = (targets.resolution / 60) * rng.between(1.05, 1.4);
        if (priority === 'P1' || priority === 'P2') {
          impact = 'degraded';
        }
      } else {
        minutes = Math.min(minutes, (targets.resolution / 60) * 0.9);
      }
      const duration = Math.max(1, Math.round(minutes)) * MINUTE;
      const missResponse = rng.chance(0.08);
      const ack =
        Math.round(
          targets.response *
            (missResponse ? rng.between(1.1, 2.2) : rng.between(0.15, 0.85)),
        ) * 1000;
      const title = incidentTitle(rng, declared, cause);
      if (startedAt + duration > ctx.nowMs - 20 * MINUTE) {
        continue;
      }
      list.push({
        entityRef: declared.ref,
        source: ctx.source,
        title,
        priority,
        impact,
        startedAt: iso(startedAt),
        acknowledgedAt: iso(Math.min(startedAt + ack, startedAt + duration)),
        resolvedAt: iso(startedAt + duration),
        planned: false,
        ...(cause === 'none' ? {} : { cause }),
      });
    }
  }

  // planned maintenance in the declared windows, spread over the history
  const maintenanceCount = plan.plannedMaintenance ?? 0;
  if (maintenanceCount > 0 && declared.maintenance.length) {
    const window = declared.maintenance[0];
    const months = Math.max(
      1,
      Math.round((ctx.nowMs - ctx.historyStartMs) / (30.4375 * DAY)) - 1,
    );
    const isDatabase = declared.type === 'database';
    for (let j = 0; j < maintenanceCount; j++) {
      const monthIndex = Math.floor(((j + 0.5) * months) / maintenanceCount);
      let day = DateTime.fromMillis(ctx.historyStartMs, { zone })
        .plus({ months: monthIndex })
        .startOf('month')
        .plus({ days: 7 });
      while (!window.weekdays.includes(day.weekday)) {
        day = day.plus({ days: 1 });
      }
      const startedAt = day
        .set({
          hour: Math.floor(window.from / 60),
          minute: (window.from % 60) + 10,
        })
        .toMillis();
      const room = (window.to - window.from - 20) * MINUTE;
      const duration = clamp(
        Math.round(isDatabase ? rng.between(3, 8) : rng.between(40, 90)) *
          MINUTE,
        MINUTE,
        Math.max(MINUTE, room),
      );
      if (startedAt + duration > ctx.nowMs - HOUR) {
        continue;
      }
      list.push({
        entityRef: declared.ref,
        source: ctx.source,
        title: `${declared.title}: planned maintenance — ${maintenanceWork(
          declared.type,
        )}`,
        priority: 'P4',
        impact: isDatabase ? 'full' : 'partial',
        startedAt: iso(startedAt),
        acknowledgedAt: iso(startedAt),
        resolvedAt: iso(startedAt + duration),
        planned: true,
        cause: 'maintenance',
      });
    }
  }

  // the planned state of the current period
  const current = plan.current;
  const objective =
    current && declared.objectives.find(o => o.name === current.objective);
  const periodStart = objective
    ? currentPeriodStart(ctx.nowMs, zone, objective.period)
    : ctx.nowMs;
  // (in the first minutes of a period there is nothing to shape yet)
  if (current && objective && ctx.nowMs - periodStart >= 20 * MINUTE) {
    const periodEnd = currentPeriodEnd(ctx.nowMs, zone, objective.period);
    const elapsed = ctx.nowMs - periodStart;
    const budgetShare = 1 - objective.target / 100;
    let duration: number;
    let priority: Priority;
    let impact: Impact;
    if (objective.kind === 'availability') {
      // breached: more than the whole period's budget; at risk: ~80 % of the budget so far
      duration =
        current.status === 'breached'
          ? Math.min(
              1.3 * budgetShare * (periodEnd - periodStart),
              0.8 * elapsed,
            )
          : 0.78 * budgetShare * elapsed;
      priority = current.status === 'breached' ? 'P1' : 'P2';
      impact = 'full';
    } else {
      duration = current.status === 'breached' ? 35 * MINUTE : 90 * MINUTE;
      duration = Math.min(duration, 0.5 * elapsed);
      priority = current.status === 'breached' ? 'P2' : 'P3';
      impact = current.status === 'breached' ? 'partial' : 'degraded';
    }
    duration = Math.max(
      MINUTE,
      Math.floor(Math.min(duration, 0.6 * elapsed) / 1000) * 1000,
    );
    const latest = ctx.nowMs - duration - Math.min(30 * MINUTE, 0.2 * elapsed);
    const startedAt =
      workingHourStart(
        zone,
        periodStart,
        latest,
        objective.kind === 'availability' ? 10 : 12,
        rng,
        declared.maintenance,
      ) ?? Math.floor((periodStart + latest) / 2 / 1000) * 1000;
    const targets = declared.support[priority];
    const cause = current.cause ?? 'deployment';
    list.push({
      entityRef: declared.ref,
      source: ctx.source,
      title: current.title ?? incidentTitle(rng, declared, cause),
      priority,
      impact,
      startedAt: iso(startedAt),
      acknowledgedAt: iso(
        startedAt +
          Math.min(Math.round(targets.response * 0.4) * 1000, duration),
      ),
      resolvedAt: iso(startedAt + duration),
      planned: false,
      cause,
    });
    bursts.set(objective.name, {
      startMs: startedAt,
      endMs: startedAt + duration,
    });
  }

  // an incident that is still open
  if (plan.openIncident) {
    const open = plan.openIncident;
    const startedAt = ctx.nowMs - open.minutesAgo * MINUTE;
    const response = declared.support[open.priority].response * 1000;
    list.push({
      entityRef: declared.ref,
      source: ctx.source,
      title: open.title,
      priority: open.priority,
      impact: open.impact,
      startedAt: iso(startedAt),
      acknowledgedAt: iso(
        startedAt + Math.min(response * 0.5, open.minutesAgo * MINUTE * 0.5),
      ),
      resolvedAt: null,
      planned: false,
      ...(open.cause ? { cause: open.cause } : {}),
    });
  }

  list.sort(
    (a, b) =>
      a.startedAt.localeCompare(b.startedAt) || a.title.localeCompare(b.title),
  );
  const incidents = list.map((incident, index) => ({
    id: `${declared.ref}#inc-${String(index + 1).padStart(4, '0')}`,
    ...incident,
  }));
  return { incidents, bursts };
}

/**
 * The incident of the dependency a planned outage is attributed to: it starts five minutes before the
 * service's outage and lasts the planned share of it.
 */
function dependencyOutage(
  declared: Declared,
  plan: EntityPlan,
  bursts: Map<string, Burst>,
  ctx: Context,
): IncidentRecord | undefined {
  const dependency = plan.current?.dependency;
  const burst = plan.current && bursts.get(plan.current.objective);
  if (!dependency || !burst) return undefined;
  const startedAt = burst.startMs - 5 * MINUTE;
  const resolvedAt =
    burst.startMs +
    Math.round(
      (clamp(dependency.share, 0, 1) * (burst.endMs - burst.startMs)) / 1000,
    ) *
      1000;
  return {
    id: `${dependency.entityRef}#inc-under-${declared.ref.split('/').pop()}`,
    entityRef: dependency.entityRef,
    source: ctx.source,
    title: dependency.title,
    priority: 'P1',
    impact: 'full',
    startedAt: iso(startedAt),
    acknowledgedAt: iso(startedAt + 4 * MINUTE),
    resolvedAt: iso(resolvedAt),
    planned: false,
    ...(dependency.cause ? { cause: dependency.cause } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// SLI

/**
 * Relative traffic in a local hour (weekday 1 = Monday): quiet at night, a daytime plateau, 70 %
 * at weekends; for business-hours services, traffic only in the agreed hours.
 */
function trafficShape(
  hour: number,
  weekday: number,
  declared: Declared,
): number {
  if (declared.weekly) {
    const minute = hour * 60 + 30;
    return declared.weekly.some(
      w => w.weekdays.includes(weekday) && minute >= w.from && minute < w.to,
    )
      ? 1
      : 0.03;
  }
  let diurnal = 0.35 + 0.65 * Math.sin((Math.PI * (hour - 6)) / 16);
  if (hour < 6) {
    diurnal = 0.2;
  } else if (hour >= 22) {
    diurnal = 0.25;
  }
  return diurnal * (weekday >= 6 ? 0.7 : 1);
}

/** Relative traffic of a whole local day. */
function dailyShape(weekday: number, declared: Declared): number {
  let sum = 0;
  for (let h = 0; h < 24; h++) {
    sum += trafficShape(h, weekday, declared);
  }
  return sum;
}

const BAD_FACTOR: Record<Impact, { ratio: number; latency: number }> = {
  full: { ratio: 0.95, latency: 0.95 },
  partial: { ratio: 0.3, latency: 0.35 },
  degraded: { ratio: 0.03, latency: 0.25 },
  none: { ratio: 0, latency: 0.02 },
};

/** Local hour and weekday of an instant; luxon is consulted once per zone and UTC day. */
function localClock(zone: string, cache: Map<number, [number, number]>) {
  return (ms: number): { hour: number; weekday: number } => {
    const day = Math.floor(ms / DAY) * DAY;
    let offsets = cache.get(day);
    if (!offsets) {
      offsets = [
        DateTime.fromMillis(day, { zone }).offset,
        DateTime.fromMillis(day + DAY - 1, { zone }).offset,
      ];
      cache.set(day, offsets);
    }
    const offset =
      offsets[0] === offsets[1]
        ? offsets[0]
        : DateTime.fromMillis(ms, { zone }).offset;
    const local = new Date(ms + offset * MINUTE);
    return {
      hour: local.getUTCHours(),
      weekday: ((local.getUTCDay() + 6) % 7) + 1,
    };
  };
}

interface Bucket {
  start: number;
  seconds: number;
  total: number;
  bad: number;
}

function generateSli(
  declared: Declared,
  plan: EntityPlan,
  incidents: IncidentRecord[],
  bursts: Map<string, Burst>,
  ctx: Context,
): SliRecord[] {
  const records: SliRecord[] = [];
  const outages = incidents
    .filter(i => !i.planned)
    .map(i => ({
      start: Date.parse(i.startedAt),
      end: i.resolvedAt ? Date.parse(i.resolvedAt) : ctx.nowMs,
      impact: i.impact,
    }));

  const clock = localClock(declared.timezone, new Map());
  for (const objective of declared.objectives) {
    if (objective.kind === 'availability') {
      continue;
    }
    const rng = new Random(ctx.seed, `${declared.ref}|sli|${objective.name}`);
    const batch = /run|batch|report|job/i.test(objective.name);
    const rate = batch ? rng.between(20, 60) : rng.between(3000, 90000);
    const allowedShare = 1 - objective.target / 100;
    const span = ctx.nowMs - ctx.historyStartMs;
    const buckets: Bucket[] = [];
    const dayShapes = [0, 1, 2, 3, 4, 5, 6, 7].map(wd =>
      wd ? dailyShape(wd, declared) : 0,
    );

    const addBucket = (
      start: number,
      seconds: number,
      expected: number,
      spiky: boolean,
    ) => {
      const total = Math.max(0, Math.round(expected));
      let badShare =
        allowedShare *
        (spiky && rng.chance(0.03)
          ? rng.between(2, 6)
          : rng.between(0.05, 0.45));
      const end = start + seconds * 1000;
      for (const outage of outages) {
        const overlap =
          Math.min(end, outage.end) - Math.max(start, outage.start);
        if (overlap > 0) {
          badShare +=
            (overlap / (seconds * 1000)) *
            BAD_FACTOR[outage.impact][objective.kind as 'ratio' | 'latency'];
        }
      }
      buckets.push({
        start,
        seconds,
        total,
        bad: Math.min(total, Math.round(total * badShare)),
      });
    };

    // daily buckets for the older history
    for (
      let day = ctx.historyStartMs;
      day + DAY <= ctx.hourlyStartMs;
      day += DAY
    ) {
      const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1;
      const shape = dayShapes[weekday];
      const growth = 1 + 0.15 * ((day - ctx.historyStartMs) / span);
      addBucket(
        day,
        86400,
        rate * growth * shape * (1 + rng.noise(0.02)),
        false,
      );
    }
    // hourly buckets for the recent days (complete hours only)
    for (let hour = ctx.hourlyStartMs; hour + HOUR <= ctx.nowMs; hour += HOUR) {
      const local = clock(hour);
      const growth = 1 + 0.15 * ((hour - ctx.historyStartMs) / span);
      const shape = trafficShape(local.hour, local.weekday, declared);
      addBucket(
        hour,
        3600,
        rate * growth * shape * (1 + rng.noise(0.04)),
        true,
      );
    }

    shapeCurrentPeriod(
      buckets,
      declared,
      objective,
      plan,
      bursts.get(objective.name),
      ctx,
    );

    for (const b of buckets) {
      records.push({
        entityRef: declared.ref,
        source: ctx.source,
        objective: objective.name,
        bucketStart: iso(b.start),
        bucketSeconds: b.seconds,
        good: b.total - b.bad,
        total: b.total,
      });
    }
  }
  return records;
}

/**
 * Makes the current period of an objective end as planned: at risk (about 80 % of the error
 * budget spent), breached (about 160 %), or comfortably met (well under the elapsed share).
 */
function shapeCurrentPeriod(
  buckets: Bucket[],
  declared: Declared,
  objective: DeclaredObjective,
  plan: EntityPlan,
  burst: Burst | undefined,
  ctx: Context,
) {
  const periodStart = currentPeriodStart(
    ctx.nowMs,
    declared.timezone,
    objective.period,
  );
  const periodEnd = currentPeriodEnd(
    ctx.nowMs,
    declared.timezone,
    objective.period,
  );
  const elapsedShare =
    periodEnd > periodStart
      ? clamp((ctx.nowMs - periodStart) / (periodEnd - periodStart), 0, 1)
      : 1;
  const inPeriod = buckets.filter(b => b.start >= periodStart);
  const total = inPeriod.reduce((s, b) => s + b.total, 0);
  const bad = inPeriod.reduce((s, b) => s + b.bad, 0);
  if (total === 0) {
    return;
  }
  const allowed = (1 - objective.target / 100) * total;
  const scale = (factor: number) => {
    for (const b of inPeriod) {
      b.bad = Math.min(b.total, Math.round(b.bad * factor));
    }
  };

  if (plan.current?.objective === objective.name) {
    const wanted = Math.round(
      (plan.current.status === 'breached' ? 1.6 : 0.82) * allowed,
    );
    if (bad > wanted) {
      scale(wanted / bad);
      return;
    }
    let deficit = wanted - bad;
    // pour the missing bad events into the incident window first, then into its neighbours
    const order = [...inPeriod].sort((a, b) => {
      const da = burst ? Math.abs(a.start - burst.startMs) : -a.start;
      const db = burst ? Math.abs(b.start - burst.startMs) : -b.start;
      return da - db;
    });
    for (const b of order) {
      if (deficit <= 0) {
        break;
      }
      const room = Math.floor(b.total * 0.9) - b.bad;
      if (room > 0) {
        const add = Math.min(room, deficit);
        b.bad += add;
        deficit -= add;
      }
    }
  } else if (!plan.current) {
    // healthy: keep the burn comfortably below the elapsed share of the period
    const cap = 0.55 * Math.max(elapsedShare, 0.05) * allowed;
    if (bad > cap) {
      scale(cap / bad);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// costs

const COST_SHARES: Record<string, Partial<Record<CostCategory, number>>> = {
  'kubernetes-cluster': {
    compute: 70,
    storage: 8,
    network: 10,
    licences: 4,
    people: 8,
  },
  database: { compute: 35, storage: 35, network: 5, licences: 10, people: 15 },
  storage: { compute: 10, storage: 65, network: 12, licences: 3, people: 10 },
  hsm: { licences: 45, network: 5, people: 30, compute: 20 },
  service: { compute: 40, storage: 8, network: 7, licences: 15, people: 30 },
};

function costShares(declared: Declared): Partial<Record<CostCategory, number>> {
  if (declared.type === 'kubernetes-cluster') {
    return COST_SHARES['kubernetes-cluster'];
  }
  if (declared.type === 'database' || declared.type === 'message-bus') {
    return COST_SHARES.database;
  }
  if (/lake|storage|bucket/.test(declared.type)) {
    return COST_SHARES.storage;
  }
  if (declared.type === 'hsm') {
    return COST_SHARES.hsm;
  }
  return COST_SHARES.service;
}

function generateCosts(
  declared: Declared,
  plan: EntityPlan,
  ctx: Context,
): CostRecord[] {
  // a System's actuals are the roll-up of its parts: it gets a budget, not cost records
  const cost = declared.cost;
  if (!cost || declared.kind === 'System') {
    return [];
  }
  const rng = new Random(ctx.seed, `${declared.ref}|cost`);
  const budget = cost.monthlyBudget ?? Math.round(rng.between(2000, 30000));
  const finalRatio = plan.costRatio ?? rng.between(0.82, 0.96);
  const drift =
    plan.costRatio && plan.costRatio > 1 ? 0.22 : rng.between(0, 0.08);
  const shares = Object.entries(costShares(declared)) as [
    CostCategory,
    number,
  ][];
  const shareSum = shares.reduce((s, [, v]) => s + v, 0);
  const records: CostRecord[] = [];
  const first = DateTime.fromMillis(ctx.historyStartMs, { zone: 'utc' });
  const months: DateTime[] = [];
  for (let m = first; m.toMillis() < ctx.nowMs; m = m.plus({ months: 1 })) {
    months.push(m);
  }
  months.forEach((month, index) => {
    const progress = months.length > 1 ? index / (months.length - 1) : 1;
    const ratio = finalRatio - drift * (1 - progress) + rng.noise(0.02);
    const monthEnd = month.plus({ months: 1 }).toMillis();
    const elapsed = clamp(
      (ctx.nowMs - month.toMillis()) / (monthEnd - month.toMillis()),
      0,
      1,
    );
    for (const [category, share] of shares) {
      const amount =
        budget * ratio * (share / shareSum) * (1 + rng.noise(0.03)) * elapsed;
      const periodStart = month.toFormat('yyyy-MM-dd');
      records.push({
        id: `${declared.ref}#cost-${month.toFormat('yyyy-MM')}-${category}`,
        entityRef: declared.ref,
        source: ctx.source,
        periodStart,
        category,
        amount: Math.round(Math.max(0, amount) * 100) / 100,
        currency: cost.currency,
      });
    }
  });
  return records;
}

// ---------------------------------------------------------------------------------------------
// capacity

function roundUsed(value: number, capacity: number): number {
  if (capacity >= 1000) {
    return Math.round(value);
  }
  if (capacity >= 100) {
    return Math.round(value * 10) / 10;
  }
  return Math.round(value * 100) / 100;
}

function generateCapacity(
  declared: Declared,
  plan: EntityPlan,
  ctx: Context,
): CapacityRecord[] {
  const records: CapacityRecord[] = [];
  const firstDay = Math.ceil(ctx.historyStartMs / DAY) * DAY;
  const sampleTimes: number[] = [];
  for (let t = firstDay + 6 * HOUR; t <= ctx.nowMs; t += DAY) {
    sampleTimes.push(t);
  }
  if (!sampleTimes.length) {
    return records;
  }
  const lastTime = sampleTimes[sampleTimes.length - 1];
  const spanDays = (lastTime - sampleTimes[0]) / DAY;

  for (const resource of declared.capacity) {
    const rng = new Random(
      ctx.seed,
      `${declared.ref}|capacity|${resource.name}`,
    );
    const exhaust = plan.exhaustInDays?.[resource.name];
    const held = plan.utilisation?.[resource.name];
    const expansion =
      plan.expansion?.resource === resource.name ? plan.expansion : undefined;
    let now: number;
    let start: number;
    let noise: number;
    let weekly: number;
    if (exhaust) {
      // linear growth over the whole history that reaches 100 % in `exhaust` days
      const ratio = spanDays / exhaust;
      now = (0.2 + ratio) / (1 + ratio);
      start = 0.2;
      noise = 0.004;
      weekly = 0;
    } else if (held !== undefined) {
      now = held;
      start = held - rng.between(0.08, 0.2);
      noise = 0.012;
      weekly = 0.02;
    } else if (expansion) {
      now = rng.between(0.4, 0.46);
      start = (0.55 * expansion.from) / resource.capacity;
      noise = 0.005;
      weekly = 0;
    } else {
      now = rng.between(0.3, 0.62);
      start = now - rng.between(-0.02, 0.12);
      noise = 0.015;
      weekly = 0.03;
    }
    const expandedAt = expansion
      ? DateTime.fromMillis(ctx.nowMs, { zone: 'utc' })
          .minus({ months: expansion.monthsAgo })
          .toMillis()
      : undefined;
    for (const t of sampleTimes) {
      const progress = spanDays > 0 ? (t - sampleTimes[0]) / DAY / spanDays : 1;
      const weekday = new Date(t).getUTCDay();
      const season = weekday === 0 || weekday === 6 ? -weekly : weekly / 2;
      const share = clamp(
        start + (now - start) * progress + season + rng.noise(noise),
        0.01,
        0.995,
      );
      const record: CapacityRecord = {
        entityRef: declared.ref,
        source: ctx.source,
        resource: resource.name,
        at: iso(t),
        used: roundUsed(share * resource.capacity, resource.capacity),
      };
      if (expansion && expandedAt !== undefined) {
        const capacity = t < expandedAt ? expansion.from : resource.capacity;
        record.used = Math.min(
          record.used,
          roundUsed(capacity * 0.97, capacity),
        );
        record.capacity = capacity;
      }
      records.push(record);
    }
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// DR tests

const DR_NOTES: Record<
  string,
  { passed: string; partial: string; failed: string }
> = {
  'hot-standby': {
    passed:
      'Region failover to {site} and back; traffic drained and restored, all checks green.',
    partial:
      'Failover to {site} worked, but replication lag at cut-over exceeded the RPO.',
    failed:
      'Failover to {site} stalled on DNS and certificates; rolled back after the RTO.',
  },
  'warm-standby': {
    passed: 'Standby in {site} promoted and scaled up within the RTO.',
    partial:
      'Standby promoted in {site}; data older than the RPO had to be replayed.',
    failed:
      'Standby in {site} needed a full rebuild; recovery took far longer than the RTO.',
  },
  'cold-standby': {
    passed:
      'Environment rebuilt in {site} from the pipeline; smoke tests passed.',
    partial: 'Rebuilt in {site}, but two integrations needed manual fixes.',
    failed:
      'Rebuild in {site} failed on missing secrets; not recovered within the RTO.',
  },
  'backup-restore': {
    passed:
      "Restored last night's backup to a scratch environment and verified it.",
    partial: 'Restore succeeded but the newest backup was older than the RPO.',
    failed: 'Restore failed: backup archive incomplete.',
  },
  'manual-workaround': {
    passed:
      'Walked through the manual workaround with the business; produced outputs on time.',
    partial: 'Manual workaround worked but took two extra people-days.',
    failed: 'Manual workaround could not produce the outputs in time.',
  },
};

function generateDrTests(
  declared: Declared,
  plan: EntityPlan,
  ctx: Context,
): DrTestRecord[] {
  const continuity = declared.continuity;
  if (!continuity || continuity.strategy === 'none' || plan.dr === 'never') {
    return [];
  }
  const rng = new Random(ctx.seed, `${declared.ref}|dr`);
  const interval = continuity.testEvery * 1000;
  const rto = continuity.rto ?? 4 * 3600;
  const rpo = continuity.rpo ?? 3600;
  const state = plan.dr ?? 'ok';
  const lastAgo =
    state === 'overdue'
      ? interval * rng.between(1.15, 1.4)
      : interval * rng.between(0.15, 0.7);
  const oldest = ctx.nowMs - 25 * 30.4375 * DAY;
  const times: number[] = [];
  for (
    let t = ctx.nowMs - lastAgo;
    t >= oldest && times.length < 6;
    t -= interval * rng.between(0.8, 1.0)
  ) {
    times.unshift(t);
  }
  if (!times.length) {
    times.push(ctx.nowMs - lastAgo);
  }
  const site =
    continuity.sites[1] ?? continuity.sites[0] ?? 'the recovery site';
  const notes = DR_NOTES[continuity.strategy] ?? DR_NOTES['warm-standby'];
  const records: DrTestRecord[] = [];
  times.forEach((time, index) => {
    // on the Saturday before, at 09:00 local time
    let local = DateTime.fromMillis(time, { zone: declared.timezone }).set({
      hour: 9,
      minute: 0,
      second: 0,
      millisecond: 0,
    });
    while (local.weekday !== 6) {
      local = local.minus({ days: 1 });
    }
    const performedAt = Math.min(local.toMillis(), ctx.nowMs - DAY);
    const last = index === times.length - 1;
    let result: DrTestRecord['result'] = 'passed';
    if (last) {
      if (state === 'failed' || state === 'partial') {
        result = state;
      }
    } else if (rng.chance(0.15)) {
      result = 'partial';
    }
    let achievedRto = rto * rng.between(0.3, 0.85);
    let achievedRpo = rpo * rng.between(0.1, 0.8);
    if (result === 'partial') {
      achievedRpo = rpo * rng.between(1.2, 1.8);
    } else if (result === 'failed') {
      achievedRto = rto * rng.between(1.5, 2.2);
      achievedRpo = rpo * rng.between(0.5, 1.0);
    }
    const asValue = (seconds: number) => {
      const rounded = Math.max(60, Math.round(seconds / 60) * 60);
      return index % 2 === 0 ? rounded : shortDuration(rounded);
    };
    records.push({
      id: `${declared.ref}#dr-${DateTime.fromMillis(performedAt, {
        zone: 'utc',
      }).toFormat('yyyy-MM-dd')}`,
      entityRef: declared.ref,
      source: ctx.source,
      performedAt: iso(performedAt),
      result,
      achievedRto: asValue(achievedRto),
      achievedRpo: asValue(achievedRpo),
      notes: notes[result].replace('{site}', site),
    });
  });
  return records;
}

// ---------------------------------------------------------------------------------------------

/**
 * Measured data for the entities that declare `spec.serviceDelivery`: incidents, SLI counts,
 * monthly costs, daily capacity samples and DR tests, `months` calendar months back from `now`.
 * Deterministic: the same entities, `now` and `seed` give the same records, in the same order.
 */
export function generateMeasuredData(
  options: GenerateMeasuredDataOptions,
): MeasuredData {
  const nowMs = Math.floor(options.now.getTime() / 1000) * 1000;
  if (!Number.isFinite(nowMs)) {
    throw new Error('generateMeasuredData: `now` is not a valid date');
  }
  const months = Math.max(1, Math.floor(options.months ?? 13));
  const hourlyDays = Math.max(1, Math.floor(options.hourlyDays ?? 35));
  const tiers = options.tiers ?? DEFAULT_TIERS;
  const plans = options.plans ?? DEMO_PLANS;
  const historyStartMs = DateTime.fromMillis(nowMs, { zone: 'utc' })
    .startOf('month')
    .minus({ months: months - 1 })
    .toMillis();
  const ctx: Context = {
    nowMs,
    historyStartMs,
    hourlyStartMs: Math.max(
      historyStartMs,
      Math.floor(nowMs / DAY) * DAY - hourlyDays * DAY,
    ),
    seed: options.seed ?? 1,
    source: options.source ?? 'demo',
    tiers,
  };

  const declaredList = options.entities
    .map(entity => readDeclared(entity, tiers))
    .filter((d): d is Declared => d !== undefined)
    .sort((a, b) => Number(a.ref > b.ref) - Number(a.ref < b.ref));

  const data: MeasuredData = {
    incidents: [],
    sli: [],
    costs: [],
    capacity: [],
    drTests: [],
  };
  for (const declared of declaredList) {
    const plan =
      plans[declared.ref] ??
      randomPlan(
        ctx.seed,
        declared.ref,
        declared.objectives.map(o => o.name),
        declared.capacity.map(c => c.name),
        declared.maintenance.length > 0,
      );
    const { incidents, bursts } = generateIncidents(declared, plan, ctx);
    data.incidents.push(...incidents);
    const cause = dependencyOutage(declared, plan, bursts, ctx);
    if (cause) data.incidents.push(cause);
    for (const record of generateSli(declared, plan, incidents, bursts, ctx)) {
      data.sli.push(record);
    }
    data.costs.push(...generateCosts(declared, plan, ctx));
    for (const record of generateCapacity(declared, plan, ctx)) {
      data.capacity.push(record);
    }
    data.drTests.push(...generateDrTests(declared, plan, ctx));
    const correction = correctionOf(declared, plan, incidents, ctx);
    if (correction) (data.corrections ??= []).push(correction);
  }
  data.unattributedCosts = generateUnattributedCosts(ctx);
  return data;
}

/** The plan's SLA correction of the entity's open incident, if it has one. */
function correctionOf(
  declared: Declared,
  plan: EntityPlan,
  incidents: IncidentRecord[],
  ctx: Context,
): CorrectionRecord | undefined {
  const wanted = plan.correctOpenIncident;
  const open = incidents.find(
    incident =>
      incident.resolvedAt === null &&
      incident.title === plan.openIncident?.title,
  );
  if (!wanted || !open) return undefined;
  return {
    id: `${declared.ref}#correction-1`,
    entityRef: declared.ref,
    source: ctx.source,
    incident: { source: open.source, id: open.id },
    reason: wanted.reason,
    note: wanted.note,
  };
}

/**
 * A finance export's lines for `mobile-bankng-api`, a misspelt mobile-banking-api: the last
 * complete month and the current one, with the file and lines they came from, as the importer
 * sends them.
 */
function generateUnattributedCosts(ctx: Context): CostRecord[] {
  const rng = new Random(ctx.seed, 'unattributed-costs');
  const current = DateTime.fromMillis(ctx.nowMs, { zone: 'utc' }).startOf(
    'month',
  );
  const entityRef = 'component:default/mobile-bankng-api';
  return [current.minus({ months: 1 }), current].flatMap(month =>
    (['compute', 'network'] as const).map((category, index) => {
      const yyyyMm = month.toFormat('yyyy-MM');
      return {
        id: `${entityRef}#${yyyyMm}#${category}`,
        entityRef,
        source: 'finance-csv',
        periodStart: `${yyyyMm}-01`,
        category,
        amount: Math.round(rng.between(400, 1800) * 100) / 100,
        currency: 'EUR',
        origin: { file: `finance-export-${yyyyMm}.csv`, lines: [41 + index] },
      };
    }),
  );
}
