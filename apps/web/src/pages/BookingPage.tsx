import { useCallback, useEffect, useState } from 'react';
import { ErrorCode, type BookingView } from '@vetmeet/contracts/client';
import { fetchBooking } from '../api/bookings';
import { useResource } from '../api/use-resource';
import { bookingPayPath } from '../bookings/booking-status';
import { usePaymentOutcome } from '../bookings/use-payment-outcome';
import { BookingJoinSection } from '../components/BookingJoinSection';
import { BookingOutcome } from '../components/BookingOutcome';
import { BookingRecord } from '../components/BookingRecord';
import { BookingStatusBadge } from '../components/BookingStatusBadge';
import { CancelBookingSection } from '../components/CancelBookingSection';
import { LoadFailure } from '../components/LoadFailure';
import { RescheduleBookingSection } from '../components/RescheduleBookingSection';
import { StatusMessage } from '../components/StatusMessage';
import { formatInstant } from '../format/time-range';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

function BackToBookings() {
  return (
    <p className="back-link">
      <Link to="/bookings">← All bookings</Link>
    </p>
  );
}

/**
 * Stripe sends the browser back here after a payment method that left the page, with the
 * outcome and the PaymentIntent's client secret in the query. The outcome is read once and
 * the query dropped from the address, so the secret stays out of history and bookmarks.
 */
function readStripeReturn(): 'succeeded' | 'failed' | null {
  const status = new URLSearchParams(window.location.search).get('redirect_status');
  if (!status) return null;
  return status === 'succeeded' || status === 'processing' ? 'succeeded' : 'failed';
}

export function BookingPage({ bookingId }: { bookingId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchBooking(bookingId, signal), [bookingId]);
  const booking = useResource(load);
  const flash = useFlashMessage();
  const [returned] = useState(readStripeReturn);
  useEffect(() => {
    if (returned) window.history.replaceState(null, '', window.location.pathname);
  }, [returned]);

  if (booking.resource.status === 'loading') {
    return (
      <section className="page narrow">
        <BackToBookings />
        <p role="status">Loading the booking…</p>
      </section>
    );
  }
  if (booking.resource.status === 'failed') {
    const missing = booking.resource.error.code === ErrorCode.NotFound || booking.resource.error.code === ErrorCode.ValidationFailed;
    return (
      <section className="page narrow" aria-labelledby="booking-title">
        <BackToBookings />
        <h1 id="booking-title">{missing ? 'Booking not found' : 'Booking'}</h1>
        {missing ? <p>There is no booking of yours at this address.</p> : <LoadFailure error={booking.resource.error} onRetry={booking.reload} />}
      </section>
    );
  }
  return <BookingDetails booking={booking.resource.data} onBooking={booking.replace} flash={flash} returned={returned} />;
}

interface BookingDetailsProps {
  booking: BookingView;
  onBooking: (booking: BookingView) => void;
  flash: string | null;
  returned: 'succeeded' | 'failed' | null;
}

function BookingDetails({ booking, onBooking, flash, returned }: BookingDetailsProps) {
  const timeZone = useViewerTimeZone();
  const [status, setStatus] = useState<string | null>(flash);
  const wait = usePaymentOutcome(booking.id, returned === 'succeeded' && booking.status === 'held', onBooking);
  const owner = booking.myRole === 'owner';
  const other = owner ? booking.consultant.displayName : booking.owner.displayName;

  function changed(updated: BookingView, message: string): void {
    onBooking(updated);
    setStatus(message);
  }

  return (
    <section className="page narrow" aria-labelledby="booking-title">
      <BackToBookings />
      <p className="eyebrow">{booking.clinic.name}</p>
      <div className="page-heading">
        <h1 id="booking-title">
          {booking.pet.name} with {other}
        </h1>
        <BookingStatusBadge booking={booking} />
      </div>

      <StatusMessage message={status} />
      {returned && <BookingOutcome booking={booking} wait={wait} />}
      {returned === 'failed' && booking.status === 'held' && (
        <p className="notice notice-error" role="alert">
          The payment did not go through, so nothing was charged. <Link to={bookingPayPath(booking.id)}>Try again</Link> before the hold runs out.
        </p>
      )}

      {owner && booking.status === 'held' && !returned && (
        <div className="notice notice-warn" data-testid="awaiting-payment">
          <p>
            This time is held for you until {booking.holdExpiresAt ? formatInstant(booking.holdExpiresAt, timeZone) : 'shortly'} while you pay. Without payment it is released, with nothing
            charged.
          </p>
          <Link to={bookingPayPath(booking.id)} className="button button-primary notice-action">
            Pay now
          </Link>
        </div>
      )}
      {booking.status === 'pending_acceptance' && !returned && (
        <p className="notice notice-info">
          {owner ? `Paid and sent to ${booking.consultant.displayName}, who confirms it. If they decline, you are refunded in full.` : 'Waiting for your answer.'}
        </p>
      )}
      {booking.status === 'declined' && owner && <p className="notice notice-info">{booking.consultant.displayName} declined this request; the payment is refunded in full.</p>}
      {booking.status === 'expired' && owner && <p className="notice notice-info">The hold ran out before payment, so the time was released. Nothing was charged.</p>}

      {booking.status === 'confirmed' && booking.consultationId && <BookingJoinSection booking={booking} timeZone={timeZone} />}

      <BookingRecord booking={booking} timeZone={timeZone} />

      {owner && booking.policy.canReschedule && (
        <RescheduleBookingSection booking={booking} timeZone={timeZone} onRescheduled={(updated) => changed(updated, `The booking was moved to ${formatInstant(updated.startsAt, timeZone)}.`)} />
      )}
      {owner && booking.policy.canCancel && <CancelBookingSection booking={booking} timeZone={timeZone} onCancelled={(updated) => changed(updated, 'The booking was cancelled.')} />}
    </section>
  );
}
