import { MS_PER_DAY, toMillis } from './intervals';
import { Instant } from './types';

/*
 * Capacity Management: utilisation against thresholds, the trend of demand and when it crosses
 * them, and what-if modelling (ITIL's application sizing).
 */

/** @public */
export type CapacityStatus = 'ok' | 'warning' | 'critical';

/** @public */
export const DEFAULT_CAPACITY_WINDOW_DAYS = 30;

/** @public */
export interface CapacityThresholds {
  /** Utilisation percentage at which the resource needs attention. */
  warning?: number | null;
  /** Utilisation percentage at which it needs action. */
  critical?: number | null;
}

/** @public */
export interface CapacitySampleInput {
  at: Instant;
  used: number;
  /** A capacity that replaces the declared one from `at` on. */
  capacity?: number | null;
}

/**
 * Used as a percentage of capacity.
 *
 * @public
 */
export function utilisation(used: number, capacity: number): number {
  return (used / capacity) * 100;
}

/**
 * What is left: capacity − used (negative once over capacity).
 *
 * @public
 */
export function headroom(used: number, capacity: number): number {
  return capacity - used;
}

/**
 * The usage at which a utilisation percentage is reached.
 *
 * @public
 */
export function thresholdLevel(capacity: number, percent: number): number {
  return (capacity * percent) / 100;
}

/**
 * `critical` at or above the critical threshold (or at or above 100 % whatever is declared),
 * `warning` at or above the warning threshold, `ok` below.
 *
 * @public
 */
export function capacityStatus(
  utilisationPercent: number,
  thresholds: CapacityThresholds,
): CapacityStatus {
  const { warning, critical } = thresholds;
  if (
    utilisationPercent >= 100 ||
    (typeof critical === 'number' && utilisationPercent >= critical)
  ) {
    return 'critical';
  }
  if (typeof warning === 'number' && utilisationPercent >= warning) {
    return 'warning';
  }
  return 'ok';
}

/**
 * The capacity in force at an instant: that of the latest sample at or before it that carries one,
 * else the declared capacity.
 *
 * @public
 */
export function capacityAt(
  declared: number,
  samples: readonly CapacitySampleInput[],
  at: Instant,
): number {
  const instant = toMillis(at, 'at');
  let latest: { at: number; capacity: number } | undefined;
  for (const sample of samples) {
    if (typeof sample.capacity !== 'number') continue;
    const sampleAt = toMillis(sample.at, 'at');
    if (sampleAt <= instant && (!latest || sampleAt >= latest.at)) {
      latest = { at: sampleAt, capacity: sample.capacity };
    }
  }
  return latest?.capacity ?? declared;
}

/**
 * Samples oldest first, each with the capacity in force at its instant (see capacityAt).
 *
 * @public
 */
export function capacitySeries(
  declared: number,
  samples: readonly CapacitySampleInput[],
): Array<{ at: number; used: number; capacity: number }> {
  const sorted = samples
    .map(s => ({ ...s, at: toMillis(s.at, 'at') }))
    .sort((a, b) => a.at - b.at);
  let inForce = declared;
  return sorted.map(sample => {
    if (typeof sample.capacity === 'number') inForce = sample.capacity;
    return { at: sample.at, used: sample.used, capacity: inForce };
  });
}

/**
 * The straight line that fits points best in the least-squares sense; null with fewer than two x.
 *
 * @public
 */
export function leastSquares(
  points: ReadonlyArray<{ x: number; y: number }>,
): { slope: number; intercept: number } | null {
  const n = points.length;
  if (n < 2) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.x - meanX) ** 2;
    sxy += (p.x - meanX) * (p.y - meanY);
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  return { slope, intercept: meanY - slope * meanX };
}

/**
 * When a threshold is crossed: an instant (epoch ms), `already` when it is, null when never.
 *
 * @public
 */
export type ThresholdCrossing = number | 'already' | null;

/** @public */
export interface CapacityTrend {
  /** The instant the line is anchored at (now). */
  at: number;
  /** The fitted usage at `at`. */
  level: number;
  perDay: number;
}

/** @public */
export interface CapacityChangeInput {
  at: Instant;
  capacity: number;
}

/** @public */
export interface CapacityForecastInput extends CapacityThresholds {
  /** The declared capacity. */
  capacity: number;
  samples: readonly CapacitySampleInput[];
  now: Instant;
  /** How far back the trend looks, in days (30 by default). */
  windowDays?: number;
  /** What if demand were this many times what it is (1 by default). */
  growth?: number;
  /** What if capacity became this from that date on. */
  capacityChange?: CapacityChangeInput | null;
}

/** @public */
export interface CapacityForecast {
  /** The capacity in force now, as measured (the what-if change aside). */
  capacity: number;
  /** The latest sample. */
  used: number | null;
  lastSampleAt: number | null;
  utilisation: number | null;
  headroom: number | null;
  status: CapacityStatus | null;
  samplesInWindow: number;
  /** The least-squares line of demand over the window, scaled by the growth factor. */
  trend: CapacityTrend | null;
  warningAt: ThresholdCrossing;
  criticalAt: ThresholdCrossing;
  exhaustedAt: ThresholdCrossing;
}

