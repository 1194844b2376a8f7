import { useState } from 'react';
import { ErrorCode, type BookingView } from '@vetmeet/contracts/client';
import { cancelBooking } from '../api/bookings';
import { ownerCancellationOutcome, refundDeadlinePassed } from '../bookings/booking-status';
import { formatPrice } from '../format/money';
import { formatInstant } from '../format/time-range';
import { ConfirmDialog } from './ConfirmDialog';
import { useConfirmedAction } from './use-confirmed-action';

interface CancelBookingSectionProps {
  booking: BookingView;
  timeZone: string;
  onCancelled: (booking: BookingView) => void;
}

/** The owner cancels, after being told what the policy gives back at this moment. */
export function CancelBookingSection({ booking, timeZone, onCancelled }: CancelBookingSectionProps) {
  const [openedAt, setOpenedAt] = useState(0);
  const cancelling = useConfirmedAction(() => cancelBooking(booking.id), onCancelled, {
    stateCode: ErrorCode.BookingState,
    stateMessage: 'This booking can no longer be cancelled: it has started, finished or changed meanwhile. Reload the page to see where it stands.',
    fallback: 'The booking could not be cancelled. Try again.',
  });
  const outcome = ownerCancellationOutcome(booking, openedAt);
  const deadline = formatInstant(booking.policy.fullRefundUntil, timeZone);

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
          setOpenedAt(Date.now());
          cancelling.ask();
        }}
      >
        Cancel the booking
      </button>
      <ConfirmDialog
        open={cancelling.confirming}
        title="Cancel this booking?"
        confirmLabel="Cancel the booking"
        busyLabel="Cancelling…"
        cancelLabel="Keep it"
        busy={cancelling.busy}
        error={cancelling.error}
        onConfirm={() => void cancelling.confirm()}
        onCancel={cancelling.dismiss}
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
