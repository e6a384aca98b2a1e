import {
  BudgetInput,
  CostLineInput,
  budgetForMonth,
  budgetForYear,
  costVariance,
  isMonth,
  monthOf,
  monthlyActuals,
  monthsBetween,
  shiftMonth,
  yearEndForecast,
} from '@service-delivery/plugin-service-delivery-common';
import { costCurrencyOf, converter } from '../../disciplines/cost';
import { timezoneOf } from '../../disciplines/declared';
import { HeadlineSource } from './HeadlineSource';

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

    const convert = converter(settings);
    const lines: CostLineInput[] = [];
    for (const record of await input.store.listCosts({
      entityRefs: [entityRef],
      fromMonth,
      toMonth,
    })) {
      const amount = convert(record.amount, record.currency, currency);
      if (amount !== undefined) {
        lines.push({
          month: record.periodStart.slice(0, 7),
          category: record.category,
          amount,
        });
      }
    }

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
