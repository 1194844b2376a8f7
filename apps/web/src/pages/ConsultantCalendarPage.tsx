import { useCallback, useRef, useState } from 'react';
import type { BookingView } from '@vetmeet/contracts/client';
import { listBookings } from '../api/bookings';
import { useResource } from '../api/use-resource';
import { bookingRoom } from '../bookings/booking-join';
import { BookingRequestCard } from '../components/consultant/BookingRequestCard';
import { ConsultantPageFrame } from '../components/consultant/ConsultantPageFrame';
import { UpcomingBookingCard } from '../components/consultant/UpcomingBookingCard';
import { LoadFailure } from '../components/LoadFailure';
import { StatusMessage } from '../components/StatusMessage';
import { bookingBadgeClass, groupBookings, nextGroupChange, pastLabel } from '../consultant/calendar-groups';
import { consultantAvailabilityPath, consultantProfilePath } from '../consultant/consultant-paths';
import { formatZonedRange } from '../consultant/zoned-range';
import { consultationPath } from '../consultations/consultation-status';
import { codeLabel } from '../directory/code-labels';
import { nextJoinWindowChange } from '../consultations/join-window';
import { useNowUntil } from '../consultations/use-now-until';
import { Link } from '../router/Link';

interface Calendar {
  /** Each carries its room's opening times once it became a consultation. */
  bookings: BookingView[];
}

async function loadCalendar(clinicId: string, signal: AbortSignal): Promise<Calendar> {
  const bookings = await listBookings(signal);
  return { bookings: bookings.filter((booking) => booking.myRole === 'consultant' && booking.clinic.id === clinicId) };
}

/** The consultant's bookings in one clinic: requests to answer, consultations to come, and the rest. */
export function ConsultantCalendarPage({ clinicId }: { clinicId: string }) {
  const load = useCallback((signal: AbortSignal) => loadCalendar(clinicId, signal), [clinicId]);
  const calendar = useResource(load);

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
          {calendar.resource.status === 'loading' && <p role="status">Loading your calendar…</p>}
          {calendar.resource.status === 'failed' && <LoadFailure error={calendar.resource.error} onRetry={calendar.reload} />}
          {calendar.resource.status === 'loaded' && <CalendarSections calendar={calendar.resource.data} onChanged={calendar.reload} />}
        </>
      )}
    </ConsultantPageFrame>
  );
}

function CalendarSections({ calendar, onChanged }: { calendar: Calendar; onChanged: () => void }) {
  const [status, setStatus] = useState<string | null>(null);
  const requestsHeading = useRef<HTMLHeadingElement>(null);
  const upcomingHeading = useRef<HTMLHeadingElement>(null);
  // Re-read the clock when a request's start passes, a consultation ends or a room opens or closes.
  const now = useNowUntil((at) => {
    const moments = [
      nextGroupChange(calendar.bookings, at),
      ...calendar.bookings.map((booking) => {
        const room = bookingRoom(booking);
        return room ? nextJoinWindowChange(room, at) : null;
      }),
    ].filter((moment): moment is number => moment !== null);
    return moments.length > 0 ? Math.min(...moments) : null;
  });
  const groups = groupBookings(calendar.bookings, now);

  /** Announces what happened and loads the calendar again; when the card leaves its list, the focus goes to the list's heading. */
  const done = (message: string, cardLeaves: { current: HTMLHeadingElement | null } | null) => {
    setStatus(message);
    onChanged();
    cardLeaves?.current?.focus();
  };
  const stale = () => onChanged();

  return (
    <>
      <StatusMessage message={status} />

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
                onStale={stale}
              />
            ))}
          </ul>
        )}
      </section>

      {groups.past.length > 0 && (
        <details className="calendar-section past-bookings" data-testid="past-bookings">
          <summary>
            <h2>Past and closed ({groups.past.length})</h2>
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
                  <p className="card-meta">
                    <time dateTime={booking.startsAt}>{formatZonedRange(booking.startsAt, booking.endsAt, booking.consultant.timeZone)}</time> · {codeLabel(booking.pet.species)}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
