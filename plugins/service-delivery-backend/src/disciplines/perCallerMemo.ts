/**
 * Answers kept per caller for a short while — what a caller's catalog showed of an entity — so that
 * a stream of batches does not ask the catalog about the same entities again and again. Reading an
 * entry does not renew it: once `ttlMs` have passed since it was written it is asked for again. At
 * most `maxEntries` are kept in all, the ones written longest ago forgotten first; an entry whose
 * time has passed is dropped by a timer (which runs only while there are entries), so that a
 * backend at rest does not hold the last stream's answers.
 */
export class PerCallerMemo<V> {
  private readonly entries = new Map<string, { at: number; value: V }>();
  private timer?: ReturnType<typeof setTimeout>;

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
    this.timer ??= this.forgetExpiredIn(this.options.ttlMs);
  }

  /** How many entries are kept. */
  get size(): number {
    return this.entries.size;
  }

  private forgetExpiredIn(ms: number) {
    const timer = setTimeout(() => this.forgetExpired(), ms);
    timer.unref?.();
    return timer;
  }

  /** Entries are in the order written: drops the expired ones up to the first that is not. */
  private forgetExpired() {
    this.timer = undefined;
    const now = this.options.now();
    for (const [key, entry] of this.entries) {
      const left = entry.at + this.options.ttlMs - now;
      if (left > 0) {
        this.timer = this.forgetExpiredIn(left);
        return;
      }
      this.entries.delete(key);
    }
  }
}
