/**
 * The index of the first of these spans, sorted and disjoint, that ends after `at` (their number
 * when none does), by binary search.
 */
export function firstEndingAfter(
  spans: ReadonlyArray<{ end: number }>,
  at: number,
): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (spans[middle].end <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}
