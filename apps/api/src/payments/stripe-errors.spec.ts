import { ErrorCode } from '@vetmeet/contracts';
import { providerErrorToAppError } from './stripe-errors';

describe(providerErrorToAppError.name, () => {
  const mapped = (type: string, code?: string) => {
    const { appError, ourFault } = providerErrorToAppError({ type, code });
    return [appError.code, ourFault];
  };

  it('says a declined card is declined', () => {
    expect(mapped('StripeCardError', 'card_declined')).toEqual([ErrorCode.PaymentDeclined, false]);
  });

  it('says an outage or rate limit is a passing unavailability', () => {
    for (const type of ['StripeConnectionError', 'StripeAPIError', 'StripeRateLimitError']) expect(mapped(type)).toEqual([ErrorCode.PaymentProviderUnavailable, false]);
  });

  it('treats a refused key as unavailable to the client but ours to fix', () => {
    expect(mapped('StripeAuthenticationError')).toEqual([ErrorCode.PaymentProviderUnavailable, true]);
    expect(mapped('StripePermissionError')).toEqual([ErrorCode.PaymentProviderUnavailable, true]);
  });

  it('tells a state conflict (already paid, cancelled, refunded) from our own bad request', () => {
    expect(mapped('StripeInvalidRequestError', 'payment_intent_unexpected_state')).toEqual([ErrorCode.PaymentState, false]);
    expect(mapped('StripeInvalidRequestError', 'charge_already_refunded')).toEqual([ErrorCode.PaymentState, false]);
    expect(mapped('StripeInvalidRequestError', 'parameter_missing')).toEqual([ErrorCode.Internal, true]);
    expect(mapped('StripeIdempotencyError')).toEqual([ErrorCode.Internal, true]);
  });
});
