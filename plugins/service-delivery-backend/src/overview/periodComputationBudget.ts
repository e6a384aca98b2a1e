import { CustomErrorBase } from '@backstage/errors';

/** A caller started more new computations than its budget allows; answered 429. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  /** Backstage's error handler answers with this status */
  readonly statusCode = 429;

  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

const WINDOW_MS = 60_000;
/** Callers remembered at most; those idle for a window are forgotten first. */
const MAX_CALLERS = 10_000;

/**
 * How many new overview computations of a non-current period each caller may start in any
 * minute. Periods already computed (or being computed) are served to everyone without counting:
 * the limit stops one caller from forcing portfolio recomputations by cycling `period` values.
 */
export class PeriodComputationBudget {
  private readonly startsByCaller = new Map<string, number[]>();

  constructor(
    private readonly options: { perMinute: number; now: () => number },
  ) {}

  /** Counts one new computation for the caller, or throws TooManyRequestsError. */
  take(caller: string): void {
    const now = this.options.now();
    const recent = (this.startsByCaller.get(caller) ?? []).filter(
      at => now - at < WINDOW_MS,
    );
    if (recent.length >= this.options.perMinute) {
      const retryAfterSeconds = Math.max(
        1,
        Math.ceil((recent[0] + WINDOW_MS - now) / 1000),
      );
      this.startsByCaller.set(caller, recent);
      throw new TooManyRequestsError(
        `Too many periods asked for: a caller may have ${this.options.perMinute} periods other than the current one computed per minute (periods already computed for anyone do not count); try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      );
    }
    recent.push(now);
    this.startsByCaller.delete(caller);
    this.startsByCaller.set(caller, recent);
    this.forgetIdle(now);
  }

  private forgetIdle(now: number) {
    if (this.startsByCaller.size <= MAX_CALLERS) return;
    for (const [caller, starts] of this.startsByCaller) {
      if (this.startsByCaller.size <= MAX_CALLERS) return;
      if (now - starts[starts.length - 1] >= WINDOW_MS) {
        this.startsByCaller.delete(caller);
      }
    }
    // every caller is active: the least recently active leave first
    while (this.startsByCaller.size > MAX_CALLERS) {
      this.startsByCaller.delete(this.startsByCaller.keys().next().value!);
    }
  }
}
