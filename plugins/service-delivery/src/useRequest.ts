import { DependencyList, useEffect, useMemo, useState } from 'react';

/** The answers of the requests started by `startRequest`, once they came. */
const settled = new WeakMap<
  Promise<unknown>,
  { value?: unknown; error?: Error }
>();

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
  request.then(
    value => settled.set(request, { value }),
    error => settled.set(request, { error }),
  );
  return request;
}

/**
 * The answer of a request started by `startRequest`, once it has come: a component that renders
 * after its data was asked for and answered draws it at once, without a loading frame first.
 */
export function answerOf<T>(
  request: Promise<T>,
): { value?: T; error?: Error } | undefined {
  return settled.get(request) as { value?: T; error?: Error } | undefined;
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
  }>(() => {
    const answer = answerOf(request);
    return answer ? { request, ...answer } : {};
  });
  useEffect(() => {
    let current = true;
    // a state already holding this request's answer (drawn at the first render) is kept as it is
    const answered = (answer: { value?: T; error?: Error }) => {
      if (!current) return;
      setState(previous =>
        previous.request === request ? previous : { request, ...answer },
      );
    };
    request.then(
      value => answered({ value }),
      error => answered({ error }),
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

/** How long after its answer a request is shared with the same read asked again. */
const SHARED_FOR_MS = 1000;

const sharedByOwner = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * One request for the same read of one API asked twice within a moment: React may throw a render
 * away and render again (an update of higher priority came meanwhile), asking again for what the
 * render it threw away had asked; and a page asks for a part's data before the part renders, the
 * part then asking for the same. `key` names the read (its parameters); `owner` is the API, so that
 * reads of different API instances are never shared. The answer is shared until a second after it
 * came, then the next ask starts a new request.
 */
export function sharedRequest<T>(
  owner: object,
  key: string,
  start: () => Promise<T>,
): Promise<T> {
  let requests = sharedByOwner.get(owner);
  if (!requests) {
    requests = new Map();
    sharedByOwner.set(owner, requests);
  }
  const existing = requests.get(key);
  if (existing) return existing as Promise<T>;
  const request = startRequest(start);
  requests.set(key, request);
  const forget = () => {
    setTimeout(() => {
      if (requests.get(key) === request) requests.delete(key);
    }, SHARED_FOR_MS);
  };
  request.then(forget, forget);
  return request;
}
