import {
  CONSULTANT_MAX_DATE_OVERRIDES,
  CONSULTATION_MAX_MINUTES,
  CONSULTATION_MIN_MINUTES,
  type ConsultantAvailabilityPayload,
  type ConsultantAvailabilityView,
  type ConsultantWeekday,
  type WeeklyRulePayload,
} from '@vetmeet/contracts/client';
import type { FieldProblems } from '../api/api-error';
import { parseCalendarDate } from '../format/dates';
import { bracketIndexes } from './server-fields';
import { fromPayload, intervalProblems, newRowKey, toPayload, type IntervalValues } from './local-intervals';

/** Monday first, as a working week reads; the API's list starts on Sunday. */
export const WEEKDAYS_FROM_MONDAY: readonly ConsultantWeekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export const weekdayLabels: Record<ConsultantWeekday, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

/** One date whose hours replace the weekly ones: closed, or open in its own intervals. */
export interface OverrideValues {
  key: string;
  /** YYYY-MM-DD in the consultant's zone. */
  date: string;
  closed: boolean;
  intervals: IntervalValues[];
}

/** The availability form: strings where the person types, as the inputs hold them. */
export interface AvailabilityValues {
  weekly: Record<ConsultantWeekday, IntervalValues[]>;
  overrides: OverrideValues[];
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minimumNoticeMinutes: string;
  horizonDays: string;
  /** Empty: no limit. */
  dailyLimit: string;
  /** Empty: slots start one consultation length apart. */
  stepMinutes: string;
}

/** Limits of the API's ConsultantAvailabilityRequest, checked here first. */
export const AVAILABILITY_LIMITS = {
  bufferMinutes: 24 * 60,
  noticeMinutes: 366 * 24 * 60,
  horizonDays: 366,
  dailyLimit: 24 * 60,
} as const;

/* Field names: the form's ids and error summary links are made from them. */
export const weeklyField = (weekday: ConsultantWeekday, index: number, part: 'start' | 'end') => `weekly-${weekday}-${index}-${part}`;
export const overrideDateField = (index: number) => `override-${index}-date`;
export const overrideIntervalField = (index: number, at: number, part: 'start' | 'end') => `override-${index}-${at}-${part}`;

