// DR tests: each entity's recovery tests and their results.
import { DateTime } from 'luxon';
import { Declared } from '../declared';
import { shortDuration } from '../durations';
import { EntityPlan } from '../plans';
import { Random } from '../random';
import { DrTestRecord } from '../types';
import { DAY, Context, iso } from './shared';

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

export function generateDrTests(
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
