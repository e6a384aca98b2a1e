/**
 * Makes every string value of `value` that equals one met before (in this pool) the same string.
 * `JSON.parse` gives each value its own copy: ten thousand stored overview rows name the same
 * owners, systems, dependencies, months and instants over and over, and would hold each copy.
 * Changes `value` in place (object keys are shared by V8 already) and returns it.
 */
export function shareStrings<T>(value: T, pool: Map<string, string>): T {
  return shared(value, pool) as T;
}

function shared(value: unknown, pool: Map<string, string>): unknown {
  if (typeof value === 'string') {
    const known = pool.get(value);
    if (known !== undefined) return known;
    pool.set(value, value);
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = shared(value[i], pool);
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const fields = value as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      fields[key] = shared(fields[key], pool);
    }
  }
  return value;
}
