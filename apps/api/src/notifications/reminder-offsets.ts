/** At most this many reminders per booking: more would be noise, not help. */
export const MAX_REMINDERS = 5;
/** A week: a reminder further ahead than that reminds of nothing. */
export const MAX_REMINDER_MINUTES = 7 * 24 * 60;

/**
 * BOOKING_REMINDER_MINUTES: comma-separated minutes before a booking's start ("1440,15"),
 * each a whole number from 1 to a week, no repeats, at most five. Returns them largest
 * first, or undefined when the value is not of that form (config validation says so).
 */
export function parseReminderOffsets(value: string): number[] | undefined {
  const parts = value.split(',').map((part) => part.trim());
  if (parts.length > MAX_REMINDERS || parts.some((part) => !/^\d{1,6}$/.test(part))) return undefined;
  const minutes = parts.map(Number);
  if (minutes.some((offset) => offset < 1 || offset > MAX_REMINDER_MINUTES) || new Set(minutes).size !== minutes.length) return undefined;
  return minutes.sort((a, b) => b - a);
}
