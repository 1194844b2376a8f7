import { Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { PaymentModeValue } from '@vetmeet/contracts';
import { PaymentGateway, type CreateIntentParams, type CreateRefundParams, type GatewayIntent, type GatewayRefund } from './payment-gateway';
import { providerErrorToAppError } from './stripe-errors';
import { createStripeClient, verifySignedEvent } from './stripe-client';

export interface StripeGatewaySettings {
  secretKey: string;
  webhookSecret: string;
  /** A stand-in for api.stripe.com (the local fake in tests); never in production. */
  apiUrl?: string;
}

/** Stripe's reasons; ours travel in metadata. */
const STRIPE_REFUND_REASON = { cancelled_by_owner: 'requested_by_customer' } as const;

/**
 * Stripe through its SDK, pinned to the API version the SDK ships with (its types describe
 * exactly that version). Every POST carries an idempotency key the caller derives from our
 * ids, so a retry (ours or the SDK's) never creates a second PaymentIntent or refund.
 */
export class StripeGateway extends PaymentGateway {
  readonly mode: PaymentModeValue = 'stripe';
  private readonly logger = new Logger(StripeGateway.name);
  private readonly stripe: Stripe;

  constructor(private readonly settings: StripeGatewaySettings) {
    super();
    this.stripe = createStripeClient(settings.secretKey, settings.apiUrl);
  }

  /** Checks a delivery to the platform's webhook endpoint (see verifySignedEvent). */
  verifyEvent(rawBody: Buffer, signature: string, now = Date.now()): unknown {
    return verifySignedEvent(this.stripe, rawBody, signature, this.settings.webhookSecret, now);
  }

  createIntent(params: CreateIntentParams): Promise<GatewayIntent> {
    return this.call('create_intent', async () =>
      toIntent(
        await this.stripe.paymentIntents.create(
          {
            amount: params.amount,
            currency: params.currency.toLowerCase(),
            automatic_payment_methods: { enabled: true },
            metadata: { booking_id: params.bookingId },
            description: 'Vetmeet consultation',
            // A destination charge: the clinic's account is paid, less the platform's fee.
            ...(params.destination && {
              transfer_data: { destination: params.destination.account },
              ...(params.destination.applicationFeeAmount > 0 && {
                application_fee_amount: params.destination.applicationFeeAmount,
              }),
            }),
          },
          { idempotencyKey: params.idempotencyKey },
        ),
      ),
    );
  }

  /** With its latest charge expanded: the transfer to the clinic is the charge's. */
  retrieveIntent(id: string): Promise<GatewayIntent> {
    return this.call('retrieve_intent', async () =>
      toIntent(await this.stripe.paymentIntents.retrieve(id, { expand: ['latest_charge'] })),
    );
  }

  cancelIntent(id: string, idempotencyKey: string): Promise<GatewayIntent> {
    return this.call('cancel_intent', async () => toIntent(await this.stripe.paymentIntents.cancel(id, { cancellation_reason: 'abandoned' }, { idempotencyKey })));
  }

  createRefund(params: CreateRefundParams): Promise<GatewayRefund> {
    const reason = params.reason === 'cancelled_by_owner' ? STRIPE_REFUND_REASON.cancelled_by_owner : undefined;
    return this.call('create_refund', async () =>
      toRefund(
        await this.stripe.refunds.create(
          {
            payment_intent: params.intentId,
            ...(params.amount !== undefined && { amount: params.amount }),
            ...(reason && { reason }),
            // Takes back from the clinic's account and the platform's fee in proportion to the refund.
            ...(params.destinationCharge && { reverse_transfer: true, refund_application_fee: true }),
            metadata: { booking_id: params.bookingId, reason: params.reason },
          },
          { idempotencyKey: params.idempotencyKey },
        ),
      ),
    );
  }

  retrieveRefund(id: string): Promise<GatewayRefund> {
    return this.call('retrieve_refund', async () => toRefund(await this.stripe.refunds.retrieve(id)));
  }

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      const { appError, ourFault } = providerErrorToAppError(error);
      const facts = { operation, type: error.type, code: error.code, statusCode: error.statusCode, stripeRequestId: error.requestId };
      if (ourFault) this.logger.error(facts, 'Stripe refused a request');
      else this.logger.warn(facts, 'Stripe request failed');
      throw appError;
    }
  }
}

function toIntent(intent: Stripe.PaymentIntent): GatewayIntent {
  return {
    id: intent.id,
    clientSecret: intent.client_secret ?? null,
    status: intent.status,
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
    lastFailureCode: failureCodeOf(intent.last_payment_error),
    transferId: transferOf(intent.latest_charge),
  };
}

/** The transfer a destination charge made to the connected account (tr_...), when the charge is expanded. */
function transferOf(charge: string | Stripe.Charge | null): string | null {
  if (!charge || typeof charge === 'string') return null;
  const transfer = charge.transfer;
  if (!transfer) return null;
  return typeof transfer === 'string' ? transfer : transfer.id;
}

/** A declined card's more telling reason (insufficient_funds, ...) where the bank gave one; otherwise the error's code. */
export function failureCodeOf(error: Stripe.PaymentIntent.LastPaymentError | null): string | null {
  if (!error) return null;
  if (error.code === 'card_declined' && error.decline_code && error.decline_code !== 'generic_decline') return error.decline_code;
  return error.code ?? null;
}

function toRefund(refund: Stripe.Refund): GatewayRefund {
  const intent = refund.payment_intent;
  return {
    id: refund.id,
    paymentIntentId: typeof intent === 'string' ? intent : (intent?.id ?? null),
    amount: refund.amount,
    status: refund.status ?? 'pending',
    failureReason: refund.failure_reason ?? null,
  };
}
