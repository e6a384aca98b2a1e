// SLI counts: hourly (recent days) and daily buckets of good and bad events, bursts at outages.
import { DateTime } from 'luxon';
import {
  currentPeriodEnd,
  currentPeriodStart,
  Declared,
  DeclaredObjective,
} from '../declared';
import { EntityPlan } from '../plans';
import { Random } from '../random';
import { Impact, IncidentRecord, SliRecord } from '../types';
import { MINUTE, HOUR, DAY, Context, Burst, iso, clamp } from './shared';

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

export function generateSli(
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
