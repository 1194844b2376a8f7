import { randomBytes } from 'node:crypto';
import { ErrorCode, type PaymentModeValue } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { PaymentGateway, type CreateIntentParams, type CreateRefundParams, type GatewayIntent, type GatewayRefund } from './payment-gateway';

interface LocalIntent extends GatewayIntent {
  refunded: number;
}

/**
 * The local test payment mode: a stand-in for Stripe with no network and no money, so the
 * whole booking flow can be walked without a Stripe account. Ids look like Stripe's with
 * `_local_` in them (pi_local_..., re_local_...). State lives in this process: a payment
 * started before a restart cannot be confirmed or refunded after it (start a new booking).
 * The outcomes of a test confirmation, a refund or a cancellation go through the same event
 * processing as a verified Stripe webhook (PaymentsService feeds it local events).
 */
export class LocalTestPaymentGateway extends PaymentGateway {
  readonly mode: PaymentModeValue = 'local_test';
  private readonly intents = new Map<string, LocalIntent>();
  private readonly refunds = new Map<string, GatewayRefund>();
  /** Idempotency keys seen, with the id of what they created. */
  private readonly created = new Map<string, string>();

  async createIntent(params: CreateIntentParams): Promise<GatewayIntent> {
    const known = this.created.get(params.idempotencyKey);
    if (known) return this.copy(this.intent(known));
    const id = localId('pi');
    const intent: LocalIntent = {
      id,
      clientSecret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      status: 'requires_payment_method',
      amount: params.amount,
      currency: params.currency.toUpperCase(),
      lastFailureCode: null,
      refunded: 0,
    };
    this.intents.set(id, intent);
    this.created.set(params.idempotencyKey, id);
    return this.copy(intent);
  }

  async retrieveIntent(id: string): Promise<GatewayIntent> {
    return this.copy(this.intent(id));
  }

  /** Stands in for the browser's card confirmation: a test card that goes through or is declined. */
  confirm(id: string, outcome: 'succeeded' | 'declined'): GatewayIntent {
    const intent = this.intent(id);
    if (intent.status !== 'requires_payment_method') throw new AppError(ErrorCode.PaymentState, 'This test payment is already settled.');
    if (outcome === 'succeeded') Object.assign(intent, { status: 'succeeded', lastFailureCode: null });
    else intent.lastFailureCode = 'card_declined';
    return this.copy(intent);
  }

  async cancelIntent(id: string): Promise<GatewayIntent> {
    const intent = this.intent(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled') throw new AppError(ErrorCode.PaymentState);
    intent.status = 'canceled';
    return this.copy(intent);
  }

  async createRefund(params: CreateRefundParams): Promise<GatewayRefund> {
    const known = this.created.get(params.idempotencyKey);
    if (known) return { ...this.refunds.get(known)! };
    const intent = this.intent(params.intentId);
    const left = intent.amount - intent.refunded;
    if (intent.status !== 'succeeded' || left <= 0) throw new AppError(ErrorCode.PaymentState);
    const amount = params.amount ?? left;
    if (amount > left) throw new AppError(ErrorCode.ValidationFailed, 'The refund is more than what is left of the payment.');
    intent.refunded += amount;
    const refund: GatewayRefund = { id: localId('re'), paymentIntentId: intent.id, amount, status: 'succeeded', failureReason: null };
    this.refunds.set(refund.id, refund);
    this.created.set(params.idempotencyKey, refund.id);
    return { ...refund };
  }

  async retrieveRefund(id: string): Promise<GatewayRefund> {
    const refund = this.refunds.get(id);
    if (!refund) throw new AppError(ErrorCode.PaymentState, 'This test refund is not known (the server restarted since).');
    return { ...refund };
  }

  private intent(id: string): LocalIntent {
    const intent = this.intents.get(id);
    if (!intent) throw new AppError(ErrorCode.PaymentState, 'This test payment is not known (the server restarted since): start a new booking.');
    return intent;
  }

  private copy(intent: LocalIntent): GatewayIntent {
    const { refunded: _refunded, ...view } = intent;
    return { ...view };
  }
}

export function localId(prefix: string): string {
  return `${prefix}_local_${randomBytes(12).toString('hex')}`;
}
