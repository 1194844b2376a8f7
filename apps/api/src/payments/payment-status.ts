import type { PaymentStatusValue, RefundStatusValue } from '@vetmeet/contracts';

/** A PaymentIntent's status folded into ours, before refunds are counted. */
export type IntentState = 'requires_payment' | 'processing' | 'succeeded' | 'canceled';

const UNPAID: readonly PaymentStatusValue[] = ['requires_payment', 'processing'];
const PAID: readonly PaymentStatusValue[] = ['succeeded', 'partially_refunded', 'refunded'];

export const isUnpaid = (status: PaymentStatusValue): boolean => UNPAID.includes(status);
export const isPaid = (status: PaymentStatusValue): boolean => PAID.includes(status);

/** Stripe's PaymentIntent statuses (and the local test mode's, which copies them); null for one we do not know. */
export function intentState(providerStatus: string): IntentState | null {
  switch (providerStatus) {
    case 'requires_payment_method':
    case 'requires_confirmation':
    case 'requires_action':
      return 'requires_payment';
    case 'processing':
    case 'requires_capture':
      return 'processing';
    case 'succeeded':
      return 'succeeded';
    case 'canceled':
      return 'canceled';
    default:
      return null;
  }
}

/** A paid payment's status by what refunds took back. */
export function paidStatus(amount: number, amountRefunded: number): PaymentStatusValue {
  if (amountRefunded >= amount) return 'refunded';
  return amountRefunded > 0 ? 'partially_refunded' : 'succeeded';
}

/**
 * Where a payment goes when the provider's current state is observed. Payments never move
 * backwards, whatever order the events arrive in: once paid, never unpaid or cancelled again,
 * and refunds only add up; a cancelled payment stays cancelled. Between the two unpaid states
 * either way is fine (an asynchronous payment method can fail back to requires_payment).
 * `amountRefunded` is the (monotonic) refunded total already worked out by the caller.
 */
export function nextPaymentStatus(current: PaymentStatusValue, observed: IntentState | null, amount: number, amountRefunded: number): PaymentStatusValue {
  if (current === 'canceled') return current;
  if (isPaid(current)) return paidStatus(amount, amountRefunded);
  switch (observed) {
    case 'succeeded':
      return paidStatus(amount, amountRefunded);
    case 'canceled':
    case 'requires_payment':
    case 'processing':
      return observed;
    default:
      return current;
  }
}

/** Stripe's refund statuses in ours: pending until settled one way or the other. */
export function refundState(providerStatus: string): RefundStatusValue {
  switch (providerStatus) {
    case 'succeeded':
      return 'succeeded';
    case 'failed':
    case 'canceled':
      return 'failed';
    default:
      return 'pending';
  }
}

/** A refund settles once; a succeeded one may still fail later (Stripe says so for some methods), a failed one is final. */
export function nextRefundStatus(current: RefundStatusValue, observed: RefundStatusValue): RefundStatusValue {
  if (current === 'failed') return current;
  if (current === 'succeeded') return observed === 'failed' ? 'failed' : current;
  return observed;
}
