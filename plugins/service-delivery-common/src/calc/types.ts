/*
 * Input shapes of the calculations. They follow `spec.serviceDelivery` (DESIGN §2) and the measured
 * records (DESIGN §3) structurally, so the package's own declared/record types can be passed as they are;
 * the only difference is that durations are already numbers of seconds here.
 */

/**
 * An instant: ISO 8601 text (an offset or `Z`; without one it is read as UTC), epoch ms or a Date.
 *
 * @public
 */
export type Instant = string | number | Date;

/**
 * A half-open span of time `[start, end)` in epoch milliseconds.
 *
 * @public
 */
export interface TimeInterval {
  start: number;
  end: number;
}

/** @public */
export type DayOfWeek = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * A recurring weekly window in local wall-clock time. `to: '24:00'` is the end of the day; a `to` at or
 * before `from` runs past midnight into the next day (`22:00`–`06:00`).
 *
 * @public
 */
export interface WeeklyWindowInput {
  days: readonly DayOfWeek[];
  from: string;
  to: string;
}

/** @public */
export interface ServiceHoursInput {
  /** IANA zone, e.g. `Europe/London`; UTC when absent. */
  timezone?: string;
  schedule?: '24x7';
  weekly?: readonly WeeklyWindowInput[];
  /** Planned windows: neither agreed service time nor downtime. */
  maintenance?: readonly WeeklyWindowInput[];
}

/** @public */
export interface ObjectiveInput {
  name: string;
  kind: 'availability' | 'latency' | 'ratio';
  /** Percentage, `0 < target ≤ 100`. */
  target: number;
  /** Latency threshold; informative only here, the SLI source already counts `good` against it. */
  threshold?: string | number;
}

/** @public */
export interface SupportTargetInput {
  priority: string;
  /** Seconds from start to acknowledgement. */
  response?: number | null;
  /** Seconds from start to resolution. */
  resolution?: number | null;
}

/** @public */
export interface IncidentInput {
  id: string;
  entityRef?: string;
  title?: string;
  priority?: string | null;
  impact: 'full' | 'partial' | 'degraded' | 'none';
  startedAt: Instant;
  acknowledgedAt?: Instant | null;
  /** `null` while the incident is open. */
  resolvedAt?: Instant | null;
  planned?: boolean | null;
  cause?: string | null;
}

/** @public */
export interface SliBucketInput {
  objective: string;
  bucketStart: Instant;
  bucketSeconds: number;
  good: number;
  total: number;
}
