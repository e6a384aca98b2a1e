import { formatDay } from './dates';
import { PLACEHOLDER } from './format';

/*
 * Presentation of capacity figures: every figure arrives computed from the backend.
 */

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

/** When a threshold is crossed: the day in the service's timezone, `Already`, or `Not at this trend`. */
export function formatCrossing(
  crossing: string | null | undefined,
  timezone: string,
): string {
  if (crossing === 'already') return 'Already';
  if (!crossing) return 'Not at this trend';
  return formatDay(crossing, timezone);
}

/** Days to a crossing: `in 45 days`, `now`, or nothing when never. */
export function formatDaysTo(days: number | null | undefined): string {
  if (days === null || days === undefined) return '';
  if (days <= 0) return 'now';
  const whole = Math.ceil(days);
  return whole === 1 ? 'in 1 day' : `in ${whole.toLocaleString('en-US')} days`;
}
