import { formatLongDate } from './calendar-week';
import { wallTimeOf } from './zoned-time';

/*
 * Appointments as a person reads them: in their own zone, with the zone named, since the
 * consultant may be somewhere else and the page says whose clock it is.
 */

/** The date and the clock time of an instant in the zone; null for a zone the browser does not know. */
function wallParts(instant: string, timeZone: string): { date: string; time: string } | null {
  try {
    const wall = wallTimeOf(Date.parse(instant), timeZone);
    return { date: wall.slice(0, 10), time: wall.slice(11) };
  } catch {
    return null;
  }
}

/** "Tuesday 24 November 2026, 14:00–14:30 (Europe/Kyiv)"; both dates when it runs past midnight. */
export function formatTimeRange(startsAt: string, endsAt: string, timeZone: string): string {
  const start = wallParts(startsAt, timeZone);
  const end = wallParts(endsAt, timeZone);
  if (!start || !end) return `${startsAt} – ${endsAt} (UTC)`;
  if (start.date === end.date) return `${formatLongDate(start.date)}, ${start.time}–${end.time} (${timeZone})`;
  return `${formatLongDate(start.date)}, ${start.time} – ${formatLongDate(end.date)}, ${end.time} (${timeZone})`;
}

/** "Tuesday 24 November 2026, 14:00 (Europe/Kyiv)". */
export function formatInstant(instant: string, timeZone: string): string {
  const parts = wallParts(instant, timeZone);
  return parts ? `${formatLongDate(parts.date)}, ${parts.time} (${timeZone})` : `${instant} (UTC)`;
}

/** A notice period: "24 hours", "36 hours", "2 days". */
export function formatLeadTime(hours: number): string {
  if (hours >= 48 && Number.isInteger(hours / 24)) return `${hours / 24} days`;
  if (hours === 1) return '1 hour';
  return `${hours} hours`;
}
