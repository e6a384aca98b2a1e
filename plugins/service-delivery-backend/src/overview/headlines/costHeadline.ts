import {
  BudgetInput,
  CostHeadline,
  CostLineInput,
  CostRecord,
  SystemCostInput,
  budgetForMonth,
  budgetForYear,
  costVariance,
  fromCents,
  isMonth,
  monthOf,
  monthlyActuals,
  monthsBetween,
  shiftMonth,
  toCents,
  yearEndForecast,
} from '@service-delivery/plugin-service-delivery-common';
import {
  CostSettings,
  convertLines,
  costCurrencyOf,
} from '../../disciplines/cost';
import { timezoneOf } from '../../disciplines/declared';
import { HeadlineInput, HeadlineSource } from './HeadlineSource';

/** The records' lines in `currency`, whatever entity they are of; those without a rate left out. */
function convertedLines(
  records: CostRecord[],
  currency: string,
  settings: CostSettings,
): CostLineInput[] {
  return [...convertLines(records, currency, settings).lines.values()].flat();
}

/** How many months the overview's cost-against-budget chart shows. */
const CHART_MONTHS = 6;

function budgetOf(value: unknown): BudgetInput | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const budget = value as { monthly?: unknown; annual?: unknown };
  return typeof budget.monthly === 'number' || typeof budget.annual === 'number'
    ? (budget as BudgetInput)
    : undefined;
}

/**
 * Financial Management: the entity's own cost in a month against its budget (a system's overview
 * row counts its own cost lines, so that totals over rows count every line once). The month is the
 * period's when it names one, else the current month in the service's timezone.
 */
export const costHeadline: HeadlineSource<'cost'> = {
  discipline: 'cost',

  appliesTo: ({ spec }) => typeof spec.cost === 'object' && spec.cost !== null,

  async compute(input) {
    const { entity, entityRef, spec, settings, now } = input;
    const currency = costCurrencyOf(entity, settings);
    const budget = budgetOf(spec.cost?.budget);
    const currentMonth = monthOf(now, timezoneOf(spec));
    const month =
      input.period && isMonth(input.period) ? input.period : currentMonth;
    const previous = shiftMonth(month, -1);
    const shown = monthsBetween(shiftMonth(month, -(CHART_MONTHS - 1)), month);
    // the forecast reads this year's months and the run-rate months before the current one
    const forecastFrom = [
      shiftMonth(currentMonth, -3),
      `${currentMonth.slice(0, 4)}-01`,
    ].sort()[0];
    const fromMonth = [shown[0], forecastFrom].sort()[0];
    const toMonth = [month, currentMonth].sort()[1];

    const lines = convertedLines(
      await input.store.listCosts({
        entityRefs: [entityRef],
        fromMonth,
        toMonth,
      }),
      currency,
      settings,
    );

    const months = monthlyActuals(lines, shown).map(m => ({
      month: m.month,
      actual: m.total ?? 0,
      budget: budgetForMonth(budget, m.month),
    }));
    const [last, current] = monthlyActuals(lines, [previous, month]);
    const actual = current.total;
    const monthBudget = budgetForMonth(budget, month);
    const lastBudget = budgetForMonth(budget, previous);
    const forecast = yearEndForecast({
      actuals: Object.fromEntries(
        monthlyActuals(lines, monthsBetween(fromMonth, currentMonth))
          .filter(m => m.total !== null)
          .map(m => [m.month, m.total!]),
      ),
      currentMonth,
    });
    return {
      currency,
      month,
      actual,
      budget: monthBudget,
      variance: costVariance(actual, monthBudget),
      lastMonth: {
        month: previous,
        actual: last.total,
        budget: lastBudget,
        variance: costVariance(last.total, lastBudget),
      },
      forecastYearEnd: forecast?.amount ?? null,
      annualBudget: budgetForYear(budget),
      months,
    };
  },
};

/**
 * A System's cost with every part's (its components and resources) in its headline's month and the
 * month before, converted to its currency as its Cost tab counts them: what its budget findings read
 * when its budget holds its parts'. Undefined without parts or a budget in either month.
 */
export async function systemCostWithParts(
  input: Pick<HeadlineInput, 'store' | 'settings'>,
  parts: string[],
  headline: CostHeadline,
): Promise<SystemCostInput | undefined> {
  const last = headline.lastMonth;
  if (
    parts.length === 0 ||
    (headline.budget === null && (last?.budget ?? null) === null)
  ) {
    return undefined;
  }
  const previous = last?.month ?? shiftMonth(headline.month, -1);
  const lines = convertedLines(
    await input.store.listCosts({
      entityRefs: parts,
      fromMonth: previous,
      toMonth: headline.month,
    }),
    headline.currency,
    input.settings,
  );
  const [lastParts, currentParts] = monthlyActuals(lines, [
    previous,
    headline.month,
  ]);
  const plus = (own: number | null, theirs: number | null) =>
    fromCents(toCents(own ?? 0) + toCents(theirs ?? 0));
  return {
    parts,
    month: {
      month: headline.month,
      actual: plus(headline.actual, currentParts.total),
      budget: headline.budget,
    },
    lastMonth: last
      ? {
          month: previous,
          actual: plus(last.actual, lastParts.total),
          budget: last.budget,
        }
      : null,
  };
}
