import { Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import Stripe from 'stripe';
import { PaymentsService } from '../../apps/api/src/payments/payments.service';
import { freePort } from '../support/free-port';
import { PayableBookings } from '../support/payable-bookings';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';
import { startTestApp, type TestApp } from '../support/test-app';

const as = (userId: string) => ({ userId, clinicId: null });
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Resolves early in a whole second, so a timestamp taken now is still this second's when the server reads it. */
async function earlyInASecond(): Promise<void> {
  const into = Date.now() % 1000;
  if (into > 200) await new Promise((resolve) => setTimeout(resolve, 1005 - into));
}

/** Webhook deliveries that are signed but must not be processed as they are: Stripe's signature dated too far off, or an event we can never use. */
describe('Stripe webhooks: what is refused and how', () => {
  let fake: StripeFake;
  let testApp: TestApp;
  let bookings: PayableBookings;
  let webhookUrl: string;

  const post = (payload: string, signature: string | null) =>
    fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...(signature && { 'stripe-signature': signature }) }, body: payload });
  const signed = (payload: string, timestamp = nowSeconds()) => post(payload, Stripe.webhooks.generateTestHeaderString({ payload, secret: fake.webhookSecret, timestamp }));
  const webhookAudits = async (outcome: string) =>
    (await bookings.db.query(`SELECT entity_id FROM audit_events WHERE action = 'payment.webhook' AND outcome = $1 ORDER BY chain_seq`, [outcome])).rows;
  const eventRow = async (id: string) => (await bookings.db.query('SELECT * FROM payment_webhook_events WHERE id = $1', [id])).rows[0];
  const paymentStatus = async (bookingId: string) => (await bookings.db.query('SELECT status FROM payments WHERE booking_id = $1', [bookingId])).rows[0].status;

  /** A payment_intent.succeeded for a PaymentIntent Stripe did take the card for: processing it would fulfil the booking. */
  async function paidIntentEvent(): Promise<{ bookingId: string; payload: string }> {
    const booking = await bookings.book(3000);
    const started = await testApp.app.get(PaymentsService).start(as(booking.ownerId), booking);
    const intentId = started.clientSecret.split('_secret_')[0];
    fake.webhookUrl = undefined;
    await new Stripe(fake.apiKey, fake.sdkConfig).paymentIntents.confirm(intentId, { payment_method: TEST_PAYMENT_METHODS.succeeds });
    fake.webhookUrl = webhookUrl;
    const intent = fake.resources.paymentIntents.get(intentId)!;
    const event = { id: `evt_ahead_${intentId.slice(3)}`, object: 'event', type: 'payment_intent.succeeded', created: nowSeconds(), data: { object: intent } };
    return { bookingId: booking.bookingId, payload: JSON.stringify(event) };
  }

  beforeAll(async () => {
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/api/payments/stripe/webhook`;
    fake = await StripeFake.start({ webhookUrl, retryDelayMs: 10 });
    testApp = await startTestApp({ STRIPE_SECRET_KEY: fake.apiKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_API_URL: `http://127.0.0.1:${fake.port}` }, { port });
    bookings = await PayableBookings.create(testApp.database.url);
    await bookings.connect(fake);
  });
  afterAll(async () => {
    await fake?.stop();
    await bookings?.close();
    await testApp?.close();
  });

  it('refuses a signature dated more than the 300 s tolerance ahead of our clock, as one dated that far back: 400, audited, nothing changed', async () => {
    const { bookingId, payload } = await paidIntentEvent();
    const deniedBefore = (await webhookAudits('denied')).length;

    await earlyInASecond();
    const answers = [await signed(payload, nowSeconds() + 3600), await signed(payload, nowSeconds() + 301), await signed(payload, nowSeconds() - 301)];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400]);
    for (const answer of answers) expect(await answer.json()).toMatchObject({ code: ErrorCode.WebhookSignatureInvalid });
    expect(await paymentStatus(bookingId)).toBe('requires_payment');
    expect(await eventRow(JSON.parse(payload).id)).toBeUndefined();
    const denied = await webhookAudits('denied');
    expect(denied.slice(deniedBefore)).toEqual([{ entity_id: null }, { entity_id: null }, { entity_id: null }]);

    // Clocks differ a little: a minute ahead is inside the tolerance, and the event is processed.
    const ahead = await signed(payload, nowSeconds() + 60);
    expect(ahead.status).toBe(200);
    expect(await ahead.json()).toEqual({ received: true, outcome: 'payment_succeeded' });
    expect(await paymentStatus(bookingId)).toBe('succeeded');
  });

  describe('a signed event we can never process', () => {
    const logged: { level: string; args: unknown[] }[] = [];
    beforeEach(() => {
      logged.length = 0;
      for (const level of ['error', 'warn'] as const) {
        jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => void logged.push({ level, args }));
      }
    });
    afterEach(() => jest.restoreAllMocks());

    const event = (id: string, fields: Record<string, unknown>) =>
      JSON.stringify({ id, object: 'event', type: 'payment_intent.succeeded', created: nowSeconds(), ...fields });

    // Stripe retries anything but a 2xx for days, yet a signed payload is the same on every attempt:
    // such an event is acknowledged, recorded as rejected, audited, and logged once without a stack.
    it.each([
      ['no data', event('evt_malformed_no_data_0001', {})],
      ['data without an object', event('evt_malformed_no_object_0001', { data: {} })],
      ['a null object', event('evt_malformed_null_object_0001', { data: { object: null } })],
      ['an object of the wrong type', event('evt_malformed_wrong_type_0001', { data: { object: { id: 'ch_1', object: 'charge', payment_intent: 'pi_x' } } })],
      ['a list for an object', event('evt_malformed_list_0001', { data: { object: [{ id: 'pi_1', object: 'payment_intent' }] } })],
    ])('answers 200 to one with %s, records and audits it as rejected, and calls a repeat a duplicate', async (_shape, payload) => {
      const { id } = JSON.parse(payload) as { id: string };
      const first = await signed(payload);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: true, outcome: 'rejected_malformed' });
      expect(await eventRow(id)).toMatchObject({ outcome: 'rejected_malformed', processed_at: expect.any(Date), payment_id: null });
      expect(await webhookAudits('denied')).toContainEqual({ entity_id: id });

      const again = await signed(payload);
      expect(await again.json()).toEqual({ received: true, outcome: 'duplicate' });
      expect(logged.map((line) => line.level)).toEqual(['warn', 'warn']);
      expect(JSON.stringify(logged)).not.toMatch(/stack|TypeError/);
    });

    it('answers 200 to a payload that is no event at all, recording nothing it could be mistaken for', async () => {
      for (const payload of ['[]', JSON.stringify({ object: 'event', type: 'payment_intent.succeeded', data: { object: { object: 'payment_intent', id: 'pi_1' } } })]) {
        const answer = await signed(payload);
        expect(answer.status).toBe(200);
        expect(await answer.json()).toEqual({ received: true, outcome: 'rejected_malformed' });
      }
      expect(logged.map((line) => line.level)).toEqual(['warn', 'warn']);
    });
  });
});
