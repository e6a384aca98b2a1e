import { Duration } from 'luxon';

const SHORT_FORM = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w|mo|y)$/;

const SECONDS_PER_UNIT: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 7 * 86400,
  mo: 30.4375 * 86400,
  y: 365.25 * 86400,
};

/**
 * Seconds in a duration of the YAML contract: a short form (`15m`, `4h`, `1d`, `2w`, `6mo`, `300ms`),
 * ISO 8601 (`PT15M`) or a number of seconds. Undefined when it cannot be read. (The generator needs
 * only this much; the contract's validator lives in service-delivery-common.)
 */
export function durationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  }
  if (typeof value !== 'string') {
    return undefined;
  }
  const text = value.trim();
  const short = SHORT_FORM.exec(text);
  if (short) {
    return Number(short[1]) * SECONDS_PER_UNIT[short[2]];
  }
  if (/^P/i.test(text)) {
    const iso = Duration.fromISO(text.toUpperCase());
    if (iso.isValid) {
      return iso.as('seconds');
    }
  }
  return undefined;
}

/** A number of seconds in the short form a person would write (`45m`, `2h`, `3d`). */
export function shortDuration(seconds: number): string {
  if (seconds % 86400 === 0 && seconds >= 86400) {
    return `${seconds / 86400}d`;
  }
  if (seconds % 3600 === 0 && seconds >= 3600) {
    return `${seconds / 3600}h`;
  }
  return `${Math.max(1, Math.round(seconds / 60))}m`;
}
