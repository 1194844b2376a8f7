import { useState } from 'react';
import { ErrorCode, type BookingView, type TestPaymentOutcome } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { payWithTestCard } from '../api/bookings';
import { describeApiError } from '../api/error-messages';
import { formatPrice } from '../format/money';

interface TestPaymentPanelProps {
  bookingId: string;
  amount: number;
  currency: string;
  onPaid: (booking: BookingView) => void;
  onDeclined: (booking: BookingView | null) => void;
}

/**
 * The local test payment mode (no Stripe key on this server): two buttons stand in for a
 * card form, and the outcome travels the same way a real payment's webhook does.
 */
export function TestPaymentPanel({ bookingId, amount, currency, onPaid, onDeclined }: TestPaymentPanelProps) {
  const [busy, setBusy] = useState<TestPaymentOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function pay(outcome: TestPaymentOutcome): Promise<void> {
    if (busy) return;
    setBusy(outcome);
    setError(null);
    try {
      const booking = await payWithTestCard(bookingId, outcome);
      if (outcome === 'declined' || booking.payment?.status === 'requires_payment') onDeclined(booking);
      else onPaid(booking);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === ErrorCode.PaymentDeclined) onDeclined(null);
      else setError(failure instanceof ApiError ? describeApiError(failure) : 'The test payment could not be made. Try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="test-payment" aria-labelledby="test-payment-title" data-testid="test-payment">
      <h3 id="test-payment-title">Test payment — no money moves</h3>
      <p className="small">
        This server runs without a payment provider, in its local test mode. Choose what the card would do; nothing is charged for the {formatPrice(amount, currency)}.
      </p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => void pay('succeeded')} aria-disabled={busy !== null || undefined}>
          {busy === 'succeeded' && <span className="spinner" aria-hidden="true" />}
          {busy === 'succeeded' ? 'Paying…' : 'Pay successfully (test)'}
        </button>
        <button type="button" className="button" onClick={() => void pay('declined')} aria-disabled={busy !== null || undefined}>
          {busy === 'declined' && <span className="spinner" aria-hidden="true" />}
          {busy === 'declined' ? 'Declining…' : 'Simulate a declined card'}
        </button>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
