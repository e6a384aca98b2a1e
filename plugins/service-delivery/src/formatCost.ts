import { formatMoney } from '@service-delivery/plugin-service-delivery-common';
import { PLACEHOLDER } from './format';

/*
 * Presentation of cost figures: every figure arrives computed from the backend. Money is written by
 * -common's formatMoney, as the backend's findings write it.
 */

/** `€42,000.00`; whole units with `digits` 0. */
export function formatAmount(
  amount: number | null | undefined,
  currency: string,
  digits = 2,
): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) {
    return PLACEHOLDER;
  }
  return formatMoney(amount, currency, { digits });
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
  return formatMoney(amount, currency, { significantDigits: 3 });
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