export function emptyWeek(): Record<ConsultantWeekday, IntervalValues[]> {
  return { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
}

export function availabilityValuesOf(view: ConsultantAvailabilityView): AvailabilityValues {
  const weekly = emptyWeek();
  for (const weekday of WEEKDAYS_FROM_MONDAY) weekly[weekday] = fromPayload(view.weeklyRules.filter((rule) => rule.weekday === weekday));
  return {
    weekly,
    overrides: [...view.dateOverrides]
      .sort((a, b) => a.date.localeCompare(b.date))
      .map((override) => ({
        key: newRowKey(),
        date: override.date,
        closed: override.closed === true || (override.intervals ?? []).length === 0,
        intervals: fromPayload(override.intervals ?? []),
      })),
    bufferBeforeMinutes: String(view.bufferBeforeMinutes),
    bufferAfterMinutes: String(view.bufferAfterMinutes),
    minimumNoticeMinutes: String(view.minimumNoticeMinutes),
    horizonDays: String(view.horizonDays),
    dailyLimit: view.dailyLimit === null ? '' : String(view.dailyLimit),
    stepMinutes: view.stepMinutes === null ? '' : String(view.stepMinutes),
  };
}

const wholeNumber = (value: string): number | null => (/^\d+$/.test(value.trim()) ? Number(value.trim()) : null);

function checkNumber(problems: FieldProblems, field: string, value: string, min: number, max: number, sentence: string, { optional = false } = {}): void {
  if (optional && value.trim() === '') return;
  const number = wholeNumber(value);
  if (number === null || number < min || number > max) problems[field] = sentence;
}

function hoursProblems(values: AvailabilityValues, whileTyping: boolean): FieldProblems {
  const problems: FieldProblems = {};
  for (const weekday of WEEKDAYS_FROM_MONDAY) {
    for (const problem of intervalProblems(values.weekly[weekday], { whileTyping })) {
      problems[weeklyField(weekday, problem.index, problem.part)] = `${weekdayLabels[weekday]}: ${lowerFirst(problem.message)}`;
    }
  }
  values.overrides.forEach((override, index) => {
    if (override.closed) return;
    for (const problem of intervalProblems(override.intervals, { whileTyping })) {
      problems[overrideIntervalField(index, problem.index, problem.part)] = `${override.date || 'This date'}: ${lowerFirst(problem.message)}`;
    }
  });
  return problems;
}

/** What the form shows beside the hours as they are typed: overlaps and ends before starts, not half-typed times. */
export const liveHoursProblems = (values: AvailabilityValues): FieldProblems => hoursProblems(values, true);

/** Every problem of the form, keyed by field name; empty when it may be sent. */
export function validateAvailability(values: AvailabilityValues): FieldProblems {
  const problems: FieldProblems = hoursProblems(values, false);
  if (values.overrides.length > CONSULTANT_MAX_DATE_OVERRIDES) {
    problems[overrideDateField(CONSULTANT_MAX_DATE_OVERRIDES)] = `At most ${CONSULTANT_MAX_DATE_OVERRIDES} dates can have their own hours; remove past ones.`;
  }
  const seen = new Set<string>();
  values.overrides.forEach((override, index) => {
    if (!parseCalendarDate(override.date)) problems[overrideDateField(index)] = 'Enter the date whose hours change.';
    else if (seen.has(override.date)) problems[overrideDateField(index)] = `${override.date} is listed twice: keep one.`;
    seen.add(override.date);
    if (!override.closed && override.intervals.length === 0) problems[overrideDateField(index)] = `${override.date || 'This date'}: add opening hours, or mark it closed.`;
  });
  const buffer = `Enter a whole number of minutes from 0 to ${AVAILABILITY_LIMITS.bufferMinutes}.`;
  checkNumber(problems, 'bufferBeforeMinutes', values.bufferBeforeMinutes, 0, AVAILABILITY_LIMITS.bufferMinutes, buffer);
  checkNumber(problems, 'bufferAfterMinutes', values.bufferAfterMinutes, 0, AVAILABILITY_LIMITS.bufferMinutes, buffer);
  checkNumber(problems, 'minimumNoticeMinutes', values.minimumNoticeMinutes, 0, AVAILABILITY_LIMITS.noticeMinutes, `Enter a whole number of minutes from 0 to ${AVAILABILITY_LIMITS.noticeMinutes}.`);
  checkNumber(problems, 'horizonDays', values.horizonDays, 1, AVAILABILITY_LIMITS.horizonDays, `Enter a whole number of days from 1 to ${AVAILABILITY_LIMITS.horizonDays}.`);
  checkNumber(problems, 'dailyLimit', values.dailyLimit, 1, AVAILABILITY_LIMITS.dailyLimit, 'Enter how many consultations a day at most, or leave it empty for no limit.', { optional: true });
  checkNumber(problems, 'stepMinutes', values.stepMinutes, CONSULTATION_MIN_MINUTES, CONSULTATION_MAX_MINUTES, `Enter minutes from ${CONSULTATION_MIN_MINUTES} to ${CONSULTATION_MAX_MINUTES}, or leave it empty.`, {
    optional: true,
  });
  return problems;
}

const lowerFirst = (sentence: string) => sentence.charAt(0).toLowerCase() + sentence.slice(1);
const optionalNumber = (value: string): number | null => (value.trim() === '' ? null : Number(value.trim()));

/** The weekly rules in the order the payload sends them (Monday first, earliest first), as the server numbers them. */
export function weeklyRulesOf(values: AvailabilityValues): WeeklyRulePayload[] {
  return WEEKDAYS_FROM_MONDAY.flatMap((weekday) => toPayload(values.weekly[weekday]).map((interval) => ({ weekday, ...interval })));
}

/** Call only after validateAvailability found nothing. */
export function toAvailabilityPayload(values: AvailabilityValues): ConsultantAvailabilityPayload {
  return {
    weeklyRules: weeklyRulesOf(values),
    dateOverrides: values.overrides.map((override) =>
      override.closed ? { date: override.date, closed: true } : { date: override.date, closed: false, intervals: toPayload(override.intervals) },
    ),
    bufferBeforeMinutes: Number(values.bufferBeforeMinutes.trim()),
    bufferAfterMinutes: Number(values.bufferAfterMinutes.trim()),
    minimumNoticeMinutes: Number(values.minimumNoticeMinutes.trim()),
    horizonDays: Number(values.horizonDays.trim()),
    dailyLimit: optionalNumber(values.dailyLimit),
    stepMinutes: optionalNumber(values.stepMinutes),
  };
}

/**
 * The form's field for a detail of the server's VALIDATION_FAILED answer ("weeklyRules[3].end",
 * "dateOverrides[1].intervals[0].start", "horizonDays"), so its sentence lands beside it.
 */
export function availabilityFieldOf(detailField: string, values: AvailabilityValues): string | undefined {
  const serverField = bracketIndexes(detailField);
  const rule = /^weeklyRules\[(\d+)\]\.(start|end)$/.exec(serverField);
  if (rule) {
    let remaining = Number(rule[1]);
    for (const weekday of WEEKDAYS_FROM_MONDAY) {
      if (remaining < values.weekly[weekday].length) return weeklyField(weekday, remaining, rule[2] as 'start' | 'end');
      remaining -= values.weekly[weekday].length;
    }
    return undefined;
  }
  const interval = /^dateOverrides\[(\d+)\]\.intervals\[(\d+)\]\.(start|end)$/.exec(serverField);
  if (interval) return overrideIntervalField(Number(interval[1]), Number(interval[2]), interval[3] as 'start' | 'end');
  const date = /^dateOverrides\[(\d+)\]\.date$/.exec(serverField);
  if (date) return overrideDateField(Number(date[1]));
  return SETTINGS.includes(serverField) ? serverField : undefined;
}

const SETTINGS = ['bufferBeforeMinutes', 'bufferAfterMinutes', 'minimumNoticeMinutes', 'horizonDays', 'dailyLimit', 'stepMinutes'];

/** Whether the form has a field of this name (one of its own, as availabilityFieldOf answers). */
export const isAvailabilityField = (name: string): boolean => SETTINGS.includes(name) || /^(weekly|override)-/.test(name);

/** A new date override: tomorrow-ish is the consultant's to choose; it starts closed, the common case (a day off). */
export const newOverride = (date = ''): OverrideValues => ({ key: newRowKey(), date, closed: true, intervals: [] });
