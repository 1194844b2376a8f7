import { useEffect, useState } from 'react';

/** setTimeout's limit: a longer delay fires at once. */
const MAX_TIMER_MS = 2_147_000_000;

/**
 * The current time, re-read when `nextChange(now)` comes round, so a page can switch at a
 * boundary (a room opening) without a clock ticking every second.
 */
export function useNowUntil(nextChange: (now: number) => number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const next = nextChange(now);

  useEffect(() => {
    if (next === null) return;
    const timer = window.setTimeout(() => setNow(Date.now()), Math.min(Math.max(next - Date.now(), 0) + 50, MAX_TIMER_MS));
    return () => window.clearTimeout(timer);
  }, [next]);

  return now;
}
