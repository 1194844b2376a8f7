import type { TimeOffPayload, TimeOffView } from '@vetmeet/contracts/client';
import type { FieldProblems } from '../api/api-error';
import { instantOfWallTime, wallTimeOf } from '../format/zoned-time';
import { formatZonedRange } from './zoned-range';

/*
 * Time off is typed as wall-clock times in the consultant's zone (the profile's, not the
 * laptop's) and sent as UTC instants; shown back the same way.
 */

export interface TimeOffValues {
  /** "YYYY-MM-DDTHH:MM", as <input type="datetime-local"> holds it, in the consultant's zone. */
  startsAt: string;
  endsAt: string;
}

export const emptyTimeOff: TimeOffValues = { startsAt: '', endsAt: '' };

export function validateTimeOff(values: TimeOffValues, timeZone: string, now = Date.now()): FieldProblems {
  const problems: FieldProblems = {};
  const startsAt = instantOfWallTime(values.startsAt, timeZone);
  const endsAt = instantOfWallTime(values.endsAt, timeZone);
  if (!startsAt) problems.startsAt = 'Enter when the time off starts.';
  if (!endsAt) problems.endsAt = 'Enter when the time off ends.';
  else if (startsAt && endsAt.getTime() <= startsAt.getTime()) problems.endsAt = 'The end must be after the start.';
  else if (endsAt.getTime() <= now) problems.endsAt = 'This time off is already over: the end must be in the future.';
  return problems;
}

/** Call only after validateTimeOff found nothing. */
export function toTimeOffPayload(values: TimeOffValues, timeZone: string): TimeOffPayload {
  const startsAt = instantOfWallTime(values.startsAt, timeZone);
  const endsAt = instantOfWallTime(values.endsAt, timeZone);
  if (!startsAt || !endsAt) throw new Error('toTimeOffPayload called with values validateTimeOff refuses');
  return { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() };
}

/** The stored time off as the consultant's wall clock, the form's own shape. */
export function timeOffValuesOf(view: TimeOffView, timeZone: string): TimeOffValues {
  return { startsAt: wallTimeOf(Date.parse(view.startsAt), timeZone), endsAt: wallTimeOf(Date.parse(view.endsAt), timeZone) };
}

/** The time off read in the consultant's zone. */
export const describeTimeOff = (view: TimeOffView, timeZone: string): string => formatZonedRange(view.startsAt, view.endsAt, timeZone);
