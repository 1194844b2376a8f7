/** A moment in a given time zone (the account's, so every page agrees): "3 Nov 2026, 14:05". */
export function formatDateTime(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

/** A moment to the second, for logs: "3 Nov 2026, 14:05:09". */
export function formatTimestamp(iso: string, timeZone?: string): string {
  const date = new Date(iso);
  try {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date (YYYY-MM-DD) as a Date at UTC midnight, or null if it is not a real date. */
export function parseCalendarDate(value: string): Date | null {
  const match = DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}

/** "12 March 2021"; a calendar date has no time zone, so it is read and shown in UTC. */
export function formatCalendarDate(value: string): string {
  const date = parseCalendarDate(value);
  return date ? new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date) : value;
}

/** "3 years", "5 months", "2 weeks": how old a pet born on this date is today. */
export function ageFrom(birthDate: string, today = new Date()): string | null {
  const born = parseCalendarDate(birthDate);
  if (!born || born.getTime() > today.getTime()) return null;
  let months = (today.getUTCFullYear() - born.getUTCFullYear()) * 12 + (today.getUTCMonth() - born.getUTCMonth());
  if (today.getUTCDate() < born.getUTCDate()) months -= 1;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (months >= 24) return plural(Math.floor(months / 12), 'year');
  if (months >= 1) return plural(months, 'month');
  const weeks = Math.floor((today.getTime() - born.getTime()) / (7 * 24 * 60 * 60 * 1000));
  return weeks >= 1 ? plural(weeks, 'week') : 'under a week';
}

/** Today's date as YYYY-MM-DD in the browser's zone: the latest birth date the form accepts. */
export function todayAsCalendarDate(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
