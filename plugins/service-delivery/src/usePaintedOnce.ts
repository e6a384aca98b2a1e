import { useEffect, useState } from 'react';

/**
 * False on the first render, true once the browser has painted it. A part out of the first view
 * renders only then, so that what the first view shows is painted without waiting for the parts
 * below it to render too.
 */
export function usePaintedOnce(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    // a frame's callbacks run before it is painted; a task queued from one runs after
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
