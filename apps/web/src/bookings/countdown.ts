import type { BookingStatusValue } from '@vetmeet/contracts/client';

/** Whole seconds left until `until` (an ISO instant), never below zero. */
export function secondsLeft(until: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(until) - now) / 1000));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "9:05", "1:02:03", "0:00": a clock face for the time left. */
export function formatCountdown(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(rest)}` : `${minutes}:${pad(rest)}`;
}

/**
 * The same in words, for screen readers, coarse enough to be announced now and then rather
 * than every second: "about 9 minutes", "less than a minute".
 */
export function countdownPhrase(seconds: number): string {
  if (seconds <= 0) return 'no time';
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

/*
 * After paying, the booking moves on only when the payment provider's webhook has reached
 * the server: the page asks again, soon at first and then less often, and stops after a
 * bounded wait (the booking page shows the outcome whenever it comes).
 */

export const POLL_FIRST_DELAY_MS = 1000;
export const POLL_MAX_DELAY_MS = 8000;
/** About two minutes of asking in all. */
export const POLL_MAX_ATTEMPTS = 20;

/** The wait before the attempt-th question (0-based), or null when it is time to stop asking. */
export function pollDelay(attempt: number): number | null {
  if (attempt >= POLL_MAX_ATTEMPTS) return null;
  return Math.min(POLL_MAX_DELAY_MS, Math.round(POLL_FIRST_DELAY_MS * 1.5 ** attempt));
}

/** The payment's outcome is known once the booking is no longer held (or the hold lapsed). */
export const paymentSettled = (status: BookingStatusValue): boolean => status !== 'held';
