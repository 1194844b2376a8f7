import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';

/** The fields of a Stripe SDK error we branch on (type is the error class name, e.g. StripeCardError). */
export interface ProviderErrorFacts {
  type?: unknown;
  code?: unknown;
}

/** Stripe's codes for an operation the object's state no longer allows (already paid, cancelled, refunded). */
const STATE_CODES = new Set(['payment_intent_unexpected_state', 'charge_already_refunded', 'charge_disputed']);

/**
 * A Stripe SDK error as the AppError a caller handles, and whether it is ours to fix (logged as
 * an error: bad request, bad key) rather than a passing provider problem. Pure: unit-tested.
 */
export function providerErrorToAppError(error: ProviderErrorFacts): { appError: AppError; ourFault: boolean } {
  const code = typeof error.code === 'string' ? error.code : undefined;
  switch (error.type) {
    case 'StripeCardError':
      return { appError: new AppError(ErrorCode.PaymentDeclined), ourFault: false };
    case 'StripeConnectionError':
    case 'StripeAPIError':
    case 'StripeRateLimitError':
      return { appError: new AppError(ErrorCode.PaymentProviderUnavailable), ourFault: false };
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      // A wrong or revoked key: the owner can do nothing about it, the operator must.
      return { appError: new AppError(ErrorCode.PaymentProviderUnavailable), ourFault: true };
    case 'StripeInvalidRequestError':
      if (code && STATE_CODES.has(code)) return { appError: new AppError(ErrorCode.PaymentState), ourFault: false };
      return { appError: new AppError(ErrorCode.Internal), ourFault: true };
    default:
      return { appError: new AppError(ErrorCode.Internal), ourFault: true };
  }
}
