import {
  CorrectionReason,
  formatDuration,
  formatMoney as formatMoneyIn,
  PolicyFilterValue,
  Status,
} from '@service-delivery/plugin-service-delivery-common';

/*
 * Presentation only: every figure arrives computed from the backend; these turn numbers into text.
 */

/** What a figure that is not there shows. */
export const PLACEHOLDER = '—';

/** `99.95%`, `99.987%`: availability figures need their third decimal. */
export function formatPercent(
  value: number | null | undefined,
  digits = 3,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return PLACEHOLDER;
  }
  return `${Number(value.toFixed(digits))}%`;
}

/** A share 0–1 (above 1, or negative, once a budget is overspent) as a percentage. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) {
    return PLACEHOLDER;
  }
  return formatPercent(share * 100, 1);
}

/** Seconds as people write durations: `21m 36s`, `4h`, `2d 3h`. */
export function formatSeconds(
  seconds: number | null | undefined,
  parts = 2,
): string {
  if (seconds === null || seconds === undefined) {
    return PLACEHOLDER;
  }
  return formatDuration(seconds, { parts });
}

export function formatCount(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return PLACEHOLDER;
  }
  return Math.round(value).toLocaleString('en-US');
}

/** An error-budget amount: time for availability objectives, a number of bad events otherwise. */
export function formatBudgetAmount(
  amount: number,
  unit: 'seconds' | 'events',
): string {
  if (unit === 'seconds') {
    return formatSeconds(amount);
  }
  const events = formatCount(amount);
  return Math.abs(amount) === 1 ? `${events} event` : `${events} events`;
}

export function formatBurnRate(burnRate: number | null | undefined): string {
  if (
    burnRate === null ||
    burnRate === undefined ||
    !Number.isFinite(burnRate)
  ) {
    return PLACEHOLDER;
  }
  return `${Number(burnRate.toFixed(2))}×`;
}

/** An amount of money in its currency, whole units: `€525,600`. */
export function formatMoney(
  money: { amount: number; currency: string } | null | undefined,
): string {
  if (!money || !Number.isFinite(money.amount)) {
    return PLACEHOLDER;
  }
  return formatMoneyIn(money.amount, money.currency);
}

export const statusLabels: Record<Status, string> = {
  met: 'Met',
  'at-risk': 'At risk',
  breached: 'Breached',
  'no-data': 'No data',
};

/** What an error-budget policy state means for releases; `none` where no policy governs. */
export const policyStateLabels: Record<PolicyFilterValue, string> = {
  none: 'No policy',
  normal: 'Releases open',
  'features-frozen': 'Features frozen',
  'all-frozen': 'All changes frozen',
  review: 'Review required',
};

/** `a`, `a and b`, `a, b and c`. */
export function formatNames(names: string[]): string {
  return names.length <= 1
    ? names.join('')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** The reasons in the words of an agreement. */
export const correctionReasonLabels: Record<CorrectionReason, string> = {
  'customer-caused': 'Caused by the customer',
  'third-party-underpinning-contract':
    'A supplier, under an underpinning contract',
  'force-majeure': 'Force majeure',
  'monitoring-error': 'Monitoring error',
  'planned-outside-window': 'Planned work outside the maintenance window',
  other: 'Other',
};
