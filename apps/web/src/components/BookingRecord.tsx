import type { BookingView } from '@vetmeet/contracts/client';
import { actualCallTimes, callBegan } from '../bookings/booking-stage';
import { paymentStateLabel, refundDeadlinePassed, refundReasonLabels } from '../bookings/booking-status';
import { formatPrice, formatPriceOrFree } from '../format/money';
import { formatInstant, formatTimeRange } from '../format/time-range';

const refundStatusLabels = { pending: 'pending', succeeded: 'refunded', failed: 'failed' } as const;

/** A cancellation's refund deadline matters while the booking is on and its call has not begun. */
const refundStillApplies = (booking: BookingView) =>
  !booking.cancellation && ['pending_acceptance', 'confirmed', 'held'].includes(booking.status) && !callBegan(booking);

/** What was booked, what was paid, and what became of it. */
export function BookingRecord({ booking, timeZone }: { booking: BookingView; timeZone: string }) {
  const payment = booking.payment;
  const tookPlace = actualCallTimes(booking, timeZone);
  return (
    <>
      <section className="card section-card" aria-label="Details">
        <dl className="details">
          <div className="details-wide">
            <dt>{tookPlace ? 'Booked for' : 'When'}</dt>
            <dd>{formatTimeRange(booking.startsAt, booking.endsAt, timeZone)}</dd>
          </div>
          {tookPlace && (
            <div className="details-wide" data-testid="took-place">
              <dt>{booking.consultation?.endedAt ? 'Took place' : 'Under way'}</dt>
              <dd>{tookPlace}</dd>
            </div>
          )}
          <div>
            <dt>Vet</dt>
            <dd>
              {booking.consultant.displayName}, {booking.clinic.name}
            </dd>
          </div>
          <div>
            <dt>Pet</dt>
            <dd>
              {booking.pet.name} ({booking.pet.species})
            </dd>
          </div>
          <div>
            <dt>Length</dt>
            <dd>{booking.durationMinutes} minutes</dd>
          </div>
          <div>
            <dt>Price</dt>
            <dd>{formatPriceOrFree(booking.price.amount, booking.price.currency)}</dd>
          </div>
          {booking.price.amount > 0 && (
            <div>
              <dt>Payment</dt>
              <dd data-testid="payment-state">{paymentStateLabel(payment)}</dd>
            </div>
          )}
          {booking.price.amount > 0 && refundStillApplies(booking) && (
            <div>
              <dt>Full refund if cancelled by</dt>
              <dd>
                {formatInstant(booking.policy.fullRefundUntil, timeZone)}
                {refundDeadlinePassed(booking, Date.now()) && <span className="muted"> (passed)</span>}
              </dd>
            </div>
          )}
          <div className="details-wide">
            <dt>Reason</dt>
            <dd className="preformatted">{booking.reason}</dd>
          </div>
          {booking.photos.length > 0 && (
            <div className="details-wide">
              <dt>Photos shared with the vet</dt>
              <dd>
                <ul className="plain-list">
                  {booking.photos.map((photo) => (
                    <li key={photo.id} className="break-anywhere">
                      {photo.fileName}
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
        </dl>
      </section>

      {(booking.cancellation || (payment && payment.refunds.length > 0)) && (
        <section className="card section-card" aria-labelledby="refund-record-title" data-testid="refund-record">
          <h2 id="refund-record-title">{booking.cancellation ? 'Cancellation and refund' : 'Refund'}</h2>
          {booking.cancellation && (
            <p>
              {booking.cancellation.by === booking.myRole ? 'You' : booking.cancellation.by === 'consultant' ? booking.consultant.displayName : booking.owner.displayName} cancelled on{' '}
              {formatInstant(booking.cancellation.at, timeZone)}.{' '}
              {booking.cancellation.refundAmount > 0
                ? `Refund under the policy: ${formatPrice(booking.cancellation.refundAmount, booking.price.currency)}.`
                : payment && payment.status !== 'requires_payment' && payment.status !== 'canceled'
                  ? 'The full-refund deadline had passed, so nothing is refunded.'
                  : 'Nothing had been charged.'}
            </p>
          )}
          {payment && payment.refunds.length > 0 && (
            <ul className="plain-list">
              {payment.refunds.map((refund) => (
                <li key={`${refund.createdAt}-${refund.reason}`}>
                  {formatPrice(refund.amount, payment.currency)}: {refundStatusLabels[refund.status]} ({refundReasonLabels[refund.reason] ?? refund.reason}, {formatInstant(refund.createdAt, timeZone)})
                  {refund.status === 'pending' && <span className="muted"> · banks usually take 5–10 days to show it</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
