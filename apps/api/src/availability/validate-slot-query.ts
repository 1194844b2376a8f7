import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { LocalTimeInterval, SlotQuery, UtcInterval, WEEKDAYS } from './availability-rules';
import { dayOfIsoDate, isValidTimeZone, minutesOfLocalTime } from './zoned-time';

export const MIN_CONSULTATION_MINUTES = 5;
export const MAX_CONSULTATION_MINUTES = 180;
// Bounds the work of one call: a year of slots is more than any booking page shows.
export const MAX_RANGE_DAYS = 366;
const MAX_BUFFER_MINUTES = 24 * 60;

/**
 * Checks a query before any slot is computed, collecting every problem (not only the first)
 * so a settings form can mark all bad fields at once. Throws ValidationFailed with
 * `field: reason` details.
 */
export function validateSlotQuery(query: SlotQuery): void {
  const problems: string[] = [];
  const integerIn = (field: string, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      problems.push(`${field}: must be a whole number from ${min} to ${max}`);
    }
  };
  const localInterval = (field: string, interval: LocalTimeInterval) => {
    const start = minutesOfLocalTime(interval.start);
    const end = minutesOfLocalTime(interval.end);
    if (start === undefined) problems.push(`${field}.start: must be HH:MM`);
    if (end === undefined) problems.push(`${field}.end: must be HH:MM`);
    if (start !== undefined && end !== undefined && end <= start) problems.push(`${field}.end: must be after start`);
  };
  const utcInterval = (field: string, interval: UtcInterval) => {
    const start = interval.startsAt.getTime();
    const end = interval.endsAt.getTime();
    if (Number.isNaN(start) || Number.isNaN(end)) problems.push(`${field}: must be valid instants`);
    else if (end <= start) problems.push(`${field}.endsAt: must be after startsAt`);
  };

  if (!isValidTimeZone(query.timeZone)) problems.push('timeZone: must be an IANA time zone');
  integerIn('consultationMinutes', query.consultationMinutes, MIN_CONSULTATION_MINUTES, MAX_CONSULTATION_MINUTES);
  integerIn('stepMinutes', query.stepMinutes, MIN_CONSULTATION_MINUTES, MAX_CONSULTATION_MINUTES);
  integerIn('bufferBeforeMinutes', query.bufferBeforeMinutes, 0, MAX_BUFFER_MINUTES);
  integerIn('bufferAfterMinutes', query.bufferAfterMinutes, 0, MAX_BUFFER_MINUTES);
  integerIn('minimumNoticeMinutes', query.minimumNoticeMinutes, 0, MAX_RANGE_DAYS * 24 * 60);
  integerIn('horizonDays', query.horizonDays, 0, MAX_RANGE_DAYS);
  integerIn('dailyLimit', query.dailyLimit, 1, 24 * 60);

  query.weeklyRules.forEach((rule, index) => {
    if (!WEEKDAYS.includes(rule.weekday)) problems.push(`weeklyRules[${index}].weekday: must be a weekday name`);
    localInterval(`weeklyRules[${index}]`, rule);
  });
  const overriddenDates = new Set<string>();
  (query.dateOverrides ?? []).forEach((override, index) => {
    if (dayOfIsoDate(override.date) === undefined) problems.push(`dateOverrides[${index}].date: must be YYYY-MM-DD`);
    // Two overrides for one date would leave it to array order which one wins.
    if (overriddenDates.has(override.date)) problems.push(`dateOverrides[${index}].date: is overridden twice`);
    overriddenDates.add(override.date);
    (override.intervals ?? []).forEach((interval, at) => localInterval(`dateOverrides[${index}].intervals[${at}]`, interval));
  });
  (query.timeOff ?? []).forEach((interval, index) => utcInterval(`timeOff[${index}]`, interval));
  (query.busy ?? []).forEach((interval, index) => utcInterval(`busy[${index}]`, interval));

  if (Number.isNaN(query.now.getTime())) problems.push('now: must be a valid instant');
  const range = query.to.getTime() - query.from.getTime();
  if (Number.isNaN(range)) problems.push('from: from and to must be valid instants');
  else if (range <= 0) problems.push('to: must be after from');
  else if (range > MAX_RANGE_DAYS * 86_400_000) problems.push(`to: at most ${MAX_RANGE_DAYS} days after from`);

  if (problems.length > 0) throw new AppError(ErrorCode.ValidationFailed, 'The availability settings are not valid.', problems);
}
