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

function wallClockAt(instant: number, timeZone: string): WallClock {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

const asUtc = ({ year, month, day, hour, minute }: WallClock) => Date.UTC(year, month - 1, day, hour, minute);

/** How far the zone's clock is ahead of UTC at an instant, to the minute. */
function offsetAt(instant: number, timeZone: string): number {
  const minute = Math.floor(instant / 60_000) * 60_000;
  return asUtc(wallClockAt(minute, timeZone)) - minute;
}

/**
 * The instant a wall-clock time in the zone names, or null when the text is not one. A time
 * skipped by a daylight-saving change lands just after it, as clocks do.
 */
export function instantOfWallTime(value: string, timeZone: string): Date | null {
  const match = WALL_TIME.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const wall = asUtc({ year, month, day, hour, minute });
  if (Number.isNaN(wall)) return null;
  try {
    // The offset at the guess, then at the corrected instant: two steps settle it, even across a change.
    const first = wall - offsetAt(wall, timeZone);
    const second = wall - offsetAt(first, timeZone);
    return new Date(second);
  } catch {
    return null;
  }
}

/** The wall-clock time of an instant in the zone, as a datetime-local value. */
export function wallTimeOf(instant: number, timeZone: string): string {
  const clock = wallClockAt(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${clock.year}-${pad(clock.month)}-${pad(clock.day)}T${pad(clock.hour)}:${pad(clock.minute)}`;
}
