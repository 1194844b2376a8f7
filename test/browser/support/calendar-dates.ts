/**
 * Calendar dates for browser tests, computed from the clock at run time, never written in:
 * the tests run on any day. Written independently of the web client's own helpers
 * (apps/web/src/format/calendar-week.ts), so a test compares the page with a second opinion.
 */

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The wall clock of an instant in a zone: { date: 'YYYY-MM-DD', time: 'HH:MM' }. */
export function wallClock(instant: Date | number | string, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Today's date in the zone. */
export const todayIn = (timeZone: string): string => wallClock(Date.now(), timeZone).date;

const utcDay = (date: string): Date => new Date(`${date}T00:00:00Z`);

/** The calendar date `days` after `date` (before, when negative). */
export const plusDays = (date: string, days: number): string => new Date(utcDay(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);

/** The Monday of the date's week. */
export const mondayOf = (date: string): string => plusDays(date, -((utcDay(date).getUTCDay() + 6) % 7));

/** "Tuesday 1 December 2026". */
export function longDate(date: string): string {
  const day = utcDay(date);
  return `${WEEKDAYS[day.getUTCDay()]} ${day.getUTCDate()} ${MONTHS[day.getUTCMonth()]} ${day.getUTCFullYear()}`;
}

/** "Tuesday 1 December": a day's heading in the slot picker. */
export const dayHeading = (date: string): string => longDate(date).replace(/ \d{4}$/, '');

/** The slot picker's heading of the week starting on `monday`: "23–29 November 2026", "30 November – 6 December 2026". */
export function weekLabel(monday: string): string {
  const [first, last] = [utcDay(monday), utcDay(plusDays(monday, 6))];
  const day = (date: Date) => date.getUTCDate();
  const month = (date: Date) => MONTHS[date.getUTCMonth()];
  const year = (date: Date) => date.getUTCFullYear();
  if (year(first) !== year(last)) return `${day(first)} ${month(first)} ${year(first)} – ${day(last)} ${month(last)} ${year(last)}`;
  if (month(first) !== month(last)) return `${day(first)} ${month(first)} – ${day(last)} ${month(last)} ${year(last)}`;
  return `${day(first)}–${day(last)} ${month(last)} ${year(last)}`;
}

/** A value for <input type="datetime-local">: the wall clock `minutesFromNow` ahead in the zone, to the minute. */
export function localDateTimeFromNow(minutesFromNow: number, timeZone: string): string {
  const { date, time } = wallClock(Date.now() + minutesFromNow * 60_000, timeZone);
  return `${date}T${time}`;
}
