// What the generators of each kind share: the run's context and time helpers.
import { TierPolicy } from '../declared';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export interface Context {
  nowMs: number;
  historyStartMs: number;
  hourlyStartMs: number;
  seed: number;
  source: string;
  tiers: Readonly<Record<string, TierPolicy>>;
}

/** An outage window the SLI burst of a planned breach lines up with. */
export interface Burst {
  startMs: number;
  endMs: number;
}

export const iso = (ms: number) => new Date(ms).toISOString();

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
