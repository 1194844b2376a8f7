import { useEffect, useRef, useState, type FormEvent } from 'react';
import { loadStripe, type Stripe, type StripeElements } from '@stripe/stripe-js';
import { formatPrice } from '../format/money';

interface StripePaymentFormProps {
  clientSecret: string;
  publishableKey: string;
  amount: number;
  currency: string;
  /** Where Stripe sends the browser back after a payment method that leaves the page (a bank's check). */
  returnUrl: string;
  /** Stripe accepted the payment; the booking moves on when its webhook reaches our server. */
  onConfirmed: () => void;
}

type Phase = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; message: string };

/**
 * Stripe's Payment Element, confirmed in the browser with the PaymentIntent's client secret:
 * the card goes from this frame to Stripe and never to our server. This module is loaded
 * lazily, so only the payment step carries Stripe's loader.
 */
export default function StripePaymentForm({ clientSecret, publishableKey, amount, currency, returnUrl, onConfirmed }: StripePaymentFormProps) {
  const mountRef = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [phase, setPhase] = useState<Phase>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    let unmount: (() => void) | undefined;
    loadStripe(publishableKey).then(
      (stripe) => {
        if (cancelled || !mountRef.current) return;
        if (!stripe) {
          setPhase({ status: 'failed', message: 'The payment form could not be loaded. Check your connection and reload the page.' });
          return;
        }
        const elements = stripe.elements({ clientSecret, appearance: { theme: 'stripe', variables: { colorPrimary: '#0f5c4d', borderRadius: '10px' } } });
        const payment = elements.create('payment', { layout: 'tabs' });
        payment.on('ready', () => !cancelled && setPhase({ status: 'ready' }));
        payment.on('loaderror', () => !cancelled && setPhase({ status: 'failed', message: 'The payment form could not be loaded. Reload the page to try again.' }));
        payment.mount(mountRef.current);
        stripeRef.current = { stripe, elements };
        unmount = () => payment.destroy();
      },
      () => {
        if (!cancelled) setPhase({ status: 'failed', message: 'The payment form could not be loaded. Check your connection and reload the page.' });
      },
    );
    return () => {
      cancelled = true;
      unmount?.();
      stripeRef.current = null;
    };
  }, [clientSecret, publishableKey]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const loaded = stripeRef.current;
    if (!loaded || busy) return;
    setBusy(true);
    setError(null);
    try {
      const result = await loaded.stripe.confirmPayment({ elements: loaded.elements, confirmParams: { return_url: returnUrl }, redirect: 'if_required' });
      if (result.error) {
        // Stripe's messages are written for the person paying ("Your card was declined.").
        setError(result.error.message ?? 'The payment did not go through. Try again or use another card.');
      } else {
        onConfirmed();
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stripe-payment" onSubmit={(event) => void submit(event)} aria-busy={busy} data-testid="stripe-payment">
      {phase.status === 'loading' && (
        <p className="muted" role="status">
          Loading the secure payment form…
        </p>
      )}
      {phase.status === 'failed' && (
        <p className="notice notice-error" role="alert">
          {phase.message}
        </p>
      )}
      <div ref={mountRef} className="stripe-element" />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" aria-disabled={busy || phase.status !== 'ready' || undefined}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? 'Paying…' : `Pay ${formatPrice(amount, currency)}`}
        </button>
      </div>
      <p className="muted small">Card details go straight to Stripe, our payment provider; Vetmeet never sees them.</p>
    </form>
  );
}
