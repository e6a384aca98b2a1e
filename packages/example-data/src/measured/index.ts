import { DateTime } from 'luxon';
import { Declared, DEFAULT_TIERS, readDeclared, TierPolicy } from '../declared';
import { DEMO_PLANS, EntityPlan, randomPlan } from '../plans';
import { EntityLike, MeasuredData } from '../types';
import { DAY, Context } from './shared';
import { generateIncidents, dependencyOutage } from './incidents';
import { generateSli } from './sli';
import { generateCosts, generateUnattributedCosts } from './costs';
import { generateCapacity } from './capacity';
import { correctionOf } from './corrections';
import { generateDrTests } from './drTests';

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
