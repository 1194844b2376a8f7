import { ValidateBy, buildMessage, type ValidationOptions } from 'class-validator';

/*
 * Instants and calendar dates as this API accepts them: the RFC 3339 forms that every
 * JavaScript engine and PostgreSQL read the same way, and nothing that merely looks like
 * ISO 8601 (week dates, ordinal dates, basic format, comma fractions), which class-validator's
 * IsISO8601 lets through and `new Date` cannot read.
 */

/** Date, time with seconds, up to milliseconds (what a Date holds), then Z or an offset. */
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(?:Z|[+-](\d{2}):(\d{2}))$/;
const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Year 0001 to 9999, a month that exists, a day that exists in it (no 30 February). */
function isRealDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  return day <= (month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]);
}

/**
 * The instant an RFC 3339 timestamp names, or undefined when it is not one. Every field must be
 * in range (no 24:00, no leap second, no 30 February), and the parsed value must read back as the
 * same wall time, so what is stored is exactly what was sent.
 */
export function parseTimestamp(value: string): Date | undefined {
  const match = TIMESTAMP.exec(value);
  if (!match) return undefined;
  const fields = match.slice(1).map((part) => Number(part ?? 0));
  const [year, month, day, hour, minute, second, offsetHours, offsetMinutes] = fields;
  if (!isRealDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) return undefined;
  const offsetSign = value.endsWith('Z') ? 0 : value.charAt(value.length - 6) === '-' ? -1 : 1;
  const wallTime = new Date(parsed.getTime() + offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000);
  return wallTime.toISOString().slice(0, 19) === value.slice(0, 19) ? parsed : undefined;
}

/** Whether the value is a calendar date YYYY-MM-DD that exists. */
export function isCalendarDate(value: string): boolean {
  const match = CALENDAR_DATE.exec(value);
  return match !== null && isRealDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** An instant: an RFC 3339 timestamp with Z or an offset, such as 2026-12-10T16:00:00Z. */
export function IsTimestamp(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isTimestamp',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseTimestamp(value) !== undefined,
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a timestamp such as 2026-12-10T16:00:00Z (RFC 3339, with Z or an offset)`,
          options,
        ),
      },
    },
    options,
  );
}

/** A calendar date with no time or zone, such as a birth date: YYYY-MM-DD. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a date that exists, YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
