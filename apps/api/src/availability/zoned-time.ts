/**
 * Time-zone arithmetic with Intl only (no dependency). A "wall" value is the local
 * wall-clock reading encoded as if it were UTC milliseconds, so calendar arithmetic on it
 * (add a day, take the weekday) is plain integer arithmetic with no zone involved.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

// Creating a DateTimeFormat is far slower than using one; a consultant's zone is reused for every day.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading in `timeZone` at `instantMs`, as wall milliseconds. */
export function wallClockOf(instantMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instantMs)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const subSecond = ((instantMs % 1000) + 1000) % 1000;
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second) + subSecond;
}

function offsetAt(instantMs: number, timeZone: string): number {
  return wallClockOf(instantMs, timeZone) - instantMs;
}

/**
 * The UTC instant of a wall-clock reading. Around a transition a reading can exist twice
 * (fall back: the first one wins, as people mean the earlier) or not at all (spring
 * forward: it moves forward by the gap, so 02:30 in a 02:00–03:00 gap becomes 03:30,
 * the behaviour of Temporal's 'compatible' disambiguation).
 */
export function wallToUtc(wallMs: number, timeZone: string): number {
  // Zones move at most once within two days, so the offsets a day either side bracket any transition.
  const offsetBefore = offsetAt(wallMs - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(wallMs + MS_PER_DAY, timeZone);
  const candidates = [wallMs - offsetBefore, wallMs - offsetAfter]
    .filter((instant) => wallClockOf(instant, timeZone) === wallMs)
    .sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0];
  // A gap: reading it with the offset in force before the gap lands after the gap.
  return wallMs - offsetBefore;
}

/**
 * wallToUtc for the readings of one local day (00:00 to 24:00), at two Intl lookups for the
 * whole day instead of four per reading: on the days a zone keeps one offset from the day
 * before to the day after (all but a few a year) every reading converts by that offset.
 * Like wallToUtc it relies on a zone moving at most once within two days. Offsets are under
 * a day, so the instants a day either side bracket every instant of this day's readings.
 */
export function wallToUtcOfDay(day: number, timeZone: string): (wallMs: number) => number {
  const midnight = day * MS_PER_DAY;
  const offsetBefore = offsetAt(midnight - MS_PER_DAY, timeZone);
  const offsetAfter = offsetAt(midnight + 2 * MS_PER_DAY, timeZone);
  if (offsetBefore === offsetAfter) return (wallMs) => wallMs - offsetBefore;
  return (wallMs) => wallToUtc(wallMs, timeZone);
}

/** Days since 1970-01-01 of the local date at `instantMs`; consecutive local days are consecutive integers. */
export function localDayOf(instantMs: number, timeZone: string): number {
  return Math.floor(wallClockOf(instantMs, timeZone) / MS_PER_DAY);
}

/** 'YYYY-MM-DD' of a local day number. */
export function isoDateOfDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The local day number of 'YYYY-MM-DD', or undefined if it is not a real date. */
export function dayOfIsoDate(date: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return undefined;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 02-30 over into March; a round trip catches that.
  return isoDateOfDay(ms / MS_PER_DAY) === date ? ms / MS_PER_DAY : undefined;
}

/** Minutes after midnight of 'HH:MM' (00:00–24:00), or undefined. */
export function minutesOfLocalTime(time: string): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return undefined;
  return hours * 60 + minutes;
}
