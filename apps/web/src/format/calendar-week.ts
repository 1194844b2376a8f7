import { parseCalendarDate } from './dates';
import { wallTimeOf } from './zoned-time';

/*
 * Weeks of calendar dates (YYYY-MM-DD) in the viewer's time zone, Monday to Sunday. The API
 * reads a date as midnight in the zone it is given, so the page never converts a week's
 * bounds into instants itself and a week with a daylight-saving change is still seven days.
 */

const DAY_MS = 86_400_000;

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

/** The browser's own zone, for a visitor who is not signed in. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The calendar date of an instant in the zone. */
export function calendarDateIn(instant: number, timeZone: string): string {
  try {
    return wallTimeOf(instant, timeZone).slice(0, 10);
  } catch {
    return new Date(instant).toISOString().slice(0, 10);
  }
}

/** The date `days` later (or earlier, when negative). */
export function addDays(date: string, days: number): string {
  const day = parseCalendarDate(date);
  if (!day) throw new RangeError(`not a calendar date: ${date}`);
  return isoDate(new Date(day.getTime() + days * DAY_MS));
}

/** The Monday of the week the date falls in. */
export function weekStartOf(date: string): string {
  const day = parseCalendarDate(date);
  if (!day) throw new RangeError(`not a calendar date: ${date}`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return addDays(date, -sinceMonday);
}

export interface WeekRange {
  /** Monday, inclusive. */
  from: string;
  /** The next Monday, exclusive. */
  to: string;
  /** The seven dates, Monday first. */
  days: string[];
}

export function weekRange(anyDateInWeek: string): WeekRange {
  const from = weekStartOf(anyDateInWeek);
  return { from, to: addDays(from, 7), days: Array.from({ length: 7 }, (_, index) => addDays(from, index)) };
}

/** A week given in a URL (any date in it), or the current week in the zone when it is missing, malformed or already past. */
export function weekToShow(requested: string | null, timeZone: string, now: number): WeekRange {
  const thisWeek = weekRange(calendarDateIn(now, timeZone));
  if (!requested || !parseCalendarDate(requested)) return thisWeek;
  const week = weekRange(requested);
  return week.from < thisWeek.from ? thisWeek : week;
}

// English names written out: the pages are in English, and every browser's ICU then agrees on the wording.
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface DateParts {
  weekday: string;
  day: number;
  month: string;
  year: number;
}

function partsOf(date: string): DateParts | null {
  const day = parseCalendarDate(date);
  if (!day) return null;
  return { weekday: WEEKDAYS[day.getUTCDay()], day: day.getUTCDate(), month: MONTHS[day.getUTCMonth()], year: day.getUTCFullYear() };
}

/** "Monday 23 November". */
export function formatDayHeading(date: string): string {
  const parts = partsOf(date);
  return parts ? `${parts.weekday} ${parts.day} ${parts.month}` : date;
}

/** "Monday 23 November 2026". */
export function formatLongDate(date: string): string {
  const parts = partsOf(date);
  return parts ? `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}` : date;
}

/** "23–29 November 2026", "30 November – 6 December 2026": the week's first and last day. */
export function formatWeekLabel(week: WeekRange): string {
  const first = partsOf(week.from);
  const last = partsOf(addDays(week.to, -1));
  if (!first || !last) return week.from;
  if (first.year !== last.year) return `${first.day} ${first.month} ${first.year} – ${last.day} ${last.month} ${last.year}`;
  if (first.month !== last.month) return `${first.day} ${first.month} – ${last.day} ${last.month} ${last.year}`;
  return `${first.day}–${last.day} ${last.month} ${last.year}`;
}

/** Items that carry a calendar date, grouped under each day of the week (a day with none gets an empty list). */
export function groupByDay<T extends { date: string }>(items: readonly T[], days: readonly string[]): Map<string, T[]> {
  const groups = new Map<string, T[]>(days.map((day) => [day, []]));
  for (const item of items) groups.get(item.date)?.push(item);
  return groups;
}
