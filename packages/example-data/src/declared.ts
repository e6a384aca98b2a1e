import { DateTime } from 'luxon';
import { durationSeconds } from './durations';
import { entityRefOf } from './entities';
import { EntityLike, Priority } from './types';

/**
 * The parts of `spec.serviceDelivery` the generator reads, made tolerant of missing and odd values:
 * it generates data for whatever is declared and never validates (service-delivery-common does).
 */

export interface TierPolicy {
  availability?: number;
  rto?: string;
  rpo?: string;
  testEvery?: string;
}

/** The demo's tier policies (app-config `serviceDelivery.tiers`). */
export const DEFAULT_TIERS: Readonly<Record<string, TierPolicy>> = {
  'tier-1': { availability: 99.95, rto: '1h', rpo: '15m', testEvery: '6mo' },
  'tier-2': { availability: 99.9, rto: '4h', rpo: '1h', testEvery: '1y' },
  'tier-3': { availability: 99.5, rto: '1d', rpo: '1d', testEvery: '2y' },
};

export interface Window {
  /** luxon weekdays, 1 = Monday … 7 = Sunday */
  weekdays: number[];
  /** minutes after local midnight */
  from: number;
  to: number;
}

export interface DeclaredObjective {
  name: string;
  kind: 'availability' | 'ratio' | 'latency';
  /** percent */
  target: number;
  period: string;
}

export interface DeclaredSupport {
  response: number;
  resolution: number;
}

export interface DeclaredCost {
  currency: string;
  monthlyBudget?: number;
}

export interface DeclaredCapacity {
  name: string;
  unit?: string;
  capacity: number;
}

export interface DeclaredContinuity {
  rto?: number;
  rpo?: number;
  testEvery: number;
  strategy: string;
  sites: string[];
}

export interface Declared {
  entity: EntityLike;
  ref: string;
  kind: string;
  type: string;
  title: string;
  tier?: string;
  timezone: string;
  /** undefined for 24x7 */
  weekly?: Window[];
  maintenance: Window[];
  /** one per objective name (the strictest target when several agreements share a name) */
  objectives: DeclaredObjective[];
  support: Record<Priority, DeclaredSupport>;
  hasSupplier: boolean;
  cost?: DeclaredCost;
  capacity: DeclaredCapacity[];
  continuity?: DeclaredContinuity;
}

const WEEKDAYS: Record<string, number> = {
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

const DEFAULT_SUPPORT: Record<Priority, DeclaredSupport> = {
  P1: { response: 15 * 60, resolution: 4 * 3600 },
  P2: { response: 3600, resolution: 86400 },
  P3: { response: 4 * 3600, resolution: 3 * 86400 },
  P4: { response: 86400, resolution: 14 * 86400 },
};

function minutesOfDay(value: unknown): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(String(value ?? ''));
  if (!match) {
    return undefined;
  }
  return Number(match[1]) * 60 + Number(match[2]);
}

function readWindows(value: unknown): Window[] {
  if (!Array.isArray(value)) {
    return [];
  }
  const windows: Window[] = [];
  for (const item of value) {
    const days = Array.isArray(item?.days) ? item.days : [];
    const weekdays = days
      .map((d: unknown) => WEEKDAYS[String(d).toLowerCase().slice(0, 3)])
      .filter((d: number | undefined) => d !== undefined);
    const from = minutesOfDay(item?.from);
    let to = minutesOfDay(item?.to);
    if (to === 23 * 60 + 59) {
      to = 24 * 60;
    }
    if (
      weekdays.length &&
      from !== undefined &&
      to !== undefined &&
      to > from
    ) {
      windows.push({ weekdays, from, to });
    }
  }
  return windows;
}

function validZone(zone: unknown): string {
  if (typeof zone === 'string' && DateTime.now().setZone(zone).isValid) {
    return zone;
  }
  return 'UTC';
}

