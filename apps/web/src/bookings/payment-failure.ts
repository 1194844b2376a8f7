/**
 * Why the last payment attempt failed, in words an owner can act on, from the provider's code
 * (BookingPaymentSummary.lastFailureCode: Stripe's error code, or the bank's decline reason).
 * Codes without words of their own get the general sentence: no code is ever shown raw.
 */
const REASONS: Record<string, string> = {
  card_declined: 'Your card was declined',
  insufficient_funds: 'Your card was declined (insufficient funds)',
  expired_card: 'Your card was declined (it has expired)',
  incorrect_cvc: 'Your card was declined (the security code, CVC, was wrong)',
  processing_error: 'Your card could not be charged (an error while processing it)',
};

const GENERIC = 'The payment did not go through';

/** "Your card was declined (insufficient funds)." with what that meant and what to do next. */
export function paymentFailureSentence(code: string | null, { anotherCard }: { anotherCard: boolean }): string {
  const reason = (code !== null && Object.hasOwn(REASONS, code) ? REASONS[code] : undefined) ?? GENERIC;
  const retry = code === 'processing_error' ? 'Try again' : anotherCard ? 'Try again or use another card' : 'Try again';
  return `${reason}, so nothing was charged. ${retry} before the hold runs out.`;
}
