import { useState } from 'react';
import { ErrorCode, type BookingView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { cancelBooking } from '../api/bookings';
import { describeApiError } from '../api/error-messages';
import { ownerCancellationOutcome, refundDeadlinePassed } from '../bookings/booking-status';
import { formatPrice } from '../format/money';
import { formatInstant } from '../format/time-range';
import { ConfirmDialog } from './ConfirmDialog';

interface CancelBookingSectionProps {
  booking: BookingView;
  timeZone: string;
  onCancelled: (booking: BookingView) => void;
}

/** The owner cancels, after being told what the policy gives back at this moment. */
export function CancelBookingSection({ booking, timeZone, onCancelled }: CancelBookingSectionProps) {
  const [confirming, setConfirming] = useState(false);
  const [openedAt, setOpenedAt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const outcome = ownerCancellationOutcome(booking, openedAt);
  const deadline = formatInstant(booking.policy.fullRefundUntil, timeZone);

  async function confirm(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const cancelled = await cancelBooking(booking.id);
      setConfirming(false);
      onCancelled(cancelled);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === ErrorCode.BookingState) {
        setError('This booking can no longer be cancelled: it has started, finished or changed meanwhile. Reload the page to see where it stands.');
      } else {
        setError(failure instanceof ApiError ? describeApiError(failure) : 'The booking could not be cancelled. Try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="danger-zone" aria-labelledby="cancel-booking-title">
      <h2 id="cancel-booking-title">Cancel the booking</h2>
      <p className="muted">
        {booking.status === 'held'
          ? 'Nothing has been charged yet; cancelling releases the time.'
          : refundDeadlinePassed(booking, Date.now())
            ? `The full-refund deadline (${deadline}) has passed: cancelling now refunds nothing.`
            : `Cancel until ${deadline} for a full refund; after that, cancelling refunds nothing.`}
      </p>
      <button
        type="button"
        className="button button-danger-outline"
        onClick={() => {
          setError(null);
          setOpenedAt(Date.now());
          setConfirming(true);
        }}
      >
        Cancel the booking
      </button>
      <ConfirmDialog
        open={confirming}
        title="Cancel this booking?"
        confirmLabel="Cancel the booking"
        busyLabel="Cancelling…"
        cancelLabel="Keep it"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The consultation for {booking.pet.name} with {booking.consultant.displayName} is cancelled and the time released. This cannot be undone.
        </p>
        <p data-testid="cancel-refund">
          {outcome.kind === 'unpaid' && 'Nothing was charged, so there is nothing to refund.'}
          {outcome.kind === 'full' && <strong>You get a full refund of {formatPrice(outcome.amount, booking.price.currency)}.</strong>}
          {outcome.kind === 'none' && <strong>The full-refund deadline ({deadline}) has passed: you get no refund.</strong>}
        </p>
      </ConfirmDialog>
    </section>
  );
}
