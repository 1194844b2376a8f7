import type { LocalTimeIntervalPayload } from '@vetmeet/contracts/client';

/*
 * Opening hours as the consultant edits them: lists of "HH:MM"–"HH:MM" wall-clock intervals
 * in their own zone, for a weekday or for one date. The server checks each interval too;
 * overlaps it would merge silently, so the form points them out instead.
 */

/** One interval row of the form; `key` keeps React's rows apart while times change. */
export interface IntervalValues {
  key: string;
  start: string;
  end: string;
}

/** Which part of an interval a problem is about; the form names the field after it. */
export type IntervalPart = 'start' | 'end';

export interface IntervalProblem {
  index: number;
  part: IntervalPart;
  message: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTES_IN_DAY = 24 * 60;

let nextKey = 0;
/** A key no other row of the page has. */
export const newRowKey = (): string => `row-${++nextKey}`;

/** Minutes after midnight of "HH:MM" ("24:00" only where `end`), or null when it is not a time. */
export function minutesOf(value: string, { end = false } = {}): number | null {
  if (end && value === '24:00') return MINUTES_IN_DAY;
  const match = TIME.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "HH:MM" of minutes after midnight; 1440 is "24:00", the end of the day. */
export function timeOf(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/**
 * What a person typed, written as "HH:MM" when it reads as a time ("9:00" → "09:00",
 * "930" → "09:30", "17" → "17:00"); anything else is left as typed for the check to name.
 */
export function normalizeTime(value: string): string {
  const text = value.trim().replace('.', ':');
  const match = /^(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!match) return text;
  const hours = Number(match[1]);
  const minutes = match[2] === undefined ? 0 : Number(match[2]);
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return text;
  return `${pad(hours)}:${pad(minutes)}`;
}

export function fromPayload(intervals: readonly LocalTimeIntervalPayload[]): IntervalValues[] {
  return [...intervals]
    .sort((a, b) => (minutesOf(a.start) ?? 0) - (minutesOf(b.start) ?? 0))
    .map(({ start, end }) => ({ key: newRowKey(), start, end }));
}

export const toPayload = (intervals: readonly IntervalValues[]): LocalTimeIntervalPayload[] => intervals.map(({ start, end }) => ({ start, end }));

/**
 * A new interval after the last one: an hour from where it ends (or 09:00–17:00 for an
 * empty day); none when the day is already full to midnight.
 */
export function addInterval(intervals: readonly IntervalValues[]): IntervalValues[] {
  if (intervals.length === 0) return [{ key: newRowKey(), start: '09:00', end: '17:00' }];
  const ends = intervals.map((interval) => minutesOf(interval.end, { end: true })).filter((minutes): minutes is number => minutes !== null);
  const latestEnd = ends.length > 0 ? Math.max(...ends) : null;
  if (latestEnd === null) return [...intervals, { key: newRowKey(), start: '', end: '' }];
  if (latestEnd >= MINUTES_IN_DAY) return [...intervals];
  return [...intervals, { key: newRowKey(), start: timeOf(latestEnd), end: timeOf(Math.min(latestEnd + 60, MINUTES_IN_DAY)) }];
}

export const removeInterval = (intervals: readonly IntervalValues[], key: string): IntervalValues[] => intervals.filter((interval) => interval.key !== key);

export const updateInterval = (intervals: readonly IntervalValues[], key: string, part: IntervalPart, value: string): IntervalValues[] =>
  intervals.map((interval) => (interval.key === key ? { ...interval, [part]: value } : interval));

/**
 * Everything wrong with a day's intervals, at most one problem per interval: a time missing
 * or malformed, an end not after its start, or an overlap with an earlier interval (by start
 * time; touching, 09:00–12:00 then 12:00–13:00, is fine). `whileTyping` leaves out the rows
 * whose times are not complete yet.
 */
export function intervalProblems(intervals: readonly IntervalValues[], { whileTyping = false } = {}): IntervalProblem[] {
  const problems: IntervalProblem[] = [];
  const valid: { index: number; start: number; end: number }[] = [];
  intervals.forEach((interval, index) => {
    const start = minutesOf(interval.start);
    const end = minutesOf(interval.end, { end: true });
    // A time half typed is not a mistake yet.
    if (whileTyping && (start === null || end === null)) return;
    if (start === null) problems.push({ index, part: 'start', message: 'Enter a start time such as 09:00.' });
    else if (end === null) problems.push({ index, part: 'end', message: 'Enter an end time such as 17:00.' });
    else if (end <= start) problems.push({ index, part: 'end', message: `The end must be after the start (${interval.start}).` });
    else valid.push({ index, start, end });
  });
  const byStart = [...valid].sort((a, b) => a.start - b.start || a.index - b.index);
  byStart.forEach((interval, at) => {
    const earlier = byStart.slice(0, at).find((other) => other.end > interval.start);
    if (earlier) {
      problems.push({ index: interval.index, part: 'start', message: `Overlaps ${timeOf(earlier.start)}–${timeOf(earlier.end)}.` });
    }
  });
  return problems.sort((a, b) => a.index - b.index);
}

/** "09:00–12:00, 13:00–17:00": a day's hours in one line, earliest first. */
export function describeIntervals(intervals: readonly LocalTimeIntervalPayload[]): string {
  return [...intervals]
    .sort((a, b) => (minutesOf(a.start) ?? 0) - (minutesOf(b.start) ?? 0))
    .map(({ start, end }) => `${start}–${end}`)
    .join(', ');
}
