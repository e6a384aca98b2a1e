import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

const PARAM = 'period';

/**
 * The chosen period lives in the URL (`?period=2026-Q3`) so that a view can be shared as a link.
 * `undefined` means the current period.
 */
export function usePeriodParam(): [
  string | undefined,
  (period: string | undefined) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const period = searchParams.get(PARAM) || undefined;
  const setPeriod = useCallback(
    (next: string | undefined) => {
      setSearchParams(previous => {
        const params = new URLSearchParams(previous);
        if (next) {
          params.set(PARAM, next);
        } else {
          params.delete(PARAM);
        }
        return params;
      });
    },
    [setSearchParams],
  );
  return [period, setPeriod];
}
