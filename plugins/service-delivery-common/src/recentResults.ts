/**
 * Remembers a computation's results for the keys it was most recently asked about: ingest reads
 * the same instants and entity references thousands of times a batch. Holds at most `max` results
 * and forgets them all at once when full, which needs no bookkeeping per read.
 *
 * @public
 */
export function recentResults<K, V>(
  max = 20_000,
): (key: K, compute: (key: K) => V) => V {
  const results = new Map<K, V>();
  return (key, compute) => {
    const known = results.get(key);
    if (known !== undefined || results.has(key)) return known as V;
    const value = compute(key);
    if (results.size >= max) results.clear();
    results.set(key, value);
    return value;
  };
}
