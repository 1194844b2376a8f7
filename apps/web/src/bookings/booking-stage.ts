import type { BookingView, ConsultationStatusValue } from '@vetmeet/contracts/client';
import { formatZonedRange } from '../consultant/zoned-range';

/*
 * A confirmed booking stays "confirmed" after its call: what became of it is its consultation's
 * status, which the booking view carries with the call's actual times.
 */

type WithCall = Pick<BookingView, 'consultation'>;
type BookedCall = Pick<BookingView, 'startsAt' | 'consultation'>;

const OVER: readonly ConsultationStatusValue[] = ['ended', 'cancelled', 'no_show'];
const BEFORE_THE_CALL: readonly ConsultationStatusValue[] = ['scheduled', 'waiting'];

/** Its consultation ended, was cancelled or missed: the booking is history, whatever its booked end. */
export const consultationOver = (booking: WithCall): boolean => {
  const status = booking.consultation?.status;
  return status !== undefined && OVER.includes(status);
};

/** Its call began, ended or was missed (or it was cancelled): cancelling or moving it no longer applies. */
export const callBegan = (booking: WithCall): boolean => {
  const status = booking.consultation?.status;
  return status !== undefined && !BEFORE_THE_CALL.includes(status);
};

/** Its call is running now (the consultant admitted the owner and has not ended it). */
export const callInProgress = (booking: WithCall): boolean => booking.consultation?.status === 'in_progress';

export type CallStage = 'In progress' | 'Took place' | 'Ended';

/** A confirmed booking by what became of its call, or null when its own status says it all. */
export function callStageLabel(booking: Pick<BookingView, 'status' | 'consultation'>): CallStage | null {
  const call = booking.consultation;
  if (booking.status !== 'confirmed' || !call) return null;
  if (call.status === 'in_progress') return 'In progress';
  if (call.status === 'ended') return call.startedAt ? 'Took place' : 'Ended';
  return null;
}

function clock(instant: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  return format.format(new Date(instant));
}

const day = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeZone }).format(new Date(instant));

/**
 * When the call really took place, in `timeZone`: "10:03–10:27", with dates when they are not
 * the booked day's; "since 10:03" while it runs; null when it never began.
 */
export function actualCallTimes(booking: BookedCall, timeZone: string): string | null {
  const call = booking.consultation;
  if (!call?.startedAt) return null;
  try {
    if (!call.endedAt) return `since ${clock(call.startedAt, timeZone)}`;
    const bookedDay = day(booking.startsAt, timeZone);
    if (day(call.startedAt, timeZone) !== bookedDay || day(call.endedAt, timeZone) !== bookedDay) {
      return formatZonedRange(call.startedAt, call.endedAt, timeZone);
    }
    return `${clock(call.startedAt, timeZone)}–${clock(call.endedAt, timeZone)}`;
  } catch {
    // A zone the browser does not know: the instants as they are.
    return `${call.startedAt} – ${call.endedAt ?? 'now'} (UTC)`;
  }
}

/** "took place 10:03–10:27", "under way since 10:03", "ended before the call began"; null before the call. */
export function callOutcomeText(booking: BookedCall, timeZone: string): string | null {
  const call = booking.consultation;
  if (!call) return null;
  const times = actualCallTimes(booking, timeZone);
  if (call.status === 'in_progress' && times) return `under way ${times}`;
  if (call.status === 'ended') return times ? `took place ${times}` : 'ended before the call began';
  return null;
}
