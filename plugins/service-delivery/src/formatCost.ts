/*
 * Presentation of money and capacity figures: every figure arrives computed from the backend.
 */

const PLACEHOLDER = '—';

function currencyFormat(currency: string, options: Intl.NumberFormatOptions) {
  try {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency,
      ...options,
    });
  } catch {
    return undefined;
  }
}

/** `€42,000.00`; whole units with `digits` 0. */
export function formatAmount(
  amount: number | null | undefined,
  currency: string,
  digits = 2,
): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) {
    return PLACEHOLDER;
  }
  const format = currencyFormat(currency, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format
    ? format.format(amount)
    : `${amount.toFixed(digits)} ${currency}`;
}

/** A cost per unit of demand, often a fraction of a cent: `€0.00156`. */
export function formatUnitCost(
  amount: number | null | undefined,
  currency: string,
): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) {
    return PLACEHOLDER;
  }
  if (Math.abs(amount) >= 1) return formatAmount(amount, currency);
  const format = currencyFormat(currency, { maximumSignificantDigits: 3 });
  return format ? format.format(amount) : `${amount} ${currency}`;
}

/** A variance as people say it: `€3,500.10 over budget`, `€2,000.00 under budget`. */
export function formatVariance(
  variance: number | null | undefined,
  currency: string,
  digits = 2,
): string {
  if (variance === null || variance === undefined) return 'no budget';
  if (variance === 0) return 'on budget';
  const amount = formatAmount(Math.abs(variance), currency, digits);
  return variance > 0 ? `${amount} over budget` : `${amount} under budget`;
}

/** A capacity amount in its unit: `931 TiB`, `403.6 cores`. */
export function formatQuantity(
  value: number | null | undefined,
  unit?: string,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return PLACEHOLDER;
  }
  let rounded = Number(value.toFixed(Math.abs(value) >= 100 ? 0 : 1));
  if (Math.abs(value) < 1) rounded = Number(value.toPrecision(2));
  const number = rounded.toLocaleString('en-US');
  return unit ? `${number} ${unit}` : number;
}

/** When a threshold is crossed: a date, `Already`, or `Not at this trend`. */
export function formatCrossing(crossing: string | null | undefined): string {
  if (crossing === 'already') return 'Already';
  if (!crossing) return 'Not at this trend';
  const date = new Date(crossing);
  return Number.isNaN(date.getTime())
    ? crossing
    : new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(date);
}

/** Days to a crossing: `in 45 days`, `now`, or nothing when never. */
export function formatDaysTo(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days <= 0) return 'now';
  const whole = Math.ceil(days);
  return whole === 1 ? 'in 1 day' : `in ${whole.toLocaleString('en-US')} days`;
}
