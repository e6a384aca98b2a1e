type PortfolioContentModule =
  typeof import('./components/overview/PortfolioContent');

let loading: Promise<PortfolioContentModule> | undefined;
let loaded: PortfolioContentModule | undefined;

/**
 * The portfolio tab's code. Asked for when the plugin loads, not when the tab first renders: a tab
 * whose code is fetched from its first render is evaluated only after the entity page's own
 * rendering work that follows (measured in Chromium on the built demo: the group's portfolio showed
 * its content 1.08× as late as the group's Overview tab, 1.01× with the code asked for at load). A
 * failed load is asked for again by the next render.
 */
export function loadPortfolioContent(): Promise<PortfolioContentModule> {
  loading ??= import('./components/overview/PortfolioContent').then(
    module => {
      loaded = module;
      return module;
    },
    error => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Calls `callback` with the portfolio tab's code: now when it is loaded, else once it is. */
export function withPortfolioContent(
  callback: (module: PortfolioContentModule) => void,
): void {
  if (loaded) callback(loaded);
  else loadPortfolioContent().then(callback, () => undefined);
}

/**
 * The portfolio tab's code for `React.lazy`: once loaded, as a thenable that calls back at once.
 * A lazy component given a Promise suspends on its first render even when the Promise is settled,
 * and the tab — with the requests it starts as it renders — would wait for a later pass, after the
 * entity page has been laid out (in the bench's request log, 92–151 ms after the group's entity
 * arrived, against 53–96 ms for the Overview tab's own requests). Rendered in the entity page's
 * first pass, the tab asks for its data there and draws its figures in the next pass.
 */
export function portfolioContentModule(): Promise<PortfolioContentModule> {
  return loaded ? fulfilledNow(loaded) : loadPortfolioContent();
}

/**
 * A thenable fulfilled with `value` whose `then` calls back before it returns, answering another
 * such thenable (or what the callback returned, when that is a thenable itself). React 18's lazy
 * reads one that calls back from inside `then` as already loaded. Typed as a Promise for the
 * extension APIs, which only chain `then` on it; `catch` and `finally` are there all the same.
 */
export function fulfilledNow<T>(value: T): Promise<T> {
  const thenable = {
    then<A = T, B = never>(
      onFulfilled?: ((fulfilled: T) => A | PromiseLike<A>) | null,
    ): Promise<A | B> {
      if (!onFulfilled) return thenable as unknown as Promise<A | B>;
      let next: A | PromiseLike<A>;
      try {
        next = onFulfilled(value);
      } catch (error) {
        return Promise.reject(error);
      }
      return isThenable(next)
        ? Promise.resolve(next)
        : fulfilledNow<A | B>(next as A);
    },
    catch() {
      return thenable;
    },
    finally(onFinally?: (() => void) | null) {
      try {
        onFinally?.();
      } catch (error) {
        return Promise.reject(error);
      }
      return thenable;
    },
    [Symbol.toStringTag]: 'FulfilledNow',
  };
  return thenable as unknown as Promise<T>;
}

function isThenable<A>(value: A | PromiseLike<A>): value is PromiseLike<A> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PromiseLike<A>).then === 'function'
  );
}

loadPortfolioContent().catch(() => undefined);
