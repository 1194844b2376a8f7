import type { BookingView, ConsultationStatusValue } from '@vetmeet/contracts/client';
import type { JoinTimes } from '../consultations/join-window';

/**
 * The room of the consultation a booking became, as the join window sees it, from the booking
 * alone (its joinOpensAt/joinClosesAt and status are the consultation's): no need to load the
 * consultation. Null while the booking has no consultation. A consultation that ended has a
 * finished room although its booking still reads confirmed; so has a booking no longer
 * confirmed (cancelled, no-show).
 */
export function bookingRoom(booking: BookingView): (JoinTimes & { id: string }) | null {
  if (!booking.consultationId || !booking.joinOpensAt || !booking.joinClosesAt) return null;
  const byBooking: ConsultationStatusValue =
    booking.status === 'confirmed' ? 'scheduled' : booking.status === 'no_show' ? 'no_show' : 'cancelled';
  const status = booking.status === 'confirmed' && booking.consultation ? booking.consultation.status : byBooking;
  return { id: booking.consultationId, status, joinOpensAt: booking.joinOpensAt, joinClosesAt: booking.joinClosesAt };
}
