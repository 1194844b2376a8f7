import { listBookings } from '../api/bookings';
import { useResource } from '../api/use-resource';
import { splitBookings } from '../bookings/booking-status';
import { BookingList } from '../components/BookingList';
import { LoadFailure } from '../components/LoadFailure';
import { StatusMessage } from '../components/StatusMessage';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

/** The owner's bookings: coming up first, soonest at the top; then the rest. */
export function BookingsPage() {
  const bookings = useResource(listBookings);
  const flash = useFlashMessage();
  const timeZone = useViewerTimeZone();

  return (
    <section className="page narrow" aria-labelledby="bookings-title">
      <div className="page-heading">
        <h1 id="bookings-title">Bookings</h1>
        <div className="heading-actions">
          <Link to="/consultants" className="button button-primary">
            Find a vet
          </Link>
        </div>
      </div>
      <p className="lede">Consultations you booked and paid for. Times are in your time zone, {timeZone}.</p>

      <StatusMessage message={flash} />

      {bookings.resource.status === 'loading' && <p role="status">Loading your bookings…</p>}
      {bookings.resource.status === 'failed' && <LoadFailure error={bookings.resource.error} onRetry={bookings.reload} />}
      {bookings.resource.status === 'loaded' &&
        (() => {
          // The owner's side; a consultant's requests are on their calendar.
          const mine = bookings.resource.data.filter((booking) => booking.myRole === 'owner');
          if (mine.length === 0) {
            return (
              <div className="card empty-state" data-testid="bookings-empty">
                <p>You have not booked a consultation yet.</p>
                <p className="muted">
                  <Link to="/consultants">Find a vet</Link> who treats your pet, pick a free time and book it here.
                </p>
              </div>
            );
          }
          const { upcoming, past } = splitBookings(mine, Date.now());
          return (
            <>
              <section aria-labelledby="upcoming-bookings-title">
                <h2 id="upcoming-bookings-title">Coming up</h2>
                {upcoming.length > 0 ? <BookingList bookings={upcoming} timeZone={timeZone} testId="upcoming-bookings" /> : <p className="muted">Nothing booked.</p>}
              </section>
              {past.length > 0 && (
                <section aria-labelledby="past-bookings-title">
                  <h2 id="past-bookings-title">Past and cancelled</h2>
                  <BookingList bookings={past} timeZone={timeZone} testId="past-bookings" />
                </section>
              )}
            </>
          );
        })()}
    </section>
  );
}