/**
 * The usage the trend projects at an instant.
 *
 * @public
 */
export function projectedUsage(trend: CapacityTrend, at: Instant): number {
  return (
    trend.level + (trend.perDay * (toMillis(at, 'at') - trend.at)) / MS_PER_DAY
  );
}

/**
 * Days from now to a crossing: 0 when already crossed, null when never.
 *
 * @public
 */
export function daysUntil(
  crossing: ThresholdCrossing,
  now: Instant,
): number | null {
  if (crossing === null) return null;
  if (crossing === 'already') return 0;
  return (crossing - toMillis(now, 'now')) / MS_PER_DAY;
}

/** How far ahead a crossing is forecast at all; later than that, a trend says nothing. */
const FORECAST_HORIZON_MS = 100 * 365.25 * MS_PER_DAY;

/**
 * A resource's utilisation now and when its demand trend crosses the warning and critical
 * thresholds and its capacity.
 *
 * The trend is the least-squares line of `used` over the samples of the window (the last 30 days
 * by default) ending now: demand, not utilisation, since a capacity change in the window would
 * break a utilisation line in two. Each threshold is then a level of usage against the capacity in
 * force (a sample's `capacity` overrides the declared one from its instant on). A threshold is
 * `already` crossed when the latest sample is at or above it, crossed never (null) when the line is
 * flat or falling or there are fewer than two samples to draw it, and otherwise crossed where the
 * line reaches it (now, if the line is above it while the latest sample is not). A line rising so
 * slowly that it would take more than a century counts as never crossing.
 *
 * What-if: `growth` scales demand (the whole line, level and slope, and the latest sample) and
 * `capacityChange` replaces the capacity from its date on, which can move a crossing or make one
 * happen on that date.
 *
 * @public
 */
export function capacityForecast(
  input: CapacityForecastInput,
): CapacityForecast {
  const now = toMillis(input.now, 'now');
  const growth = input.growth ?? 1;
  if (!(growth > 0)) {
    throw new RangeError(`growth must be above 0, got ${growth}`);
  }
  const windowMs =
    (input.windowDays ?? DEFAULT_CAPACITY_WINDOW_DAYS) * MS_PER_DAY;
  const samples = input.samples
    .map(s => ({ ...s, at: toMillis(s.at, 'at') }))
    .filter(s => s.at <= now)
    .sort((a, b) => a.at - b.at);
  const capacity = capacityAt(input.capacity, samples, now);
  const latest = samples[samples.length - 1];

  const inWindow = samples.filter(s => s.at > now - windowMs);
  const line = leastSquares(
    inWindow.map(s => ({ x: (s.at - now) / MS_PER_DAY, y: s.used })),
  );
  const trend: CapacityTrend | null = line && {
    at: now,
    level: line.intercept * growth,
    perDay: line.slope * growth,
  };

  // The capacity from now on, in pieces: [start, end) with one capacity each.
  const change = input.capacityChange
    ? {
        at: toMillis(input.capacityChange.at, 'capacityChange.at'),
        capacity: input.capacityChange.capacity,
      }
    : undefined;
  const pieces: Array<{ start: number; end: number; capacity: number }> = [];
  if (change && change.at > now) {
    pieces.push({ start: now, end: change.at, capacity });
    pieces.push({ start: change.at, end: Infinity, capacity: change.capacity });
  } else {
    pieces.push({
      start: now,
      end: Infinity,
      capacity: change ? change.capacity : capacity,
    });
  }

  const crossing = (percent: number | null | undefined): ThresholdCrossing => {
    if (typeof percent !== 'number' || !latest) return null;
    if (latest.used * growth >= thresholdLevel(pieces[0].capacity, percent)) {
      return 'already';
    }
    if (!trend) return null;
    for (const piece of pieces) {
      const level = thresholdLevel(piece.capacity, percent);
      if (projectedUsage(trend, piece.start) >= level) return piece.start;
      if (trend.perDay > 0) {
        const at =
          trend.at + ((level - trend.level) / trend.perDay) * MS_PER_DAY;
        if (at < piece.end) return at - now <= FORECAST_HORIZON_MS ? at : null;
      }
    }
    return null;
  };

  return {
    capacity,
    used: latest ? latest.used : null,
    lastSampleAt: latest ? latest.at : null,
    utilisation: latest ? utilisation(latest.used, capacity) : null,
    headroom: latest ? headroom(latest.used, capacity) : null,
    status: latest
      ? capacityStatus(utilisation(latest.used, capacity), input)
      : null,
    samplesInWindow: inWindow.length,
    trend,
    warningAt: crossing(input.warning),
    criticalAt: crossing(input.critical),
    exhaustedAt: crossing(100),
  };
}
