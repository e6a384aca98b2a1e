// Capacity: a daily sample of each declared capacity's use.
import { DateTime } from 'luxon';
import { Declared } from '../declared';
import { EntityPlan } from '../plans';
import { Random } from '../random';
import { CapacityRecord } from '../types';
import { HOUR, DAY, Context, iso, clamp } from './shared';

function roundUsed(value: number, capacity: number): number {
  if (capacity >= 1000) {
    return Math.round(value);
  }
  if (capacity >= 100) {
    return Math.round(value * 10) / 10;
  }
  return Math.round(value * 100) / 100;
}

export function generateCapacity(
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
