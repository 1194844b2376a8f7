import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { BookingListPeriod, BookingView } from '@vetmeet/contracts/client';
import { BOOKING_LIST_LIMITS, listBookings } from '../api/bookings';
import { usePagedList, type PagedListControls, type PageRequest } from '../api/use-paged-list';
import { bookingRoom } from '../bookings/booking-join';
import { callOutcomeText } from '../bookings/booking-stage';
import { BookingRequestCard } from '../components/consultant/BookingRequestCard';
import { ConsultantPageFrame } from '../components/consultant/ConsultantPageFrame';
import { UpcomingBookingCard } from '../components/consultant/UpcomingBookingCard';
import { LoadFailure } from '../components/LoadFailure';
import { LoadMore } from '../components/LoadMore';
import { StatusMessage } from '../components/StatusMessage';
import { bookingBadgeClass, groupBookings, nextGroupChange, pastLabel } from '../consultant/calendar-groups';
import { consultantAvailabilityPath, consultantProfilePath } from '../consultant/consultant-paths';
import { formatZonedRange } from '../consultant/zoned-range';
import { consultationPath } from '../consultations/consultation-status';
import { codeLabel } from '../directory/code-labels';
import { nextJoinWindowChange } from '../consultations/join-window';
import { useNowUntil } from '../consultations/use-now-until';
import { Link } from '../router/Link';

/** The consultant's bookings in one clinic in one period, a page at a time; each carries its room's opening times once it became a consultation. */
function useCalendarList(clinicId: string, period: BookingListPeriod): PagedListControls<BookingView> {
  const loadPage = useCallback(
    (page: PageRequest, signal: AbortSignal) => listBookings({ as: 'consultant', period, clinicId, ...page }, signal),
    [clinicId, period],
  );
  return usePagedList(loadPage, BOOKING_LIST_LIMITS);
}

/** The consultant's bookings in one clinic: requests to answer, consultations to come, and the rest. */
export function ConsultantCalendarPage({ clinicId }: { clinicId: string }) {
  const upcoming = useCalendarList(clinicId, 'upcoming');
  const past = useCalendarList(clinicId, 'past');
  const failed = [upcoming, past].find((list) => list.state.status === 'failed');
  const reload = () => {
    upcoming.reload();
    past.reload();
  };

  return (
    <ConsultantPageFrame
      clinicId={clinicId}
      titleId="calendar-title"
      title="Your calendar"
      lede="Consultations owners booked with you: answer the requests, and see, move or cancel what is coming."
    >
      {(clinic) => (
        <>
          <p className="button-row">
            <Link to={consultantAvailabilityPath(clinic.clinicId)}>Your hours and time off</Link>
            <Link to={consultantProfilePath(clinic.clinicId)}>Your profile</Link>
          </p>
          {failed?.state.status === 'failed' ? (
            <LoadFailure error={failed.state.error} onRetry={reload} />
          ) : upcoming.state.status !== 'loaded' || past.state.status !== 'loaded' ? (
            <p role="status">Loading your calendar…</p>
          ) : (
            <CalendarSections
              // A booking that moved between the periods while the pages loaded shows once.
              bookings={[...new Map([...upcoming.state.items, ...past.state.items].map((booking) => [booking.id, booking])).values()]}
              upcomingMore={<LoadMore list={upcoming.state} onLoadMore={upcoming.loadMore} label="Show later requests and consultations" />}
              pastMore={<LoadMore list={past.state} onLoadMore={past.loadMore} label="Show earlier bookings" />}
              hasEarlier={past.state.nextCursor !== null}
              onChanged={reload}
            />
          )}
        </>
      )}
    </ConsultantPageFrame>
  );
}

interface CalendarSectionsProps {
  bookings: BookingView[];
  /** The "show more" of each list, under it. */
  upcomingMore: ReactNode;
  pastMore: ReactNode;
  /** More past bookings than are loaded. */
  hasEarlier: boolean;
  onChanged(): void;
}

