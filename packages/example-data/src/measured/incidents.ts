// Incidents: each entity's outages, degradations and maintenance, as its plan tells.
import { DateTime } from 'luxon';
import {
  availabilityTarget,
  currentPeriodEnd,
  currentPeriodStart,
  Declared,
  inWindows,
} from '../declared';
import { EntityPlan } from '../plans';
import { Random } from '../random';
import { Impact, IncidentRecord, Priority } from '../types';
import { MINUTE, HOUR, DAY, Context, Burst, iso, clamp } from './shared';

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

export function generateIncidents(
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
export function dependencyOutage(
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
