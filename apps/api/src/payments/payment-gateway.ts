import type { PaymentModeValue, RefundReasonValue } from '@vetmeet/contracts';

/** A PaymentIntent as we need it: no card details, no customer. */
export interface GatewayIntent {
  id: string;
  /** What the browser confirms with; present on the create answer. */
  clientSecret: string | null;
  /** The provider's status (requires_payment_method, processing, succeeded, canceled, ...). */
  status: string;
  amount: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** Code of the last failed attempt (card_declined, ...). */
  lastFailureCode: string | null;
}

export interface GatewayRefund {
  id: string;
  paymentIntentId: string | null;
  amount: number;
  /** The provider's status (pending, requires_action, succeeded, failed, canceled). */
  status: string;
  failureReason: string | null;
}

export interface CreateIntentParams {
  bookingId: string;
  /** The paying owner (the local test mode keeps its state as theirs; Stripe is not told). */
  ownerId: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
}

export interface CreateRefundParams {
  intentId: string;
  bookingId: string;
  /** The owner who paid. */
  ownerId: string;
  reason: RefundReasonValue;
  /** Omitted: what is left of the payment. */
  amount?: number;
  idempotencyKey: string;
}

/**
 * The provider's API as PaymentsService uses it: Stripe, or the local test mode. Calls are
 * network calls for Stripe: never inside a database transaction unless the comment there says
 * why. Failures are AppErrors (PAYMENT_PROVIDER_UNAVAILABLE, PAYMENT_STATE, ...). `ownerId` is
 * the paying owner, whom the local test mode acts as; Stripe does not need it.
 */
export abstract class PaymentGateway {
  abstract readonly mode: PaymentModeValue;
  abstract createIntent(params: CreateIntentParams): Promise<GatewayIntent>;
  abstract retrieveIntent(id: string, ownerId: string): Promise<GatewayIntent>;
  abstract cancelIntent(id: string, idempotencyKey: string, ownerId: string): Promise<GatewayIntent>;
  abstract createRefund(params: CreateRefundParams): Promise<GatewayRefund>;
  abstract retrieveRefund(id: string, ownerId: string): Promise<GatewayRefund>;
}