function CalendarSections({ bookings, upcomingMore, pastMore, hasEarlier, onChanged }: CalendarSectionsProps) {
  const [status, setStatus] = useState<string | null>(null);
  // Why a cancel or move was refused (the booking changed under the page): not a confirmation.
  const [refusal, setRefusal] = useState<string | null>(null);
  const requestsHeading = useRef<HTMLHeadingElement>(null);
  const upcomingHeading = useRef<HTMLHeadingElement>(null);
  // Re-read the clock when a request's start passes, a consultation ends or a room opens or closes.
  const now = useNowUntil((at) => {
    const moments = [
      nextGroupChange(bookings, at),
      ...bookings.map((booking) => {
        const room = bookingRoom(booking);
        return room ? nextJoinWindowChange(room, at) : null;
      }),
    ].filter((moment): moment is number => moment !== null);
    return moments.length > 0 ? Math.min(...moments) : null;
  });
  const groups = groupBookings(bookings, now);

  /** Announces what happened and loads the calendar again; when the card leaves its list, the focus goes to the list's heading. */
  const done = (message: string, cardLeaves: { current: HTMLHeadingElement | null } | null) => {
    setRefusal(null);
    setStatus(message);
    onChanged();
    cardLeaves?.current?.focus();
  };
  const stale = () => onChanged();
  /** A cancel or move refused as the booking changed meanwhile: says why, reloads the calendar, focus to the list. */
  const refused = (message: string, list: { current: HTMLHeadingElement | null }) => {
    setStatus(null);
    setRefusal(message);
    onChanged();
    list.current?.focus();
  };

  return (
    <>
      <StatusMessage message={status} />
      {refusal && (
        <p className="notice notice-warn" role="alert" data-testid="calendar-refusal">
          {refusal}
        </p>
      )}

      <section className="calendar-section" aria-labelledby="requests-title" data-testid="booking-requests">
        <h2 id="requests-title" ref={requestsHeading} tabIndex={-1}>
          Requests awaiting your answer{groups.requests.length > 0 && ` (${groups.requests.length})`}
        </h2>
        {groups.requests.length === 0 ? (
          <p className="muted">No requests waiting. Paid bookings appear here for you to accept or decline, unless you confirm them automatically.</p>
        ) : (
          <ul className="card-list booking-list">
            {groups.requests.map((booking) => (
              <BookingRequestCard key={booking.id} booking={booking} onDone={(message) => done(message, requestsHeading)} onStale={stale} />
            ))}
          </ul>
        )}
      </section>

      <section className="calendar-section" aria-labelledby="upcoming-title" data-testid="upcoming-bookings">
        <h2 id="upcoming-title" ref={upcomingHeading} tabIndex={-1}>
          Upcoming consultations
        </h2>
        {groups.upcoming.length === 0 ? (
          <p className="muted">No confirmed consultations to come.</p>
        ) : (
          <ul className="card-list booking-list">
            {groups.upcoming.map((booking) => (
              <UpcomingBookingCard
                key={booking.id}
                booking={booking}
                now={now}
                onDone={(message, { leaves }) => done(message, leaves ? upcomingHeading : null)}
                onStale={(message) => refused(message, upcomingHeading)}
              />
            ))}
          </ul>
        )}
        {upcomingMore}
      </section>

      {groups.past.length > 0 && (
        <details className="calendar-section past-bookings" data-testid="past-bookings">
          <summary>
            <h2>
              Past and closed ({groups.past.length}
              {hasEarlier && ' so far'})
            </h2>
          </summary>
          <ul className="card-list">
            {groups.past.map((booking) => (
              <li key={booking.id} className="card">
                <div>
                  <p className="card-title">
                    {booking.consultationId ? (
                      <Link to={consultationPath(booking.consultationId)}>{booking.pet.name}</Link>
                    ) : (
                      booking.pet.name
                    )}{' '}
                    with {booking.owner.displayName}
                    <span className={bookingBadgeClass[booking.status]}>{pastLabel(booking, now)}</span>
                  </p>
                  <PastTimes booking={booking} />
                </div>
              </li>
            ))}
          </ul>
          {pastMore}
        </details>
      )}
    </>
  );
}

/** When it was booked for, in the consultant's zone, and once its call began, when it really took place. */
function PastTimes({ booking }: { booking: BookingView }) {
  const zone = booking.consultant.timeZone;
  const booked = <time dateTime={booking.startsAt}>{formatZonedRange(booking.startsAt, booking.endsAt, zone)}</time>;
  const outcome = callOutcomeText(booking, zone);
  return (
    <p className="card-meta" data-testid={outcome ? 'booking-times' : undefined}>
      {outcome ? <>Booked for {booked}; {outcome}</> : booked} · {codeLabel(booking.pet.species)}
    </p>
  );
}
