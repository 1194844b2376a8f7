import type { BookingView } from '@vetmeet/contracts/client';
import { callStageLabel } from '../bookings/booking-stage';
import { bookingStatusBadgeClass, bookingStatusLabels } from '../bookings/booking-status';

/** The booking's status; a confirmed one whose call is running or over says that instead. */
export function BookingStatusBadge({ booking }: { booking: Pick<BookingView, 'status' | 'consultation'> }) {
  const stage = callStageLabel(booking);
  const byStage = stage === 'In progress' ? 'badge badge-ok' : 'badge badge-neutral';
  const className = stage ? byStage : bookingStatusBadgeClass[booking.status];
  return (
    <span className={className} data-testid="booking-status">
      {stage ?? bookingStatusLabels[booking.status]}
    </span>
  );
}
