import { paymentFailureSentence } from './payment-failure';

describe('paymentFailureSentence', () => {
  it('names the common card declines', () => {
    expect(paymentFailureSentence('insufficient_funds', { anotherCard: true })).toBe(
      'Your card was declined (insufficient funds), so nothing was charged. Try again or use another card before the hold runs out.',
    );
    expect(paymentFailureSentence('card_declined', { anotherCard: true })).toMatch(/^Your card was declined, so nothing was charged\./);
    expect(paymentFailureSentence('expired_card', { anotherCard: true })).toMatch(/^Your card was declined \(it has expired\)/);
    expect(paymentFailureSentence('incorrect_cvc', { anotherCard: true })).toMatch(/security code, CVC, was wrong/);
  });

  it('suggests trying the same card again after a processing error', () => {
    expect(paymentFailureSentence('processing_error', { anotherCard: true })).toBe(
      'Your card could not be charged (an error while processing it), so nothing was charged. Try again before the hold runs out.',
    );
  });

  it('falls back to a general sentence for other codes, no code at all, and object property names', () => {
    for (const code of ['do_not_honor', 'payment_failed', null, 'constructor', 'toString']) {
      expect(paymentFailureSentence(code, { anotherCard: false })).toBe('The payment did not go through, so nothing was charged. Try again before the hold runs out.');
    }
  });
});
