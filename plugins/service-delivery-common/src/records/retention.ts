import { parseDuration } from '../duration';

const DAY_MS = 86_400_000;

/**
 * How long measured data is kept when `serviceDelivery.retention.keep` is not set: 25 months, so
 * that a year-on-year comparison of a whole year still has its earlier year.
 *
 * @public
 */
export const defaultRetention = '25mo';

/**
 * How long the records of an entity gone from the catalog are kept when
 * `serviceDelivery.retention.afterEntityGone` is not set.
 *
 * @public
 */
export const defaultEntityGoneGrace = '30d';

/**
 * The instants a record may carry at `now`: none older than the retention (it would be pruned at
 * once) and none later than `now` plus a grace for clocks that run ahead — one bucket for an SLI
 * bucket, one day for everything else.
 *
 * @public
 */
export interface RecordInstantWindow {
  /** epoch milliseconds, inclusive */
  earliest: number;
  /** epoch milliseconds of `now` */
  now: number;
}

/** @public */
export function recordInstantWindow(options: {
  now: number;
  retentionMs: number;
}): RecordInstantWindow {
  return { earliest: options.now - options.retentionMs, now: options.now };
}

/**
 * The latest instant a record may carry: `now` plus one bucket (`bucketSeconds`) or one day.
 *
 * @public
 */
export function latestRecordInstant(
  window: RecordInstantWindow,
  bucketSeconds?: number,
): number {
  return window.now + (bucketSeconds ? bucketSeconds * 1000 : DAY_MS);
}

/**
 * A retention duration (`25mo`, `760d`, `P2Y`) in milliseconds; a month counts 30 days.
 *
 * @throws DurationError when it is not a duration, or not positive
 * @public
 */
export function retentionMillis(value: string | number): number {
  const seconds = parseDuration(value);
  if (!(seconds > 0)) {
    throw new RangeError(`must be a positive duration (got ${value})`);
  }
  return seconds * 1000;
}

/**
 * What the retention task does with the records of one entity reference:
 * - `keep`: the entity is in the catalog and is the one that wrote them;
 * - `gone`: the entity left the catalog (recorded from `goneSince`); kept for the grace period;
 * - `prune`: gone for longer than the grace period — its records are deleted;
 * - `reset`: the catalog holds a different entity under the same reference (another
 *   `metadata.uid`) — the earlier entity's records are deleted, the new one starts clean.
 *
 * @public
 */
export type EntityRecordsFate = 'keep' | 'gone' | 'prune' | 'reset';

/** @public */
export function entityRecordsFate(options: {
  /** the uid recorded when the records were written, if any */
  recordedUid?: string | null;
  /** the uid of the entity the catalog holds under the reference now, if any */
  catalogUid?: string | null;
  /** when the entity was first seen missing from the catalog (epoch ms), if it was */
  goneSince?: number | null;
  now: number;
  graceMs: number;
}): EntityRecordsFate {
  const { recordedUid, catalogUid, goneSince, now, graceMs } = options;
  if (catalogUid) {
    return recordedUid && recordedUid !== catalogUid ? 'reset' : 'keep';
  }
  const since = goneSince ?? now;
  return now - since > graceMs ? 'prune' : 'gone';
}

/**
 * The first month (`YYYY-MM`) whose cost lines are kept when the window starts at `earliest`: the
 * month that holds it.
 *
 * @public
 */
export function earliestCostMonth(earliest: number): string {
  return new Date(earliest).toISOString().slice(0, 7);
}
