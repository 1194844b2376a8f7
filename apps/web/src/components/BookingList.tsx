import type { BookingView } from '@vetmeet/contracts/client';
import { callOutcomeText } from '../bookings/booking-stage';
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
                <BookingStatusBadge booking={booking} />
              </p>
              <BookedAndActual booking={booking} timeZone={timeZone} />
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

/** The booked time, and once the call began, when it really took place ("Booked for …; took place 10:03–10:27"). */
function BookedAndActual({ booking, timeZone }: { booking: BookingView; timeZone: string }) {
  const booked = <time dateTime={booking.startsAt}>{formatTimeRange(booking.startsAt, booking.endsAt, timeZone)}</time>;
  const outcome = callOutcomeText(booking, timeZone);
  if (!outcome) return <p className="card-meta">{booked}</p>;
  return (
    <p className="card-meta" data-testid="booking-times">
      Booked for {booked}; {outcome}
    </p>
  );
}
