import type { BookingView, ConsultationStatusValue } from '@vetmeet/contracts/client';
import type { JoinTimes } from '../consultations/join-window';

/**
 * The room of the consultation a booking became, as the join window sees it, from the booking
 * alone (its joinOpensAt/joinClosesAt are the consultation's): no need to load the consultation.
 * Null while the booking has no consultation. A booking that is no longer confirmed (cancelled,
 * no-show) has a finished room.
 */
export function bookingRoom(booking: BookingView): (JoinTimes & { id: string }) | null {
  if (!booking.consultationId || !booking.joinOpensAt || !booking.joinClosesAt) return null;
  const status: ConsultationStatusValue = booking.status === 'confirmed' ? 'scheduled' : booking.status === 'no_show' ? 'no_show' : 'cancelled';
  return { id: booking.consultationId, status, joinOpensAt: booking.joinOpensAt, joinClosesAt: booking.joinClosesAt };
}
