import { useCallback } from 'react';
import type { BookingListPeriod, BookingView } from '@vetmeet/contracts/client';
import { BOOKING_LIST_LIMITS, listBookings } from '../api/bookings';
import { usePagedList, type PagedListControls, type PageRequest } from '../api/use-paged-list';
import { BookingList } from '../components/BookingList';
import { StatusMessage } from '../components/StatusMessage';
import { UpcomingAndPast } from '../components/UpcomingAndPast';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

/** The bookings the person made as an owner in one period, a page at a time (a consultant's requests are on their calendar). */
function useOwnerBookings(period: BookingListPeriod): PagedListControls<BookingView> {
  const loadPage = useCallback((page: PageRequest, signal: AbortSignal) => listBookings({ as: 'owner', period, ...page }, signal), [period]);
  return usePagedList(loadPage, BOOKING_LIST_LIMITS);
}

/** The owner's bookings: coming up first, soonest at the top; then the rest, latest at the top. */
export function BookingsPage() {
  const upcoming = useOwnerBookings('upcoming');
  const past = useOwnerBookings('past');
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

      <UpcomingAndPast
        upcoming={upcoming}
        past={past}
        sections={{
          upcoming: { title: 'Coming up', testId: 'upcoming-bookings', none: 'Nothing booked.', moreLabel: 'Show more to come' },
          past: { title: 'Past and cancelled', testId: 'past-bookings', moreLabel: 'Show earlier bookings' },
        }}
        loadingText="Loading your bookings…"
        empty={
          <div className="card empty-state" data-testid="bookings-empty">
            <p>You have not booked a consultation yet.</p>
            <p className="muted">
              <Link to="/consultants">Find a vet</Link> who treats your pet, pick a free time and book it here.
            </p>
          </div>
        }
        renderList={(items, testId) => <BookingList bookings={items} timeZone={timeZone} testId={testId} />}
      />
    </section>
  );
}
