import { DependencyList, useEffect, useMemo, useState } from 'react';

/**
 * Starts a request now, while the component renders. Its failure is handled by whoever reads it
 * later, so it is not reported as unhandled in between.
 */
export function startRequest<T>(start: () => Promise<T>): Promise<T> {
  let request: Promise<T>;
  try {
    request = start();
  } catch (error) {
    request = Promise.reject(error);
  }
  request.catch(() => undefined);
  return request;
}

/** A request as it loads: the last answer or failure is kept while the next one is asked. */
export type RequestState<T> = {
  loading: boolean;
  value?: T;
  error?: Error;
};

/**
 * Asks when the component first renders, and again when one of `deps` changes: not in an effect,
 * which runs only once the whole page around the component has been committed and painted — on an
 * entity page, a few hundred milliseconds after the entity arrived. What is asked depends on `deps`
 * alone, as with `useMemo`.
 */
export function useRequest<T>(
  start: () => Promise<T>,
  deps: DependencyList,
): RequestState<T> {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const request = useMemo(() => startRequest(start), deps);
  const [state, setState] = useState<{
    request?: Promise<T>;
    value?: T;
    error?: Error;
  }>({});
  useEffect(() => {
    let current = true;
    request.then(
      value => {
        if (current) setState({ request, value });
      },
      error => {
        if (current) setState({ request, error });
      },
    );
    return () => {
      current = false;
    };
  }, [request]);
  return {
    loading: state.request !== request,
    value: state.value,
    error: state.error,
  };
}
