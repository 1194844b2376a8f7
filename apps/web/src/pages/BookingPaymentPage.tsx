import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ErrorCode, type BookingPaymentStart, type BookingView } from '@vetmeet/contracts/client';
import { fetchBooking, fetchPaymentStart } from '../api/bookings';
import { useResource } from '../api/use-resource';
import { bookingPath, consultantProfilePath, refundDeadlinePassed, refundNoticeHours } from '../bookings/booking-status';
import { paymentFailureSentence } from '../bookings/payment-failure';
import { forgetPaymentStart, recallPaymentStart, rememberPaymentStart } from '../bookings/payment-start-store';
import { usePaymentOutcome } from '../bookings/use-payment-outcome';
import { BookingOutcome } from '../components/BookingOutcome';
import { HoldCountdown } from '../components/HoldCountdown';
import { LoadFailure } from '../components/LoadFailure';
import { StatusMessage } from '../components/StatusMessage';
import { TestPaymentPanel } from '../components/TestPaymentPanel';
import { formatPrice } from '../format/money';
import { formatInstant, formatLeadTime, formatTimeRange } from '../format/time-range';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

// Stripe's loader is needed on this step only, and only when the server uses Stripe.
const StripePaymentForm = lazy(() => import('../components/StripePaymentForm'));

/** The payment step of a new booking: the hold's countdown, the payment form, then the outcome. */
export function BookingPaymentPage({ bookingId }: { bookingId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchBooking(bookingId, signal), [bookingId]);
  const booking = useResource(load);
  const flash = useFlashMessage();

  if (booking.resource.status === 'loading') return <p className="page narrow" role="status">Loading your booking…</p>;
  if (booking.resource.status === 'failed') {
    const missing = booking.resource.error.code === ErrorCode.NotFound || booking.resource.error.code === ErrorCode.ValidationFailed;
    return (
      <section className="page narrow" aria-labelledby="pay-title">
        <h1 id="pay-title">{missing ? 'Booking not found' : 'Pay for your booking'}</h1>
        {missing ? <p>There is no booking of yours at this address.</p> : <LoadFailure error={booking.resource.error} onRetry={booking.reload} />}
      </section>
    );
  }
  return <PaymentStep booking={booking.resource.data} onBooking={booking.replace} onReload={booking.reload} flash={flash} />;
}

interface PaymentStepProps {
  booking: BookingView;
  onBooking: (booking: BookingView) => void;
  onReload: () => void;
  flash: string | null;
}

