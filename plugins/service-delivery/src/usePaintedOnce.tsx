import {
  createContext,
  ReactNode,
  useContext,
  useEffect,
  useState,
} from 'react';

/**
 * False on the first render, true once the browser has painted it. A part out of the first view
 * renders only then, so that what the first view shows is painted without waiting for the parts
 * below it to render too. With `ready`, the frame waited for is the first one painted after `ready`
 * became true (what sits above the part has its data).
 */
export function usePaintedOnce(ready: boolean = true): boolean {
  const [painted, setPainted] = useState(false);
  const waiting = ready && !painted;
  useEffect(() => {
    if (!waiting) return undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a frame's callbacks run before it is painted; a task queued from one runs after
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [waiting]);
  return painted;
}

/**
 * Whether the first view above has shown: false while the page's main request has not answered.
 * True outside a provider, where nothing is waited for.
 */
export const FirstViewShown = createContext(true);

/**
 * True once the first view above this part has been painted with its data: a card below it asks
 * for its own data at once, but renders only then, in the frame after.
 */
export function useBelowFirstView(): boolean {
  return usePaintedOnce(useContext(FirstViewShown));
}

/** Renders its children in the frame after the first view above has been painted. */
export function BelowFirstView(props: { children: ReactNode }) {
  return useBelowFirstView() ? <>{props.children}</> : null;
}
