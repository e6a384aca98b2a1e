/**
 * Remembers a computation's results for the keys it was most recently asked about: ingest reads
 * the same instants and entity references thousands of times a batch. Results live in two
 * generations of at most `max` each: when the young one is full it becomes the old one and the
 * older results are forgotten at once, and a result read from the old generation moves back to
 * the young one. So a working set somewhat larger than `max` is kept whole (forgetting everything
 * when full made a refresh over 12,000 entities compute every reference again, each pass), and
 * no bookkeeping is done per read.
 *
 * @public
 */
export function recentResults<K, V>(
  max = 20_000,
): (key: K, compute: (key: K) => V) => V {
  let young = new Map<K, V>();
  let old = new Map<K, V>();
  const remember = (key: K, value: V) => {
    if (young.size >= max) {
      old = young;
      young = new Map();
    }
    young.set(key, value);
  };
  return (key, compute) => {
    const known = young.get(key);
    if (known !== undefined || young.has(key)) return known as V;
    const before = old.get(key);
    if (before !== undefined || old.has(key)) {
      remember(key, before as V);
      return before as V;
    }
    const value = compute(key);
    remember(key, value);
    return value;
  };
}