function PaymentStep({ booking, onBooking, onReload, flash }: PaymentStepProps) {
  const timeZone = useViewerTimeZone();
  // This tab's answer from when the booking was made; another tab or device asks the server for it again.
  const [start, setStart] = useState<BookingPaymentStart | null>(() => recallPaymentStart(booking.id));
  const [paid, setPaid] = useState(false);
  const [declined, setDeclined] = useState(false);
  const wait = usePaymentOutcome(booking.id, paid && booking.status === 'held', (updated) => {
    onBooking(updated);
    if (updated.status !== 'held') forgetPaymentStart(updated.id);
  });
  const [lapsed, setLapsed] = useState(false);
  const expired = useCallback(() => {
    setLapsed(true);
    onReload();
  }, [onReload]);

  function paidNow(updated?: BookingView): void {
    setDeclined(false);
    if (updated) onBooking(updated);
    if (!updated || updated.status === 'held') setPaid(true);
    else forgetPaymentStart(updated.id);
  }

  const price = formatPrice(booking.price.amount, booking.price.currency);
  const returnUrl = `${window.location.origin}${bookingPath(booking.id)}`;

  return (
    <section className="page narrow" aria-labelledby="pay-title">
      <p className="back-link">
        <Link to={bookingPath(booking.id)}>← Booking details</Link>
      </p>
      <p className="eyebrow">{booking.clinic.name}</p>
      <h1 id="pay-title">{booking.status === 'held' ? 'Pay for your consultation' : 'Your booking'}</h1>
      <StatusMessage message={booking.status === 'held' && !paid ? flash : null} />
      <BookingOutcome booking={booking} wait={wait} />

      <section className="card section-card" aria-label="Booking">
        <dl className="details">
          <div className="details-wide">
            <dt>When</dt>
            <dd>{formatTimeRange(booking.startsAt, booking.endsAt, timeZone)}</dd>
          </div>
          <div>
            <dt>With</dt>
            <dd>{booking.consultant.displayName}</dd>
          </div>
          <div>
            <dt>For</dt>
            <dd>{booking.pet.name}</dd>
          </div>
          <div>
            <dt>Price</dt>
            <dd>{price}</dd>
          </div>
        </dl>
        <p className="small refund-policy" data-testid="refund-policy">
          Full refund if you cancel at least {formatLeadTime(refundNoticeHours(booking))} before the start
          {refundDeadlinePassed(booking, Date.now())
            ? `. This consultation starts sooner than that, so if you cancel it after paying, nothing is refunded.`
            : `, that is until ${formatInstant(booking.policy.fullRefundUntil, timeZone)}; no refund after that.`}{' '}
          If {booking.consultant.displayName} declines or cancels, you are refunded in full.
        </p>
      </section>

      {booking.status === 'held' && !paid && (
        <section className="card section-card" aria-labelledby="payment-title">
          <h2 id="payment-title">Payment</h2>
          {booking.holdExpiresAt && <HoldCountdown until={booking.holdExpiresAt} onExpired={expired} />}
          {(declined || booking.payment?.lastFailureCode) && (
            <p className="notice notice-error" role="alert" data-testid="payment-failure">
              {paymentFailureSentence(booking.payment?.lastFailureCode ?? null, { anotherCard: start?.mode === 'stripe' })}
            </p>
          )}
          {lapsed ? (
            <p className="notice notice-error" role="alert">
              The hold has run out, so the time may have gone to someone else. Nothing was charged.{' '}
              <Link to={consultantProfilePath(booking.consultant.id)}>Choose a time again</Link>.
            </p>
          ) : !start ? (
            <ResumePayment bookingId={booking.id} onStart={setStart} onStale={onReload} />
          ) : start.mode === 'local_test' ? (
            <TestPaymentPanel
              bookingId={booking.id}
              amount={start.amount}
              currency={start.currency}
              onPaid={paidNow}
              onDeclined={(updated) => {
                setDeclined(true);
                if (updated) onBooking(updated);
              }}
            />
          ) : start.publishableKey ? (
            <Suspense fallback={<p role="status">Loading the secure payment form…</p>}>
              <StripePaymentForm
                clientSecret={start.clientSecret}
                publishableKey={start.publishableKey}
                amount={start.amount}
                currency={start.currency}
                returnUrl={returnUrl}
                onConfirmed={() => paidNow()}
              />
            </Suspense>
          ) : (
            <p className="notice notice-error" role="alert">
              Card payments are not set up on this server (no publishable key). Nothing was charged; the time is released when the hold runs out.
            </p>
          )}
        </section>
      )}

      {booking.status !== 'held' && (
        <p className="button-row">
          <Link to={bookingPath(booking.id)} className="button button-primary">
            See your booking
          </Link>
          <Link to="/bookings" className="button">
            All bookings
          </Link>
        </p>
      )}
      {booking.status === 'expired' && (
        <p>
          <Link to={consultantProfilePath(booking.consultant.id)}>Choose another time with {booking.consultant.displayName}</Link>
        </p>
      )}
    </section>
  );
}

/**
 * The payment form's start is kept in the tab where the booking was made; in another tab or on
 * another device it is asked for again (the same PaymentIntent, so nothing is charged twice).
 */
function ResumePayment({ bookingId, onStart, onStale }: { bookingId: string; onStart: (start: BookingPaymentStart) => void; onStale: () => void }) {
  const load = useCallback(
    async (signal: AbortSignal) => {
      const start = await fetchPaymentStart(bookingId, signal);
      rememberPaymentStart(bookingId, start);
      return start;
    },
    [bookingId],
  );
  const resumed = useResource(load);
  const { resource } = resumed;
  useEffect(() => {
    if (resource.status === 'loaded') onStart(resource.data);
  }, [resource, onStart]);

  if (resource.status === 'failed') {
    if (resource.error.code === ErrorCode.BookingState) {
      return (
        <div className="notice notice-warn" role="alert" data-testid="payment-form-missing">
          <p>This booking can no longer be paid here: it was paid meanwhile, or its hold has run out.</p>
          <button type="button" className="button button-quiet notice-action" onClick={onStale}>
            See where it stands
          </button>
        </div>
      );
    }
    return <LoadFailure error={resource.error} onRetry={resumed.reload} />;
  }
  return <p role="status">Loading the payment form…</p>;
}
