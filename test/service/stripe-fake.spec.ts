import Stripe from 'stripe';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';
import { WebhookReceiver } from '../support/stripe-fake/webhook-receiver';

describe('Stripe fake driven by the real stripe SDK', () => {
  let fake: StripeFake;
  let stripe: Stripe;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    fake = await StripeFake.start({ retryDelayMs: 5 });
    stripe = new Stripe(fake.apiKey, fake.sdkConfig);
    receiver = new WebhookReceiver(stripe, fake.webhookSecret);
    fake.webhookUrl = await receiver.start();
  });
  afterAll(async () => {
    await fake?.stop();
    await receiver?.stop();
  });

  async function paidIntent(amount = 4500): Promise<Stripe.PaymentIntent> {
    const intent = await stripe.paymentIntents.create({ amount, currency: 'eur', automatic_payment_methods: { enabled: true } });
    return stripe.paymentIntents.confirm(intent.id, { payment_method: TEST_PAYMENT_METHODS.succeeds });
  }

  it('creates a PaymentIntent once per idempotency key and refuses the key with other parameters', async () => {
    const params = { amount: 4500, currency: 'eur', metadata: { consultation_id: 'c-1' }, automatic_payment_methods: { enabled: true } };
    const first = await stripe.paymentIntents.create(params, { idempotencyKey: 'consultation-c-1' });
    const second = await stripe.paymentIntents.create(params, { idempotencyKey: 'consultation-c-1' });

    expect(first).toMatchObject({ object: 'payment_intent', amount: 4500, currency: 'eur', status: 'requires_payment_method', metadata: { consultation_id: 'c-1' } });
    expect(first.id).toMatch(/^pi_\w{24}$/);
    expect(first.client_secret).toMatch(new RegExp(`^${first.id}_secret_`));
    expect(first.automatic_payment_methods).toEqual({ allow_redirects: 'always', enabled: true });
    expect(second.id).toBe(first.id);
    expect(second.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.resources.paymentIntents.size).toBe(1);

    await expect(stripe.paymentIntents.create({ ...params, amount: 100 }, { idempotencyKey: 'consultation-c-1' })).rejects.toBeInstanceOf(
      Stripe.errors.StripeIdempotencyError,
    );
    const other = await stripe.paymentIntents.create(params, { idempotencyKey: 'consultation-c-2' });
    expect(other.id).not.toBe(first.id);
    expect((await stripe.paymentIntents.retrieve(first.id)).metadata).toEqual({ consultation_id: 'c-1' });
  });

  it('confirms to succeeded and delivers a signed payment_intent.succeeded that constructEvent verifies', async () => {
    const intent = await paidIntent(4500);
    expect(intent).toMatchObject({ status: 'succeeded', amount_received: 4500 });
    expect(intent.latest_charge).toMatch(/^ch_/);
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'succeeded', latest_charge: intent.latest_charge });

    await fake.idle();
    const [event] = receiver.ofType('payment_intent.succeeded').filter((e) => (e.data.object as Stripe.PaymentIntent).id === intent.id);
    expect(event.id).toMatch(/^evt_/);
    expect(event.data.object).toMatchObject({ id: intent.id, status: 'succeeded', amount_received: 4500 });

    const delivered = receiver.raw.find((r) => r.body.includes(event.id))!;
    expect(() => stripe.webhooks.constructEvent(delivered.body.replace('"amount_received": 4500', '"amount_received": 1'), delivered.signature, fake.webhookSecret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => stripe.webhooks.constructEvent(delivered.body, delivered.signature, 'whsec_someone_else')).toThrow(Stripe.errors.StripeSignatureVerificationError);
  });

  it('declines the test card with a card error and a payment_intent.payment_failed event', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 3000, currency: 'eur' });
    await expect(stripe.paymentIntents.confirm(intent.id, { payment_method: TEST_PAYMENT_METHODS.declined })).rejects.toMatchObject({
      type: 'StripeCardError',
      code: 'card_declined',
    });
    expect(await stripe.paymentIntents.retrieve(intent.id)).toMatchObject({ status: 'requires_payment_method', last_payment_error: { code: 'card_declined' } });
    await fake.idle();
    expect(receiver.ofType('payment_intent.payment_failed').map((e) => (e.data.object as Stripe.PaymentIntent).id)).toContain(intent.id);
  });

  it('cancels an unpaid intent, not a paid one', async () => {
    const intent = await stripe.paymentIntents.create({ amount: 3000, currency: 'eur' });
    expect(await stripe.paymentIntents.cancel(intent.id)).toMatchObject({ status: 'canceled' });
    await expect(stripe.paymentIntents.cancel((await paidIntent()).id)).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await fake.idle();
    expect(receiver.ofType('payment_intent.canceled').map((e) => (e.data.object as Stripe.PaymentIntent).id)).toEqual([intent.id]);
  });

  it('refunds partially, then the rest, and refuses refunding more than is left', async () => {
    const intent = await paidIntent(5000);
    const partial = await stripe.refunds.create({ payment_intent: intent.id, amount: 2000 });
    expect(partial).toMatchObject({ object: 'refund', amount: 2000, status: 'succeeded', payment_intent: intent.id, charge: intent.latest_charge });
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 3001 })).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    const rest = await stripe.refunds.create({ payment_intent: intent.id });
    expect(rest.amount).toBe(3000);
    await expect(stripe.refunds.create({ payment_intent: intent.id, amount: 1 })).rejects.toMatchObject({ code: 'charge_already_refunded' });
    expect(await stripe.refunds.retrieve(partial.id)).toMatchObject({ id: partial.id, amount: 2000 });
    await expect(stripe.refunds.retrieve('re_missing')).rejects.toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing', statusCode: 404 });

    await fake.idle();
    const refunded = receiver.ofType('charge.refunded').map((e) => e.data.object as Stripe.Charge).filter((charge) => charge.payment_intent === intent.id);
    expect(refunded.map((charge) => [charge.amount_refunded, charge.refunded])).toEqual([
      [2000, false],
      [5000, true],
    ]);
  });

  it('answers a wrong API key with an authentication error and unknown routes with Stripe’s 404', async () => {
    const stranger = new Stripe('sk_test_not_the_right_key', fake.sdkConfig);
    await expect(stranger.paymentIntents.create({ amount: 100, currency: 'eur' })).rejects.toBeInstanceOf(Stripe.errors.StripeAuthenticationError);

    const response = await fetch(`http://127.0.0.1:${fake.port}/v1/customers`, { headers: { authorization: `Bearer ${fake.apiKey}` } });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { type: 'invalid_request_error', message: expect.stringContaining('Unrecognized request URL (GET: /v1/customers)') } });
  });

  it('redelivers an event with the same id, retries failed deliveries, and can deliver out of order', async () => {
    const intent = await paidIntent(1200);
    await fake.idle();
    const [original] = receiver.ofType('payment_intent.succeeded').filter((e) => (e.data.object as Stripe.PaymentIntent).id === intent.id);
    await fake.redeliver(original.id);
    expect(receiver.verified.filter((e) => e.id === original.id)).toHaveLength(2);

    receiver.failNext = 2;
    const retried = await fake.deliver('refund.updated', { id: 're_manual', object: 'refund', status: 'failed' });
    expect(fake.deliveries.filter((d) => d.eventId === retried.id).map((d) => d.status)).toEqual([500, 500, 200]);
    receiver.failNext = 3;
    const dropped = await fake.deliver('refund.updated', { id: 're_manual', object: 'refund', status: 'failed' });
    expect(fake.deliveries.filter((d) => d.eventId === dropped.id).map((d) => d.status)).toEqual([500, 500, 500]);

    const before = receiver.verified.length;
    const happened = await fake.deliverOutOfOrder([
      { type: 'payment_intent.succeeded', object: { ...intent } },
      { type: 'charge.refunded', object: { id: String(intent.latest_charge), object: 'charge', amount_refunded: 1200, refunded: true } },
    ]);
    const arrived = receiver.verified.slice(before);
    expect(arrived.map((e) => e.id)).toEqual([happened[1].id, happened[0].id]);
    expect(arrived[0].created).toBeGreaterThan(arrived[1].created);
  });
});
