import { useEffect, useRef, useState } from 'react';

/**
 * The value as it was at most once every `ms`, with the newest one shown when
 * the interval ends: a live region fed by this speaks every few seconds, not
 * at every progress event. A change of `key` (the job's state) passes at once.
 */
export function useThrottled<T>(value: T, ms: number, key: unknown): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  const lastKey = useRef(key);

  useEffect(() => {
    const now = Date.now();
    const wait = lastKey.current !== key ? 0 : last.current + ms - now;
    lastKey.current = key;
    if (wait <= 0) {
      last.current = now;
      setShown(value);
      return undefined;
    }
    const timer = setTimeout(() => {
      last.current = Date.now();
      setShown(value);
    }, wait);
    return () => clearTimeout(timer);
  }, [value, ms, key]);

  return shown;
}
