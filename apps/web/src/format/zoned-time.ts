/*
 * Wall-clock times (what <input type="datetime-local"> holds: "2026-11-03T14:05") in a named
 * time zone: the account's, so a consultant in Kyiv schedules in Kyiv time whatever zone the
 * laptop is set to.
 */

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** One formatter per zone: making one costs far more than using it, and a lookup asks for several. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for a zone that does not exist, so only real zones are kept.
    formatter = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts = formatterFor(timeZone).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

const asUtc = ({ year, month, day, hour, minute }: WallClock) => Date.UTC(year, month - 1, day, hour, minute);

function utcClockOf(instant: number): WallClock {
  const date = new Date(instant);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: date.getUTCHours(), minute: date.getUTCMinutes() };
}

const pad = (n: number) => String(n).padStart(2, '0');
const formatWallClock = ({ year, month, day, hour, minute }: WallClock) => `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;

/** Far enough either side of a wall-clock time to see the zone's offset before and after any change that day (zones are within ±14 h). */
const DAY_MS = 86_400_000;

/** How far the zone's clock is ahead of UTC at an instant, to the minute. */
function offsetAt(instant: number, timeZone: string): number {
  const minute = Math.floor(instant / 60_000) * 60_000;
  return asUtc(wallClockAt(minute, timeZone)) - minute;
}

/**
 * The instant a wall-clock time in the zone names, or null when the text is not one (nor a
 * date that exists: no 30 February, no 24:00). A time skipped by a daylight-saving change
 * lands just after it, as clocks do (02:30 on the night clocks go from 02:00 to 03:00 is
 * 03:30); a time that happens twice, as clocks go back, is the first of the two.
 */
export function instantOfWallTime(value: string, timeZone: string): Date | null {
  const match = WALL_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = asUtc({ year, month, day, hour, minute });
  // Date.UTC rolls impossible fields over (month 13, 30 February, 24:00) rather than refusing them.
  if (Number.isNaN(wall) || formatWallClock(utcClockOf(wall)) !== value) return null;
  try {
    // Read with the offset from before a change and from after it: each reading that shows the same clock is a true one.
    const offsetBefore = offsetAt(wall - DAY_MS, timeZone);
    const offsetAfter = offsetAt(wall + DAY_MS, timeZone);
    const readings = [wall - offsetBefore, wall - offsetAfter].sort((a, b) => a - b);
    const exact = readings.find((instant) => wallTimeOf(instant, timeZone) === value);
    // None: the clocks skipped it; the offset from before the change carries it past the gap.
    return new Date(exact ?? wall - offsetBefore);
  } catch {
    // An unknown time zone.
    return null;
  }
}

/** The wall-clock time of an instant in the zone, as a datetime-local value. */
export function wallTimeOf(instant: number, timeZone: string): string {
  return formatWallClock(wallClockAt(instant, timeZone));
}
