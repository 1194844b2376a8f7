import type { BookingView } from '@vetmeet/contracts/client';
import type { PaymentWait } from '../bookings/use-payment-outcome';

/** Where a booking stands after paying, in a sentence, announced when it changes. */
export function BookingOutcome({ booking, wait }: { booking: BookingView; wait: PaymentWait }) {
  return (
    <div role="status" className="status-region" data-testid="booking-outcome">
      {booking.status === 'held' && wait.status === 'waiting' && (
        <p className="notice notice-info">
          <span className="spinner" aria-hidden="true" /> Payment received by the provider; waiting for it to reach Vetmeet…
        </p>
      )}
      {booking.status === 'held' && wait.status === 'timed-out' && (
        <p className="notice notice-warn">The payment is taking longer than usual to reach us. This page shows the outcome when you reload it; you also get an email.</p>
      )}
      {booking.status === 'pending_acceptance' && (
        <p className="notice notice-ok">
          Paid. Request sent to {booking.consultant.displayName}. We email you when they accept it; if they decline, you are refunded in full.
        </p>
      )}
      {booking.status === 'confirmed' && <p className="notice notice-ok">Confirmed: your consultation with {booking.consultant.displayName} is booked. We emailed you the details.</p>}
      {booking.status === 'expired' && (
        <p className="notice notice-error">The hold ran out before the payment arrived, so the time was released. If any money was taken, it is refunded in full.</p>
      )}
    </div>
  );
}
