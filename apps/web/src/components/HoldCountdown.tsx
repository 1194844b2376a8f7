import { useEffect, useState } from 'react';
import { countdownPhrase, formatCountdown, secondsLeft } from '../bookings/countdown';

interface HoldCountdownProps {
  /** When the hold lapses (ISO). */
  until: string;
  onExpired: () => void;
}

/**
 * How long the time stays held: a clock that ticks every second for the eye, and a polite
 * announcement each minute (not each second) for screen readers.
 */
export function HoldCountdown({ until, onExpired }: HoldCountdownProps) {
  const [now, setNow] = useState(() => Date.now());
  const left = secondsLeft(until, now);

  useEffect(() => {
    if (left <= 0) {
      onExpired();
      return;
    }
    const timer = window.setTimeout(() => setNow(Date.now()), 1000 - (Date.now() % 1000) + 5);
    return () => window.clearTimeout(timer);
  }, [left, onExpired]);

  // Changes once a minute, so the live region speaks once a minute.
  const spoken = left > 0 ? `The time is held for you for ${countdownPhrase(left)}.` : 'The hold has run out.';
  return (
    <div className={left <= 60 ? 'hold-countdown hold-countdown-urgent' : 'hold-countdown'} data-testid="hold-countdown">
      <p className="hold-countdown-label">Time held for you</p>
      <p className="hold-countdown-clock" aria-hidden="true">
        {formatCountdown(left)}
      </p>
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">
        {spoken}
      </p>
    </div>
  );
}
