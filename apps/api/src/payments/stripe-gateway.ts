import { Logger } from '@nestjs/common';
import Stripe from 'stripe';
import type { PaymentModeValue } from '@vetmeet/contracts';
import { PaymentGateway, type CreateIntentParams, type CreateRefundParams, type GatewayIntent, type GatewayRefund } from './payment-gateway';
import { providerErrorToAppError } from './stripe-errors';
import { signedAtSeconds, signedInTheFuture, WEBHOOK_TOLERANCE_SECONDS } from './stripe-signature';

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
    const api = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
    this.stripe = new Stripe(settings.secretKey, {
      apiVersion: Stripe.API_VERSION,
      // Safe with idempotency keys: a retried POST replays the first answer.
      maxNetworkRetries: 2,
      timeout: 20_000,
      telemetry: false,
      ...(api && { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol === 'https:' ? 'https' : 'http' }),
    });
  }

  /**
   * Checks the Stripe-Signature of a webhook delivery (HMAC over the raw body, signed at most five
   * minutes before or after now) and answers the parsed payload, whose shape is not checked yet;
   * throws when the signature is not right. The SDK checks only the past side of the tolerance.
   */
  verifyEvent(rawBody: Buffer, signature: string, now = Date.now()): unknown {
    const { webhookSecret } = this.settings;
    const event: unknown = this.stripe.webhooks.constructEvent(
      rawBody,
      signature,
      webhookSecret,
      WEBHOOK_TOLERANCE_SECONDS,
      undefined,
      now,
    );
    const signedAt = signedAtSeconds(signature);
    if (signedAt === null || signedInTheFuture(signedAt, now)) throw new Error('signed too far ahead of our clock');
    return event;
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
          },
          { idempotencyKey: params.idempotencyKey },
        ),
      ),
    );
  }

  retrieveIntent(id: string): Promise<GatewayIntent> {
    return this.call('retrieve_intent', async () => toIntent(await this.stripe.paymentIntents.retrieve(id)));
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
  };
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
