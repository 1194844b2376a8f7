/**
 * Payments: what an owner paid for a booking, and refunds. Shapes shared by the API and the
 * web client (no validation library here). Amounts are integers in the currency's minor units
 * (cents); currencies are ISO 4217, upper case. No card data ever appears here: the browser
 * hands the card to Stripe's Payment Element with `clientSecret` and `publishableKey`.
 */

/** stripe: real payments through Stripe; local_test: the clearly labelled local test mode where no money moves. */
export type PaymentModeValue = 'stripe' | 'local_test';

export const PAYMENT_STATUSES = ['requires_payment', 'processing', 'succeeded', 'partially_refunded', 'refunded', 'canceled'] as const;
/** requires_payment also after a declined card (lastFailureCode says why): the owner may try another one. */
export type PaymentStatusValue = (typeof PAYMENT_STATUSES)[number];

export const REFUND_REASONS = ['declined', 'cancelled_by_owner', 'cancelled_by_consultant', 'slot_lost'] as const;
export type RefundReasonValue = (typeof REFUND_REASONS)[number];

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatusValue = (typeof REFUND_STATUSES)[number];

/** What the browser needs to take the payment: with Stripe, Payment Element confirms `clientSecret` with `publishableKey`. */
export interface StartedPayment {
  paymentId: string;
  mode: PaymentModeValue;
  clientSecret: string;
  /** Null in the local test mode (and when no publishable key is configured). */
  publishableKey: string | null;
  amount: number;
  currency: string;
}

export interface RefundView {
  id: string;
  amount: number;
  currency: string;
  reason: RefundReasonValue;
  /** pending until a verified webhook settles it. */
  status: RefundStatusValue;
  createdAt: string;
  settledAt: string | null;
}

export interface PaymentView {
  id: string;
  bookingId: string;
  mode: PaymentModeValue;
  status: PaymentStatusValue;
  amount: number;
  currency: string;
  amountRefunded: number;
  /** Provider code of the last failed attempt, e.g. card_declined. */
  lastFailureCode: string | null;
  createdAt: string;
  refunds: RefundView[];
}
