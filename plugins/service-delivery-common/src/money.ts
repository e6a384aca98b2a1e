/**
 * How precisely {@link formatMoney} writes an amount: a number of decimals (whole units by default),
 * or of significant digits for amounts that are fractions of a cent.
 *
 * @public
 */
export type MoneyPrecision =
  | { digits?: number }
  | { significantDigits: number };

/** The one locale money is written in, by the backend's sentences and the frontend alike. */
const LOCALE = 'en-US';

function numberOptions(precision: MoneyPrecision): Intl.NumberFormatOptions {
  if ('significantDigits' in precision) {
    return { maximumSignificantDigits: precision.significantDigits };
  }
  const digits = precision.digits ?? 0;
  return { minimumFractionDigits: digits, maximumFractionDigits: digits };
}

/**
 * Money as people read it: `€4,210` (whole units unless `precision` says otherwise); an unknown
 * currency code is written after the amount: `1,234 XYZ1`.
 *
 * @public
 */
export function formatMoney(
  amount: number,
  currency: string,
  precision: MoneyPrecision = {},
): string {
  const options = numberOptions(precision);
  try {
    return new Intl.NumberFormat(LOCALE, {
      style: 'currency',
      currency,
      ...options,
    }).format(amount);
  } catch {
    return `${amount.toLocaleString(LOCALE, options)} ${currency}`;
  }
}
