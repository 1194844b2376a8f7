import type { BookingStatusValue } from '@vetmeet/contracts/client';
import { bookingStatusBadgeClass, bookingStatusLabels } from '../bookings/booking-status';

export function BookingStatusBadge({ status }: { status: BookingStatusValue }) {
  return (
    <span className={bookingStatusBadgeClass[status]} data-testid="booking-status">
      {bookingStatusLabels[status]}
    </span>
  );
}
