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
  /** The transfer of a destination charge to the clinic's account (tr_...), once the charge succeeded. */
  transferId: string | null;
}

/** Where a destination charge pays: the clinic's connected account, less the platform's fee. */
export interface ChargeDestination {
  account: string;
  /** Minor units held back for the platform (0: none). */
  applicationFeeAmount: number;
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
  /** Stripe: the clinic's connected account (null in the local test mode, where no money moves). */
  destination: ChargeDestination | null;
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
  /** The payment was a destination charge: the refund reverses the transfer and the fee in proportion. */
  destinationCharge: boolean;
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
