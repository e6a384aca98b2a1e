/*
 * Lookup tables keyed by what a caller or a catalog entity writes. A plain object also answers the
 * names every object inherits (`constructor`, `__proto__`, `toString`, `hasOwnProperty`…), so a
 * whitelist read with `table[key]` or `key in table` lets them through; these read only the
 * table's own entries.
 */

/**
 * Whether `key` is one of the table's own entries.
 *
 * @public
 */
export function isOwnKey<K extends string>(
  table: Readonly<Record<K, unknown>>,
  key: unknown,
): key is K {
  return (
    typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key)
  );
}

/**
 * The table's own entry for `key`, or undefined.
 *
 * @public
 */
export function ownEntry<T>(
  table: Readonly<Record<string, T>>,
  key: unknown,
): T | undefined {
  return isOwnKey(table, key) ? table[key] : undefined;
}
