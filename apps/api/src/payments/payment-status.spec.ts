import { intentState, isPaid, nextPaymentStatus, nextRefundStatus, paidStatus, refundState } from './payment-status';

describe('payment status transitions', () => {
  it('folds Stripe PaymentIntent statuses into ours', () => {
    expect(['requires_payment_method', 'requires_confirmation', 'requires_action'].map(intentState)).toEqual(['requires_payment', 'requires_payment', 'requires_payment']);
    expect(['processing', 'requires_capture', 'succeeded', 'canceled', 'something_new'].map(intentState)).toEqual(['processing', 'processing', 'succeeded', 'canceled', null]);
  });

  it('names a paid payment by what refunds took back', () => {
    expect([paidStatus(5000, 0), paidStatus(5000, 2000), paidStatus(5000, 5000)]).toEqual(['succeeded', 'partially_refunded', 'refunded']);
  });

  it('moves an unpaid payment to what the provider says now', () => {
    expect(nextPaymentStatus('requires_payment', 'succeeded', 5000, 0)).toBe('succeeded');
    expect(nextPaymentStatus('requires_payment', 'processing', 5000, 0)).toBe('processing');
    expect(nextPaymentStatus('processing', 'requires_payment', 5000, 0)).toBe('requires_payment');
    expect(nextPaymentStatus('requires_payment', 'canceled', 5000, 0)).toBe('canceled');
    expect(nextPaymentStatus('requires_payment', null, 5000, 0)).toBe('requires_payment');
    // A refund seen before the payment's own success event: straight to refunded.
    expect(nextPaymentStatus('requires_payment', 'succeeded', 5000, 5000)).toBe('refunded');
  });

  it('never moves a paid payment backwards, whatever arrives late', () => {
    for (const late of ['requires_payment', 'processing', 'canceled', null] as const) {
      expect(nextPaymentStatus('succeeded', late, 5000, 0)).toBe('succeeded');
      expect(nextPaymentStatus('partially_refunded', late, 5000, 2000)).toBe('partially_refunded');
      expect(nextPaymentStatus('refunded', late, 5000, 5000)).toBe('refunded');
    }
    expect(nextPaymentStatus('succeeded', 'succeeded', 5000, 2000)).toBe('partially_refunded');
    expect(nextPaymentStatus('partially_refunded', 'succeeded', 5000, 5000)).toBe('refunded');
  });

  it('keeps a cancelled payment cancelled', () => {
    expect(nextPaymentStatus('canceled', 'succeeded', 5000, 0)).toBe('canceled');
    expect(nextPaymentStatus('canceled', 'requires_payment', 5000, 0)).toBe('canceled');
    expect(isPaid('canceled')).toBe(false);
  });

  it('settles a refund once: pending to succeeded or failed; succeeded may still fail; failed is final', () => {
    expect(['pending', 'requires_action', 'succeeded', 'failed', 'canceled'].map(refundState)).toEqual(['pending', 'pending', 'succeeded', 'failed', 'failed']);
    expect(nextRefundStatus('pending', 'succeeded')).toBe('succeeded');
    expect(nextRefundStatus('pending', 'failed')).toBe('failed');
    expect(nextRefundStatus('pending', 'pending')).toBe('pending');
    expect(nextRefundStatus('succeeded', 'pending')).toBe('succeeded');
    expect(nextRefundStatus('succeeded', 'failed')).toBe('failed');
    expect(nextRefundStatus('failed', 'succeeded')).toBe('failed');
  });
});
