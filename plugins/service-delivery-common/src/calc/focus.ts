/*
 * Costs as FOCUS rows (FinOps Open Cost and Usage Specification, https://focus.finops.org): one row
 * per entity, month and category, keyed by the catalog entity (ResourceId) and its owner
 * (SubAccountId). Showback charges each cost to the entity's owner; chargeback splits it by the
 * entity's declared chargeback shares, the rest to the owner, so the two views sum to the same.
 * Columns FOCUS does not define start with `x_`, as the specification asks.
 */
import { resolvePeriod } from './periods';
import { fromCents, splitCents, toCents } from './cost';

/**
 * The costs of one entity, in one currency.
 *
 * @public
 */
export interface FocusCostInput {
  entityRef: string;
  kind: string;
  name: string;
  title?: string;
  owner: string | null;
  system: string | null;
  costCenter?: string;
  currency: string;
  /** the timezone its months are counted in */
  timezone: string;
  /** amounts per month (`YYYY-MM`) and category */
  lines: ReadonlyArray<{ month: string; category: string; amount: number }>;
  /** percent per consumer; the owner carries what they leave */
  chargeback: ReadonlyArray<{ consumer: string; share: number }>;
}

/**
 * The columns of a FOCUS export, in order.
 *
 * @public
 */
export const FOCUS_COLUMNS = [
  'BillingPeriodStart',
  'BillingPeriodEnd',
  'ChargePeriodStart',
  'ChargePeriodEnd',
  'BilledCost',
  'EffectiveCost',
  'BillingCurrency',
  'ChargeCategory',
  'ChargeDescription',
  'ServiceName',
  'ServiceCategory',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'SubAccountId',
  'SubAccountName',
  'Tags',
  'x_CostCategory',
  'x_CostCenter',
  'x_System',
  'x_ChargedTo',
  'x_ChargeShare',
] as const;

/** @public */
export type FocusRow = Record<(typeof FOCUS_COLUMNS)[number], string>;

/** @public */
export type FocusView = 'showback' | 'chargeback';

/**
 * FOCUS rows of entities' costs, ordered by entity, month and category (and consumer).
 *
 * @public
 */
export function focusCostRows(
  inputs: readonly FocusCostInput[],
  view: FocusView,
): FocusRow[] {
  const rows: FocusRow[] = [];
  for (const input of inputs) {
    const periods = new Map<string, { start: string; end: string }>();
    const periodOf = (month: string) => {
      let period = periods.get(month);
      if (!period) {
        const resolved = resolvePeriod(month, {
          defaultPeriod: 'month',
          timezone: input.timezone,
          now: 0,
        });
        period = {
          start: new Date(resolved.start).toISOString(),
          end: new Date(resolved.end).toISOString(),
        };
        periods.set(month, period);
      }
      return period;
    };
    const byMonthAndCategory = new Map<string, number>();
    for (const line of input.lines) {
      const key = `${line.month}\u0000${line.category}`;
      byMonthAndCategory.set(
        key,
        (byMonthAndCategory.get(key) ?? 0) + toCents(line.amount),
      );
    }
    const owner = input.owner ?? '';
    const tags = JSON.stringify({
      'backstage.io/entity-ref': input.entityRef,
      ...(input.owner ? { 'backstage.io/owner': input.owner } : {}),
      ...(input.system ? { 'backstage.io/system': input.system } : {}),
      ...(input.costCenter ? { 'cost-center': input.costCenter } : {}),
    });
    for (const key of [...byMonthAndCategory.keys()].sort()) {
      const [month, category] = key.split('\u0000');
      const cents = byMonthAndCategory.get(key)!;
      const period = periodOf(month);
      const charges =
        view === 'showback'
          ? [{ to: owner, share: 100, cents }]
          : chargedTo(cents, input.chargeback, owner);
      for (const charge of charges) {
        const amount = fromCents(charge.cents).toFixed(2);
        rows.push({
          BillingPeriodStart: period.start,
          BillingPeriodEnd: period.end,
          ChargePeriodStart: period.start,
          ChargePeriodEnd: period.end,
          BilledCost: amount,
          EffectiveCost: amount,
          BillingCurrency: input.currency,
          ChargeCategory: 'Usage',
          ChargeDescription: `${category} of ${input.entityRef}, ${month}`,
          ServiceName: input.title ?? input.name,
          ServiceCategory: 'Other',
          ResourceId: input.entityRef,
          ResourceName: input.name,
          ResourceType: input.kind,
          SubAccountId: owner,
          SubAccountName: owner,
          Tags: tags,
          x_CostCategory: category,
          x_CostCenter: input.costCenter ?? '',
          x_System: input.system ?? '',
          x_ChargedTo: charge.to,
          x_ChargeShare: String(charge.share),
        });
      }
    }
  }
  return rows;
}

/** One cost split by chargeback shares to the cent; what the shares leave goes to the owner. */
function chargedTo(
  cents: number,
  shares: ReadonlyArray<{ consumer: string; share: number }>,
  owner: string,
): Array<{ to: string; share: number; cents: number }> {
  const positive = shares.filter(s => s.share > 0);
  const declared = positive.reduce((sum, s) => sum + s.share, 0);
  const rest = Math.max(0, Math.round((100 - declared) * 1e6) / 1e6);
  const weights = [...positive.map(s => s.share), rest];
  const parts = splitCents(cents, weights);
  const charges = positive.map((s, i) => ({
    to: s.consumer,
    share: s.share,
    cents: parts[i],
  }));
  if (rest > 0) {
    charges.push({ to: owner, share: rest, cents: parts[parts.length - 1] });
  }
  return charges;
}