/** Reads an entity's metadata; undefined when it declares none (or an unresolved placeholder). */
export function readDeclared(
  entity: EntityLike,
  tiers: Readonly<Record<string, TierPolicy>>,
): Declared | undefined {
  if (!['Component', 'System', 'Resource'].includes(entity.kind)) {
    return undefined;
  }
  const sd = entity.spec?.serviceDelivery;
  if (!sd || typeof sd !== 'object' || Array.isArray(sd)) {
    return undefined;
  }
  if (Object.keys(sd).some(k => k.startsWith('$'))) {
    return undefined;
  }
  const tier = typeof sd.tier === 'string' ? sd.tier : undefined;
  const policy = tier ? tiers[tier] : undefined;
  const hours = sd.serviceHours ?? {};
  const weekly = Array.isArray(hours.weekly)
    ? readWindows(hours.weekly)
    : undefined;

  const objectives = new Map<string, DeclaredObjective>();
  const support: Record<Priority, DeclaredSupport> = { ...DEFAULT_SUPPORT };
  const declaredSupport = new Map<Priority, DeclaredSupport>();
  let hasSupplier = false;
  for (const agreement of Array.isArray(sd.agreements) ? sd.agreements : []) {
    if (agreement?.type === 'UC') {
      hasSupplier = true;
    }
    const period =
      typeof agreement?.period === 'string' ? agreement.period : 'month';
    for (const objective of Array.isArray(agreement?.objectives)
      ? agreement.objectives
      : []) {
      const kind = objective?.kind;
      const target = Number(objective?.target);
      if (
        typeof objective?.name !== 'string' ||
        !['availability', 'ratio', 'latency'].includes(kind) ||
        !(target > 0 && target <= 100)
      ) {
        continue;
      }
      const known = objectives.get(objective.name);
      if (!known || known.target < target) {
        objectives.set(objective.name, {
          name: objective.name,
          kind,
          target,
          period,
        });
      }
    }
    for (const item of Array.isArray(agreement?.support)
      ? agreement.support
      : []) {
      const priority = item?.priority as Priority;
      const response = durationSeconds(item?.response);
      const resolution = durationSeconds(item?.resolution);
      if (!(priority in DEFAULT_SUPPORT) || !response || !resolution) {
        continue;
      }
      const known = declaredSupport.get(priority);
      declaredSupport.set(priority, {
        response: Math.min(response, known?.response ?? Infinity),
        resolution: Math.min(resolution, known?.resolution ?? Infinity),
      });
    }
  }
  for (const [priority, value] of declaredSupport) {
    support[priority] = value;
  }

  let cost: DeclaredCost | undefined;
  if (sd.cost && typeof sd.cost === 'object') {
    const budget = sd.cost.budget ?? {};
    const monthly = Number(budget.monthly);
    const annual = Number(budget.annual);
    cost = {
      currency: typeof sd.cost.currency === 'string' ? sd.cost.currency : 'EUR',
      monthlyBudget: monthly > 0 ? monthly : undefined,
    };
    if (!cost.monthlyBudget && annual > 0) {
      cost.monthlyBudget = annual / 12;
    }
  }

  const capacity: DeclaredCapacity[] = [];
  for (const resource of Array.isArray(sd.capacity?.resources)
    ? sd.capacity.resources
    : []) {
    const value = Number(resource?.capacity);
    if (typeof resource?.name === 'string' && value > 0) {
      capacity.push({
        name: resource.name,
        unit: resource.unit,
        capacity: value,
      });
    }
  }

  let continuity: DeclaredContinuity | undefined;
  if (sd.continuity && typeof sd.continuity === 'object') {
    const c = sd.continuity;
    continuity = {
      rto: durationSeconds(c.rto) ?? durationSeconds(policy?.rto),
      rpo: durationSeconds(c.rpo) ?? durationSeconds(policy?.rpo),
      testEvery:
        durationSeconds(c.testEvery) ??
        durationSeconds(policy?.testEvery) ??
        365.25 * 86400,
      strategy: typeof c.strategy === 'string' ? c.strategy : 'none',
      sites: Array.isArray(c.sites) ? c.sites.map(String) : [],
    };
  }

  return {
    entity,
    ref: entityRefOf(entity),
    kind: entity.kind,
    type: String(entity.spec?.type ?? ''),
    title: entity.metadata.title ?? entity.metadata.name,
    tier,
    timezone: validZone(hours.timezone),
    weekly: weekly && weekly.length ? weekly : undefined,
    maintenance: readWindows(hours.maintenance),
    objectives: [...objectives.values()],
    support,
    hasSupplier,
    cost,
    capacity,
    continuity,
  };
}

/** The agreed availability (percent) the generator sizes outages by. */
export function availabilityTarget(
  declared: Declared,
  tiers: Readonly<Record<string, TierPolicy>>,
): number {
  const targets = declared.objectives
    .filter(o => o.kind === 'availability')
    .map(o => o.target);
  if (targets.length) {
    return Math.max(...targets);
  }
  return (declared.tier && tiers[declared.tier]?.availability) || 99.9;
}

/** Start of the period that contains `nowMs`, in the service's timezone (epoch ms). */
export function currentPeriodStart(
  nowMs: number,
  zone: string,
  period: string,
): number {
  const now = DateTime.fromMillis(nowMs, { zone });
  switch (period) {
    case 'quarter':
      return now.startOf('quarter').toMillis();
    case 'rolling-28d':
      return nowMs - 28 * 86400_000;
    case 'rolling-30d':
      return nowMs - 30 * 86400_000;
    default:
      return now.startOf('month').toMillis();
  }
}

/** End of that period (for rolling periods: now). */
export function currentPeriodEnd(
  nowMs: number,
  zone: string,
  period: string,
): number {
  const now = DateTime.fromMillis(nowMs, { zone });
  switch (period) {
    case 'quarter':
      return now.startOf('quarter').plus({ quarters: 1 }).toMillis();
    case 'rolling-28d':
    case 'rolling-30d':
      return nowMs;
    default:
      return now.startOf('month').plus({ months: 1 }).toMillis();
  }
}

/** Whether a local time falls in one of the windows. */
export function inWindows(local: DateTime, windows: Window[]): boolean {
  const minute = local.hour * 60 + local.minute;
  return windows.some(
    w =>
      w.weekdays.includes(local.weekday) && minute >= w.from && minute < w.to,
  );
}
