import { ErrorCode } from '@vetmeet/contracts';
import Stripe from 'stripe';
import { DatabaseContext } from '../../apps/api/src/database/database-context';
import { PaymentEvents, type PaymentOutcome } from '../../apps/api/src/payments/payment-events';
import { PaymentsService } from '../../apps/api/src/payments/payments.service';
import { freePort } from '../support/free-port';
import { PayableBookings, type PayableBooking } from '../support/payable-bookings';
import { StripeFake, TEST_PAYMENT_METHODS } from '../support/stripe-fake';
import { startTestApp, type TestApp } from '../support/test-app';

const PUBLISHABLE_KEY = 'pk_test_vetmeet_payments_e2e';
const as = (userId: string) => ({ userId, clinicId: null });
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: { code?: string }) => error.code ?? String(error));

describe('payments through Stripe (the real SDK against the local Stripe fake, real signed webhooks)', () => {
  let fake: StripeFake;
  let testApp: TestApp;
  let stripe: Stripe;
  let bookings: PayableBookings;
  let payments: PaymentsService;
  let webhookUrl: string;
  const outcomes: PaymentOutcome[] = [];

  const outcomesOf = (bookingId: string) => outcomes.filter((outcome) => outcome.bookingId === bookingId).map(({ kind, ...rest }) => ({ kind, ...('code' in rest ? { code: rest.code } : {}), ...('status' in rest ? { status: rest.status } : {}) }));
  const paymentRow = async (bookingId: string) => (await bookings.db.query('SELECT * FROM payments WHERE booking_id = $1', [bookingId])).rows[0];
  const refundRows = async (bookingId: string) =>
    (await bookings.db.query('SELECT r.* FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE p.booking_id = $1 ORDER BY r.created_at', [bookingId])).rows;
  const eventRow = async (id: string) => (await bookings.db.query('SELECT * FROM payment_webhook_events WHERE id = $1', [id])).rows[0];
  const deliveriesOf = (eventId: string) => fake.deliveries.filter((delivery) => delivery.eventId === eventId).map((delivery) => delivery.status);
  const eventsAbout = (intentId: string, type: string) =>
    [...fake.deliveries.map((delivery) => fake.event(delivery.eventId)!)].filter(
      (event, index, all) => all.indexOf(event) === index && event.type === type && JSON.stringify(event.data).includes(intentId),
    );

  /** The most connections of the app seen at once idle inside a transaction for over 300 ms (waiting on something else), sampled for `ms`. */
  async function mostConnectionsInTransaction(ms: number): Promise<number> {
    let most = 0;
    for (const until = Date.now() + ms; Date.now() < until; ) {
      const { rows } = await bookings.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'vetmeet-api'
           AND state = 'idle in transaction' AND clock_timestamp() - state_change > interval '300 milliseconds'`,
      );
      most = Math.max(most, rows[0].n);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return most;
  }

  async function startPayment(amount = 4500): Promise<{ booking: PayableBooking; intentId: string }> {
    const booking = await bookings.book(amount);
    const started = await payments.start(as(booking.ownerId), booking);
    return { booking, intentId: started.clientSecret.split('_secret_')[0] };
  }

  /** What the browser does with Payment Element, here with Stripe's test payment methods. */
  async function payWithCard(intentId: string, method: string = TEST_PAYMENT_METHODS.succeeds): Promise<void> {
    await stripe.paymentIntents.confirm(intentId, { payment_method: method });
    await fake.idle();
  }

  beforeAll(async () => {
    const port = await freePort();
    webhookUrl = `http://127.0.0.1:${port}/api/payments/stripe/webhook`;
    fake = await StripeFake.start({ webhookUrl, retryDelayMs: 10 });
    stripe = new Stripe(fake.apiKey, fake.sdkConfig);
    testApp = await startTestApp(
      { STRIPE_SECRET_KEY: fake.apiKey, STRIPE_WEBHOOK_SECRET: fake.webhookSecret, STRIPE_PUBLISHABLE_KEY: PUBLISHABLE_KEY, STRIPE_API_URL: `http://127.0.0.1:${fake.port}` },
      { port },
    );
    bookings = await PayableBookings.create(testApp.database.url);
    await bookings.connect(fake);
    payments = testApp.app.get(PaymentsService);
    testApp.app.get(PaymentEvents).subscribe(async (outcome) => {
      outcomes.push(outcome);
    });
  });
  afterAll(async () => {
    await fake?.stop();
    await bookings?.close();
    await testApp?.close();
  });

  it('creates one PaymentIntent per booking, for the amount the server passes, and no more on a retry', async () => {
    const booking = await bookings.book(4500);
    const first = await payments.start(as(booking.ownerId), booking);
    const again = await payments.start(as(booking.ownerId), booking);

    expect(first).toMatchObject({ mode: 'stripe', publishableKey: PUBLISHABLE_KEY, amount: 4500, currency: 'EUR' });
    expect(again).toEqual(first);
    const intentId = first.clientSecret.split('_secret_')[0];
    expect(fake.resources.paymentIntents.get(intentId)).toMatchObject({ amount: 4500, currency: 'eur', metadata: { booking_id: booking.bookingId }, status: 'requires_payment_method' });
    expect([...fake.resources.paymentIntents.values()].filter((intent) => (intent.metadata as { booking_id?: string }).booking_id === booking.bookingId)).toHaveLength(1);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ id: first.paymentId, provider: 'stripe', provider_payment_id: intentId, amount: 4500, currency: 'EUR', status: 'requires_payment' });
    // Only the booking's owner starts its payment.
    expect(await codeOf(payments.start(as(bookings.strangerId), booking))).toBe(ErrorCode.Forbidden);
  });

  it('fulfils from a verified payment_intent.succeeded exactly once, even when Stripe delivers it again', async () => {
    const { booking, intentId } = await startPayment(4500);
    await payWithCard(intentId);
    const [event] = eventsAbout(intentId, 'payment_intent.succeeded');
    expect(deliveriesOf(event.id)).toEqual([200]);
    expect(outcomesOf(booking.bookingId)).toEqual([{ kind: 'payment_succeeded' }]);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'succeeded', amount_refunded: 0 });

    await fake.redeliver(event.id);
    expect(deliveriesOf(event.id)).toEqual([200, 200]);
    expect(outcomesOf(booking.bookingId)).toEqual([{ kind: 'payment_succeeded' }]);
    expect(await eventRow(event.id)).toMatchObject({ type: 'payment_intent.succeeded', deliveries: 1, outcome: 'payment_succeeded', processed_at: expect.any(Date) });
    // The owner's view of it.
    const view = await testApp.app.get(DatabaseContext).runAs(as(booking.ownerId), (manager) => payments.forBooking(manager, booking.bookingId));
    expect(view).toMatchObject({ status: 'succeeded', amount: 4500, currency: 'EUR', refunds: [] });
  });

  it('refuses forged, missing and stale signatures with 400, audits the denial, and changes nothing', async () => {
    const { booking, intentId } = await startPayment(3000);
    const forgedEvent = { id: 'evt_forged_0000000000000001', object: 'event', type: 'payment_intent.succeeded', created: Math.floor(Date.now() / 1000), data: { object: { id: intentId, object: 'payment_intent', status: 'succeeded', amount: 3000, currency: 'eur' } } };
    const payload = JSON.stringify(forgedEvent);
    const post = (headers: Record<string, string>) => fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
    const deniedBefore = Number((await bookings.db.query(`SELECT count(*) FROM audit_events WHERE action = 'payment.webhook' AND outcome = 'denied'`)).rows[0].count);

    const answers = [
      await post({ 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_not_the_endpoint_secret' }) }),
      await post({}),
      await post({ 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: fake.webhookSecret, timestamp: Math.floor(Date.now() / 1000) - 3600 }) }),
      await post({ 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: payload.replace('3000', '3001'), secret: fake.webhookSecret }) }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
    expect(await answers[0].json()).toMatchObject({ code: ErrorCode.WebhookSignatureInvalid });
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'requires_payment' });
    expect(await eventRow(forgedEvent.id)).toBeUndefined();
    expect(outcomesOf(booking.bookingId)).toEqual([]);
    const denied = await bookings.db.query(`SELECT entity_id FROM audit_events WHERE action = 'payment.webhook' AND outcome = 'denied' ORDER BY chain_seq`);
    expect(denied.rows.length - deniedBefore).toBe(4);
    expect(denied.rows.every((row) => row.entity_id === null)).toBe(true);

    // The same payload, rightly signed, is taken (and changes nothing: Stripe says the payment is still unpaid).
    const signed = await post({ 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: fake.webhookSecret }) });
    expect(signed.status).toBe(200);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'requires_payment' });
    expect(outcomesOf(booking.bookingId)).toEqual([]);
  });

  it('reports a declined card as payment_failed with its code, and a later card as paid', async () => {
    const { booking, intentId } = await startPayment(2500);
    await expect(stripe.paymentIntents.confirm(intentId, { payment_method: TEST_PAYMENT_METHODS.declined })).rejects.toMatchObject({ code: 'card_declined' });
    await fake.idle();
    expect(outcomesOf(booking.bookingId)).toEqual([{ kind: 'payment_failed', code: 'card_declined' }]);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'requires_payment', last_failure_code: 'card_declined' });

    await payWithCard(intentId);
    expect(outcomesOf(booking.bookingId)).toEqual([{ kind: 'payment_failed', code: 'card_declined' }, { kind: 'payment_succeeded' }]);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'succeeded' });
  });

  it('ends in the right state when events arrive out of order: a refund before the payment, a failure after the success', async () => {
    const refundedFirst = await startPayment(4000);
    fake.webhookUrl = undefined;
    await payWithCard(refundedFirst.intentId);
    await stripe.refunds.create({ payment_intent: refundedFirst.intentId });
    const intent = structuredClone(fake.resources.paymentIntents.get(refundedFirst.intentId)!);
    const charge = structuredClone(fake.resources.charges.get(String(intent.latest_charge))!);
    fake.webhookUrl = webhookUrl;
    const [succeeded, refunded] = await fake.deliverOutOfOrder([
      { type: 'payment_intent.succeeded', object: intent },
      { type: 'charge.refunded', object: charge },
    ]);
    expect([deliveriesOf(refunded.id), deliveriesOf(succeeded.id)]).toEqual([[200], [200]]);
    expect(await paymentRow(refundedFirst.booking.bookingId)).toMatchObject({ status: 'refunded', amount_refunded: 4000 });
    expect(outcomesOf(refundedFirst.booking.bookingId)).toEqual([{ kind: 'payment_succeeded' }]);

    const failedLate = await startPayment(4100);
    fake.webhookUrl = undefined;
    await stripe.paymentIntents.confirm(failedLate.intentId, { payment_method: TEST_PAYMENT_METHODS.declined }).catch(() => undefined);
    const declined = structuredClone(fake.resources.paymentIntents.get(failedLate.intentId)!);
    await payWithCard(failedLate.intentId);
    const paid = structuredClone(fake.resources.paymentIntents.get(failedLate.intentId)!);
    fake.webhookUrl = webhookUrl;
    await fake.deliverOutOfOrder([
      { type: 'payment_intent.payment_failed', object: declined },
      { type: 'payment_intent.succeeded', object: paid },
    ]);
    expect(await paymentRow(failedLate.booking.bookingId)).toMatchObject({ status: 'succeeded' });
    expect(outcomesOf(failedLate.booking.bookingId)).toEqual([{ kind: 'payment_succeeded' }]);
  });

  it('refunds in part and in full through the API, once per reason, each settled by its webhook', async () => {
    const { booking, intentId } = await startPayment(5000);
    expect(await payments.refund(null, booking.bookingId, 'declined')).toBeNull();
    await payWithCard(intentId);

    const partial = await payments.refund(as(booking.ownerId), booking.bookingId, 'cancelled_by_owner', { amount: 2000 });
    expect(partial).toMatchObject({ amount: 2000, currency: 'EUR', reason: 'cancelled_by_owner', status: 'pending' });
    await fake.idle();
    const [settledPartial] = await refundRows(booking.bookingId);
    expect(settledPartial).toMatchObject({ id: partial!.id, status: 'succeeded', amount: 2000, requested_by: booking.ownerId, settled_event_id: expect.stringMatching(/^evt_/) });
    expect(await eventRow(settledPartial.settled_event_id)).toMatchObject({ type: 'charge.refunded', outcome: 'refund_settled', processed_at: expect.any(Date) });
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'partially_refunded', amount_refunded: 2000 });

    // Asked again for the same reason: the first refund, no second one at Stripe.
    const refundsAtStripe = fake.resources.refunds.size;
    expect(await payments.refund(null, booking.bookingId, 'cancelled_by_owner', { amount: 2000 })).toMatchObject({ id: partial!.id, status: 'succeeded' });
    expect(fake.resources.refunds.size).toBe(refundsAtStripe);

    // Someone who cannot see the payment gets nothing; its consultant refunds the rest.
    expect(await payments.refund(as(bookings.strangerId), booking.bookingId, 'cancelled_by_consultant')).toBeNull();
    const rest = await payments.refund(as(booking.consultantId), booking.bookingId, 'cancelled_by_consultant');
    expect(rest).toMatchObject({ amount: 3000, status: 'pending' });
    await fake.idle();
    expect((await refundRows(booking.bookingId)).map((refund) => [refund.reason, refund.amount, refund.status, refund.requested_by])).toEqual([
      ['cancelled_by_owner', 2000, 'succeeded', booking.ownerId],
      ['cancelled_by_consultant', 3000, 'succeeded', booking.consultantId],
    ]);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'refunded', amount_refunded: 5000 });
    expect(outcomesOf(booking.bookingId)).toEqual([
      { kind: 'payment_succeeded' },
      { kind: 'refund_settled', status: 'succeeded' },
      { kind: 'refund_settled', status: 'succeeded' },
    ]);
    // Nothing left.
    expect(await payments.refund(null, booking.bookingId, 'slot_lost')).toBeNull();
    // Each "your refund is on its way" e-mail says what its refund gave back, not the price.
    const notices = await bookings.db.query(
      `SELECT refund_amount FROM booking_notifications WHERE booking_id = $1 AND kind = 'refund_issued' ORDER BY created_at`,
      [booking.bookingId],
    );
    expect(notices.rows).toEqual([{ refund_amount: 2000 }, { refund_amount: 3000 }]);
  });

  it('cancels the PaymentIntent of an unpaid hold, and leaves a paid one alone', async () => {
    const unpaid = await startPayment(1500);
    await payments.cancelUnpaid(unpaid.booking.bookingId);
    await fake.idle();
    expect(fake.resources.paymentIntents.get(unpaid.intentId)).toMatchObject({ status: 'canceled' });
    expect(await paymentRow(unpaid.booking.bookingId)).toMatchObject({ status: 'canceled' });
    await payments.cancelUnpaid(unpaid.booking.bookingId);

    const paid = await startPayment(1600);
    await payWithCard(paid.intentId);
    await payments.cancelUnpaid(paid.booking.bookingId);
    expect(fake.resources.paymentIntents.get(paid.intentId)).toMatchObject({ status: 'succeeded' });
    expect(await paymentRow(paid.booking.bookingId)).toMatchObject({ status: 'succeeded' });
    // Nobody's payment: nothing to do.
    await payments.cancelUnpaid('00000000-0000-4000-8000-000000000000');
  });

  it('answers 500 when a listener fails, so Stripe delivers again, and the retry announces the outcome and finishes', async () => {
    const { booking, intentId } = await startPayment(3300);
    const heard: string[] = [];
    const unsubscribe = testApp.app.get(PaymentEvents).subscribe(async (outcome) => {
      if (outcome.bookingId !== booking.bookingId) return;
      heard.push(outcome.kind);
      if (heard.length === 1) throw new Error('the listener is down');
    });
    try {
      await payWithCard(intentId);
    } finally {
      unsubscribe();
    }
    const [event] = eventsAbout(intentId, 'payment_intent.succeeded');
    expect(deliveriesOf(event.id)).toEqual([500, 200]);
    expect(heard).toEqual(['payment_succeeded', 'payment_succeeded']);
    expect(await eventRow(event.id)).toMatchObject({ deliveries: 2, outcome: 'payment_succeeded', processed_at: expect.any(Date) });
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'succeeded' });

    await fake.redeliver(event.id);
    expect(heard).toHaveLength(2);
  });

  it('acknowledges events it does not handle, and those about payments that are not ours', async () => {
    const other = await fake.deliver('refund.updated', { id: 're_someone_elses', object: 'refund', status: 'succeeded', payment_intent: 'pi_not_ours' });
    expect(deliveriesOf(other.id)).toEqual([200]);
    expect(await eventRow(other.id)).toMatchObject({ outcome: 'unknown_payment', processed_at: expect.any(Date) });

    const payload = JSON.stringify({ id: 'evt_customer_created_0001', object: 'event', type: 'customer.created', created: Math.floor(Date.now() / 1000), data: { object: { id: 'cus_1', object: 'customer' } } });
    const post = () =>
      fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: fake.webhookSecret }) }, body: payload });
    const answers = [await post(), await post()];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(await Promise.all(answers.map((answer) => answer.json()))).toEqual([
      { received: true, outcome: 'ignored' },
      { received: true, outcome: 'duplicate' },
    ]);
    expect(await eventRow('evt_customer_created_0001')).toMatchObject({ type: 'customer.created', outcome: 'ignored', processed_at: expect.any(Date) });
  });

  it('keeps payment records: the app may not delete them, and nobody may before seven years have passed', async () => {
    const { booking } = await startPayment(1200);
    const row = await paymentRow(booking.bookingId);
    const years = (row.retain_until.getTime() - row.created_at.getTime()) / (365.25 * 24 * 3_600_000);
    expect(years).toBeCloseTo(7, 1);
    await expect(bookings.db.query('DELETE FROM payments WHERE id = $1', [row.id])).rejects.toThrow(/kept until/);
    const grants = await bookings.db.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'vetmeet_app' AND table_name IN ('payments', 'refunds', 'payment_webhook_events') AND privilege_type = 'DELETE'`,
    );
    expect(grants.rows).toEqual([]);
  });

  // A refund keeps its transaction open across the Stripe call. With Stripe slow, refunds at once
  // must not hold every pooled connection (10 here): at most a quarter of them, the rest queue.
  it('holds at most a quarter of the database pool across slow Stripe refunds; the others wait their turn and all go through', async () => {
    const paid = [];
    for (let index = 0; index < 4; index += 1) {
      const { booking, intentId } = await startPayment(3000);
      await payWithCard(intentId);
      paid.push(booking);
    }
    fake.slowDown('POST /v1/refunds', 1_500);
    try {
      const refunds = Promise.all(paid.map((booking) => payments.refund(as(booking.consultantId), booking.bookingId, 'cancelled_by_consultant')));
      const busiest = await mostConnectionsInTransaction(3_000);
      expect((await refunds).map((refund) => refund?.status)).toEqual(['pending', 'pending', 'pending', 'pending']);
      expect(busiest).toBe(2);
    } finally {
      fake.slowDown('POST /v1/refunds', null);
    }
    await fake.idle();
    for (const booking of paid) expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'refunded', amount_refunded: 3000 });
  });

  it('keeps no card data: no card number in any payment table', async () => {
    const dump = await bookings.db.query(`SELECT row_to_json(p)::text AS row FROM payments p UNION ALL SELECT row_to_json(r)::text FROM refunds r UNION ALL SELECT row_to_json(e)::text FROM payment_webhook_events e`);
    expect(dump.rows.length).toBeGreaterThan(10);
    // Every key at any depth (event outcomes are JSON), and every value: provider ids are random letters and may spell "cvc", so names are checked as names.
    const keysOf = (value: unknown): string[] =>
      value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]) : [];
    for (const { row } of dump.rows) {
      expect(row).not.toMatch(/(?<![\w-])(?:\d[ -]?){13,19}(?![\w-])/);
      expect(keysOf(JSON.parse(row)).filter((key) => /card|cvc|exp_(month|year)|^number$/i.test(key))).toEqual([]);
    }
  });

  it('refuses test confirmations: with Stripe the browser confirms the card', async () => {
    const { booking } = await startPayment(1000);
    expect(await codeOf(payments.confirmTestPayment(as(booking.ownerId), booking.bookingId, 'succeeded'))).toBe(ErrorCode.PaymentMode);
  });
});

describe('payments in the local test payment mode (no Stripe key)', () => {
  let testApp: TestApp;
  let bookings: PayableBookings;
  let payments: PaymentsService;
  const outcomes: PaymentOutcome[] = [];
  const kinds = (bookingId: string) => outcomes.filter((outcome) => outcome.bookingId === bookingId).map((outcome) => outcome.kind);
  const paymentRow = async (bookingId: string) => (await bookings.db.query('SELECT * FROM payments WHERE booking_id = $1', [bookingId])).rows[0];

  beforeAll(async () => {
    testApp = await startTestApp();
    bookings = await PayableBookings.create(testApp.database.url);
    payments = testApp.app.get(PaymentsService);
    testApp.app.get(PaymentEvents).subscribe(async (outcome) => {
      outcomes.push(outcome);
    });
  });
  afterAll(async () => {
    await bookings?.close();
    await testApp?.close();
  });

  it('starts a local test payment and confirms it through the same event processing as a webhook', async () => {
    expect(payments.mode).toBe('local_test');
    const booking = await bookings.book(4500);
    const started = await payments.start(as(booking.ownerId), booking);
    expect(started).toMatchObject({ mode: 'local_test', publishableKey: null, amount: 4500, currency: 'EUR', clientSecret: expect.stringMatching(/^pi_local_\w+_secret_/) });
    expect(await codeOf(payments.confirmTestPayment(as(bookings.strangerId), booking.bookingId, 'succeeded'))).toBe(ErrorCode.NotFound);

    await payments.confirmTestPayment(as(booking.ownerId), booking.bookingId, 'succeeded');
    expect(kinds(booking.bookingId)).toEqual(['payment_succeeded']);
    const row = await paymentRow(booking.bookingId);
    expect(row).toMatchObject({ provider: 'local_test', status: 'succeeded', provider_payment_id: expect.stringMatching(/^pi_local_/) });
    expect((await bookings.db.query('SELECT outcome FROM payment_webhook_events WHERE payment_id = $1', [row.id])).rows).toEqual([{ outcome: 'payment_succeeded' }]);
    expect(await codeOf(payments.confirmTestPayment(as(booking.ownerId), booking.bookingId, 'succeeded'))).toBe(ErrorCode.PaymentState);

    const refund = await payments.refund(null, booking.bookingId, 'declined');
    expect(refund).toMatchObject({ amount: 4500, status: 'succeeded', settledAt: expect.any(String) });
    expect(kinds(booking.bookingId)).toEqual(['payment_succeeded', 'refund_settled']);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'refunded', amount_refunded: 4500 });
  });

  it('declines a test card as payment_failed, and cancels an unpaid one', async () => {
    const booking = await bookings.book(3000);
    await payments.start(as(booking.ownerId), booking);
    await payments.confirmTestPayment(as(booking.ownerId), booking.bookingId, 'declined');
    expect(outcomes.filter((outcome) => outcome.bookingId === booking.bookingId)).toEqual([
      { kind: 'payment_failed', bookingId: booking.bookingId, paymentId: expect.any(String), ownerId: booking.ownerId, code: 'card_declined' },
    ]);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'requires_payment', last_failure_code: 'card_declined' });

    await payments.cancelUnpaid(booking.bookingId);
    expect(await paymentRow(booking.bookingId)).toMatchObject({ status: 'canceled' });
  });

  it('takes no Stripe webhooks', async () => {
    const answer = await fetch(`${testApp.baseUrl}/api/payments/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: '{}' });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ code: ErrorCode.PaymentMode });
  });
});
