/**
 * `items` in consecutive slices of at most `size`: the last one holds what is left. A database
 * query binds a few hundred references at a time, a Prometheus query a few thousand buckets.
 *
 * @public
 */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  if (!(size >= 1)) {
    throw new RangeError(`size must be at least 1, not ${size}`);
  }
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}
