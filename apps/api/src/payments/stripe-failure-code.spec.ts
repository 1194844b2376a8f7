import { failureCodeOf } from './stripe-gateway';

describe('failureCodeOf (the code kept of a failed PaymentIntent)', () => {
  it('keeps the bank’s reason of a declined card where it gave one', () => {
    expect(failureCodeOf({ type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' })).toBe('insufficient_funds');
  });

  it('keeps card_declined for a decline without a telling reason', () => {
    expect(failureCodeOf({ type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' })).toBe('card_declined');
    expect(failureCodeOf({ type: 'card_error', code: 'card_declined' })).toBe('card_declined');
  });

  it('keeps other error codes as they are, and nothing without an error', () => {
    expect(failureCodeOf({ type: 'card_error', code: 'expired_card', decline_code: 'expired_card' })).toBe('expired_card');
    expect(failureCodeOf({ type: 'card_error', code: 'incorrect_cvc' })).toBe('incorrect_cvc');
    expect(failureCodeOf({ type: 'api_error' })).toBeNull();
    expect(failureCodeOf(null)).toBeNull();
  });
});
