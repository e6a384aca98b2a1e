// Costs: monthly lines by category, and a finance export's lines no entity claims.
import { DateTime } from 'luxon';
import { Declared } from '../declared';
import { EntityPlan } from '../plans';
import { Random } from '../random';
import { CostCategory, CostRecord } from '../types';
import { Context, clamp } from './shared';

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

export function generateCosts(
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

/**
 * A finance export's lines for `mobile-bankng-api`, a misspelt mobile-banking-api: the last
 * complete month and the current one, with the file and lines they came from, as the importer
 * sends them.
 */
export function generateUnattributedCosts(ctx: Context): CostRecord[] {
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
