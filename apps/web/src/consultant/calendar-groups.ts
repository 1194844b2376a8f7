import type { BookingStatusValue, BookingView } from '@vetmeet/contracts/client';
import { callInProgress, callStageLabel, consultationOver } from '../bookings/booking-stage';

/**
 * A consultant's bookings as their calendar shows them: requests that wait for an answer,
 * confirmed consultations still to come (or running now), and everything else (answered,
 * cancelled, over), latest first. Over goes by the consultation once there is one: ended
 * early is over, a call running past its booked end is not.
 */
export interface CalendarGroups {
  requests: BookingView[];
  upcoming: BookingView[];
  past: BookingView[];
}

const startOf = (booking: BookingView) => Date.parse(booking.startsAt);
const soonestFirst = (a: BookingView, b: BookingView) => startOf(a) - startOf(b) || a.id.localeCompare(b.id);

/** Confirmed, its call not over, and before its booked end or running past it. */
const stillToCome = (booking: BookingView, now: number) =>
  booking.status === 'confirmed' &&
  !consultationOver(booking) &&
  (Date.parse(booking.endsAt) > now || callInProgress(booking));

export function groupBookings(bookings: readonly BookingView[], now: number): CalendarGroups {
  const groups: CalendarGroups = { requests: [], upcoming: [], past: [] };
  for (const booking of bookings) {
    // Only the consultant's side: the same person may also have booked someone as an owner.
    if (booking.myRole !== 'consultant') continue;
    if (booking.status === 'pending_acceptance' && startOf(booking) > now) groups.requests.push(booking);
    else if (stillToCome(booking, now)) groups.upcoming.push(booking);
    else if (booking.status !== 'held') groups.past.push(booking);
  }
  groups.requests.sort(soonestFirst);
  groups.upcoming.sort(soonestFirst);
  groups.past.sort((a, b) => soonestFirst(b, a));
  return groups;
}

/** The next moment a booking moves between groups (a request's start, a consultation's end), for a timer; null when none will. */
export function nextGroupChange(bookings: readonly BookingView[], now: number): number | null {
  const moments = bookings.flatMap((booking) => {
    if (booking.myRole !== 'consultant') return [];
    if (booking.status === 'pending_acceptance') return [startOf(booking)];
    if (booking.status === 'confirmed' && !consultationOver(booking)) return [Date.parse(booking.endsAt)];
    return [];
  });
  const future = moments.filter((moment) => moment > now);
  return future.length > 0 ? Math.min(...future) : null;
}

export const bookingStatusLabels: Record<BookingStatusValue, string> = {
  held: 'Awaiting payment',
  pending_acceptance: 'Awaiting your answer',
  confirmed: 'Confirmed',
  declined: 'Declined',
  cancelled: 'Cancelled',
  expired: 'Expired',
  no_show: 'Missed',
};

export const bookingBadgeClass: Record<BookingStatusValue, string> = {
  held: 'badge badge-neutral',
  pending_acceptance: 'badge badge-warn',
  confirmed: 'badge badge-brand',
  declined: 'badge badge-neutral',
  cancelled: 'badge badge-neutral',
  expired: 'badge badge-neutral',
  no_show: 'badge badge-error',
};

/** A confirmed one that has ended reads as done, not as "Confirmed". */
export function pastLabel(booking: BookingView, now: number): string {
  const stage = callStageLabel(booking);
  if (stage) return stage;
  if (booking.status === 'confirmed' && Date.parse(booking.endsAt) <= now) return 'Took place';
  if (booking.status === 'pending_acceptance') return 'Not answered in time';
  if (booking.status === 'cancelled' && booking.cancellation) return booking.cancellation.by === 'consultant' ? 'Cancelled by you' : 'Cancelled by the owner';
  return bookingStatusLabels[booking.status];
}
