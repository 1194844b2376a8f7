import { useCallback } from 'react';
import type { BookingListPeriod, BookingView } from '@vetmeet/contracts/client';
import { listBookings } from '../api/bookings';
import { usePagedList, type PagedListControls } from '../api/use-paged-list';
import { BookingList } from '../components/BookingList';
import { LoadFailure } from '../components/LoadFailure';
import { LoadMore } from '../components/LoadMore';
import { StatusMessage } from '../components/StatusMessage';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

/** The bookings the person made as an owner in one period, a page at a time (a consultant's requests are on their calendar). */
function useOwnerBookings(period: BookingListPeriod): PagedListControls<BookingView> {
  const loadPage = useCallback((cursor: string | null, signal: AbortSignal) => listBookings({ as: 'owner', period, cursor: cursor ?? undefined }, signal), [period]);
  return usePagedList(loadPage);
}

/** The owner's bookings: coming up first, soonest at the top; then the rest, latest at the top. */
export function BookingsPage() {
  const upcoming = useOwnerBookings('upcoming');
  const past = useOwnerBookings('past');
  const flash = useFlashMessage();
  const timeZone = useViewerTimeZone();
  const failed = [upcoming, past].find((list) => list.state.status === 'failed');

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

      {failed?.state.status === 'failed' ? (
        <LoadFailure
          error={failed.state.error}
          onRetry={() => {
            upcoming.reload();
            past.reload();
          }}
        />
      ) : upcoming.state.status !== 'loaded' || past.state.status !== 'loaded' ? (
        <p role="status">Loading your bookings…</p>
      ) : upcoming.state.items.length === 0 && past.state.items.length === 0 ? (
        <div className="card empty-state" data-testid="bookings-empty">
          <p>You have not booked a consultation yet.</p>
          <p className="muted">
            <Link to="/consultants">Find a vet</Link> who treats your pet, pick a free time and book it here.
          </p>
        </div>
      ) : (
        <>
          <section aria-labelledby="upcoming-bookings-title">
            <h2 id="upcoming-bookings-title">Coming up</h2>
            {upcoming.state.items.length > 0 ? (
              <BookingList bookings={upcoming.state.items} timeZone={timeZone} testId="upcoming-bookings" />
            ) : (
              <p className="muted">Nothing booked.</p>
            )}
            <LoadMore list={upcoming.state} onLoadMore={upcoming.loadMore} label="Show more to come" />
          </section>
          {past.state.items.length > 0 && (
            <section aria-labelledby="past-bookings-title">
              <h2 id="past-bookings-title">Past and cancelled</h2>
              <BookingList bookings={past.state.items} timeZone={timeZone} testId="past-bookings" />
              <LoadMore list={past.state} onLoadMore={past.loadMore} label="Show earlier bookings" />
            </section>
          )}
        </>
      )}
    </section>
  );
}
