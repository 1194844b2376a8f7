import type { BookingPaymentStart } from '@vetmeet/contracts/client';

/*
 * What POST /bookings answered about paying is needed again after Stripe sends the browser
 * back to the booking (a bank's 3-D Secure page) or a reload. The API does not hand it out a
 * second time, so this tab keeps it in sessionStorage (gone when the tab closes, never sent
 * anywhere but to Stripe), keyed by booking.
 */

const KEY_PREFIX = 'vetmeet:booking-payment:';

export function rememberPaymentStart(bookingId: string, payment: BookingPaymentStart): void {
  try {
    window.sessionStorage.setItem(KEY_PREFIX + bookingId, JSON.stringify(payment));
  } catch {
    // Storage refused (private mode, full): the payment can still be taken on this page.
  }
}

function isPaymentStart(value: unknown): value is BookingPaymentStart {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return (candidate.mode === 'stripe' || candidate.mode === 'local_test') && typeof candidate.clientSecret === 'string' && typeof candidate.amount === 'number';
}

export function recallPaymentStart(bookingId: string): BookingPaymentStart | null {
  try {
    const stored: unknown = JSON.parse(window.sessionStorage.getItem(KEY_PREFIX + bookingId) ?? 'null');
    return isPaymentStart(stored) ? stored : null;
  } catch {
    return null;
  }
}

export function forgetPaymentStart(bookingId: string): void {
  try {
    window.sessionStorage.removeItem(KEY_PREFIX + bookingId);
  } catch {
    // Nothing to forget.
  }
}
