import { invalidRequest, resourceMissing, StripeFakeError } from './errors';
import { fixture, nowSeconds, stripeId, type StripeObject } from './fixtures';
import { field, type FormObject } from './form';
import type { StripeFakeEventType } from './webhooks';
import { ConnectResources } from './connect';

/** Test payment methods `confirm` accepts: the first succeeds, the second is declined like Stripe's test card. */
export const TEST_PAYMENT_METHODS = { succeeds: 'pm_card_visa', declined: 'pm_card_chargeDeclined' } as const;

export interface Answer {
  status: number;
  body: unknown;
}

/** What the resource layer asks the server to deliver as webhooks after answering. */
export type Emit = (type: StripeFakeEventType, object: Record<string, unknown>) => void;

/** PaymentIntents, their charges and refunds, held in memory. */
export class StripeResources {
  readonly paymentIntents = new Map<string, StripeObject>();
  readonly charges = new Map<string, StripeObject>();
  readonly refunds = new Map<string, StripeObject>();

  readonly connect: ConnectResources;

  constructor(
    private readonly emit: Emit,
    origin: () => string,
  ) {
    this.connect = new ConnectResources(emit, origin);
  }

  createPaymentIntent(form: FormObject): Answer {
    const amount = positiveInteger(form, 'amount', true);
    const currency = field(form, 'currency');
    if (!currency) throw invalidRequest('Missing required param: currency.', { code: 'parameter_missing', param: 'currency' });
    const destination = this.connect.destinationOf(form, amount);
    const id = stripeId('pi');
    const automatic = form.automatic_payment_methods;
    const intent = fixture('payment-intent', {
      id,
      amount,
      currency: currency.toLowerCase(),
      client_secret: `${id}_secret_${stripeId('s').slice(2)}`,
      created: nowSeconds(),
      metadata: typeof form.metadata === 'object' ? form.metadata : {},
      description: field(form, 'description') ?? null,
      automatic_payment_methods:
        typeof automatic === 'object' ? { allow_redirects: 'always', enabled: automatic.enabled === 'true' } : null,
      ...destination,
      transfer_group: destination.transfer_data ? `group_${id}` : null,
    });
    this.paymentIntents.set(id, intent);
    return { status: 200, body: intent };
  }

  /** `expand[]=latest_charge` answers the charge object in place of its id (the only expansion the fake knows). */
  retrievePaymentIntent(id: string, query: FormObject = {}): Answer {
    const intent = this.intent(id);
    const expand = typeof query.expand === 'object' ? Object.values(query.expand) : [];
    const unknown = expand.find((path) => path !== 'latest_charge');
    if (unknown !== undefined) {
      throw invalidRequest(`This property cannot be expanded (${String(unknown)}).`, { param: 'expand' });
    }
    if (expand.length === 0 || typeof intent.latest_charge !== 'string') return { status: 200, body: intent };
    return { status: 200, body: { ...intent, latest_charge: this.charges.get(intent.latest_charge) } };
  }

  cancelPaymentIntent(id: string, form: FormObject): Answer {
    const intent = this.intent(id);
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw invalidRequest(
        `You cannot cancel this PaymentIntent because it has a status of ${String(intent.status)}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_reconfirmation, requires_confirmation, requires_action, processing.`,
        { code: 'payment_intent_unexpected_state', payment_intent: intent },
      );
    }
    Object.assign(intent, { status: 'canceled', canceled_at: nowSeconds(), cancellation_reason: field(form, 'cancellation_reason') ?? null });
    this.emit('payment_intent.canceled', intent);
    return { status: 200, body: intent };
  }

  /** Test helper for the browser-side confirmation: settles the intent at once with a test payment method. */
  confirmPaymentIntent(id: string, form: FormObject): Answer {
    const intent = this.intent(id);
    if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation') {
      throw invalidRequest(`This PaymentIntent's status is ${String(intent.status)}, so it cannot be confirmed.`, {
        code: 'payment_intent_unexpected_state',
        payment_intent: intent,
      });
    }
    const paymentMethod = field(form, 'payment_method') ?? intent.payment_method;
    if (paymentMethod === TEST_PAYMENT_METHODS.declined) {
      const error = { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.', type: 'card_error', payment_method: { id: paymentMethod } };
      Object.assign(intent, { status: 'requires_payment_method', payment_method: null, last_payment_error: error });
      this.emit('payment_intent.payment_failed', intent);
      throw new StripeFakeError(402, 'card_error', error.message, { code: error.code, decline_code: error.decline_code, payment_intent: intent });
    }
    if (paymentMethod !== TEST_PAYMENT_METHODS.succeeds) {
      throw invalidRequest(`No such PaymentMethod: '${String(paymentMethod)}'`, { code: 'resource_missing', param: 'payment_method' });
    }
    const charge = fixture('charge', {
      id: stripeId('ch'),
      amount: intent.amount,
      amount_captured: intent.amount,
      created: nowSeconds(),
      currency: intent.currency,
      metadata: intent.metadata,
      payment_intent: intent.id,
      payment_method: paymentMethod,
    });
    this.charges.set(charge.id, charge);
    this.connect.settleDestinationCharge(intent, charge);
    Object.assign(intent, { status: 'succeeded', payment_method: paymentMethod, latest_charge: charge.id, amount_received: intent.amount, last_payment_error: null });
    this.emit('payment_intent.succeeded', intent);
    return { status: 200, body: intent };
  }

  createRefund(form: FormObject): Answer {
    const intentId = field(form, 'payment_intent');
    if (!intentId) throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
    const intent = this.intent(intentId, 'payment_intent');
    const charge = typeof intent.latest_charge === 'string' ? this.charges.get(intent.latest_charge) : undefined;
    if (intent.status !== 'succeeded' || !charge) {
      throw invalidRequest(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, { param: 'payment_intent' });
    }
    const remaining = Number(charge.amount) - Number(charge.amount_refunded);
    if (remaining === 0) {
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' });
    }
    const amount = form.amount === undefined ? remaining : positiveInteger(form, 'amount', true);
    if (amount > remaining) {
      throw invalidRequest(`Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`, { param: 'amount' });
    }
    const refund = fixture('refund', {
      id: stripeId('re'),
      amount,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      metadata: typeof form.metadata === 'object' ? form.metadata : {},
      payment_intent: intent.id,
      reason: field(form, 'reason') ?? null,
    });
    refund.transfer_reversal = this.connect.refundDestinationCharge(charge, refund, form);
    this.refunds.set(refund.id, refund);
    Object.assign(charge, { amount_refunded: Number(charge.amount_refunded) + amount, refunded: amount === remaining });
    this.emit('charge.refunded', charge);
    return { status: 200, body: refund };
  }

  retrieveRefund(id: string): Answer {
    const refund = this.refunds.get(id);
    if (!refund) throw resourceMissing('refund', id, 'id');
    return { status: 200, body: refund };
  }

  private intent(id: string, param = 'intent'): StripeObject {
    const intent = this.paymentIntents.get(id);
    if (!intent) throw resourceMissing('payment_intent', id, param);
    return intent;
  }
}

function positiveInteger(form: FormObject, name: string, required: boolean): number {
  const raw = field(form, name);
  if (raw === undefined && required) throw invalidRequest(`Missing required param: ${name}.`, { code: 'parameter_missing', param: name });
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw invalidRequest(`Invalid integer: ${String(raw)}`, { code: 'parameter_invalid_integer', param: name });
  }
  return value;
}
