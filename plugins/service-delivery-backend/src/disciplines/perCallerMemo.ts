/**
 * Answers kept per caller for a short while — what a caller's catalog showed of an entity — so that
 * a stream of batches does not ask the catalog about the same entities again and again. Reading an
 * entry does not renew it: once `ttlMs` have passed since it was written it is asked for again. At
 * most `maxEntries` are kept in all, the ones written longest ago forgotten first.
 */
export class PerCallerMemo<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now: () => number;
    },
  ) {}

  get(caller: string, key: string): V | undefined {
    const entry = this.entries.get(`${caller} ${key}`);
    return entry && this.options.now() - entry.at < this.options.ttlMs
      ? entry.value
      : undefined;
  }

  set(caller: string, key: string, value: V): void {
    const entryKey = `${caller} ${key}`;
    this.entries.delete(entryKey);
    this.entries.set(entryKey, { at: this.options.now(), value });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.options.maxEntries) break;
      this.entries.delete(oldest);
    }
  }
}
