import type { BookingView } from '@vetmeet/contracts/client';
import { bookingPath, paymentStateLabel } from '../bookings/booking-status';
import { formatPriceOrFree } from '../format/money';
import { formatTimeRange } from '../format/time-range';
import { Link } from '../router/Link';
import { BookingStatusBadge } from './BookingStatusBadge';

interface BookingListProps {
  bookings: BookingView[];
  /** The viewer's zone: every time is shown in it. */
  timeZone: string;
  testId: string;
}

/** One card per booking: when, for which pet, with whom, where it stands and where the money stands. */
export function BookingList({ bookings, timeZone, testId }: BookingListProps) {
  return (
    <ul className="card-list" data-testid={testId}>
      {bookings.map((booking) => {
        const other = booking.myRole === 'owner' ? booking.consultant.displayName : booking.owner.displayName;
        return (
          <li key={booking.id} className="card owner-booking-card">
            <span className="pet-avatar" aria-hidden="true">
              {booking.pet.name.slice(0, 1).toUpperCase()}
            </span>
            <div>
              <p className="card-title">
                <Link to={bookingPath(booking.id)}>
                  {booking.pet.name} with {other}
                </Link>
                <BookingStatusBadge status={booking.status} />
              </p>
              <p className="card-meta">
                <time dateTime={booking.startsAt}>{formatTimeRange(booking.startsAt, booking.endsAt, timeZone)}</time>
              </p>
              <p className="card-meta">
                {booking.clinic.name} · {formatPriceOrFree(booking.price.amount, booking.price.currency)}
                {booking.myRole === 'owner' && booking.price.amount > 0 && ` · ${paymentStateLabel(booking.payment)}`}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
