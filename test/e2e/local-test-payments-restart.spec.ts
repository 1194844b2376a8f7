import type { BookingView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { book, createBookablePeople, firstSlot, type BookablePeople } from '../support/bookings';
import { freePort } from '../support/free-port';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY_MINUTES = 24 * 60;

/**
 * `npm start` without a Stripe key runs the local test payment mode. Its PaymentIntents and
 * refunds are kept in the database like the rest, so a restart (here: a second app on the same
 * database and port, where the first app's signed-in people still are) loses neither.
 */
describe('the local test payment mode across a restart', () => {
  let port: number;
  let first: TestApp;
  let second: TestApp | undefined;
  let people: BookablePeople;
  let db: Client;

  const asOwner = (bookingId: string, action: string, body: object) =>
    people.owner.agent.post(`/api/bookings/${bookingId}/${action}`).set(people.owner.csrf).send(body);
  const testPayment = (bookingId: string) => asOwner(bookingId, 'test-payment', { outcome: 'succeeded' });
  const cancel = (bookingId: string) => asOwner(bookingId, 'cancel', {});
  const slotInDays = async (days: number) => (await firstSlot(people, { fromMinutes: days * DAY_MINUTES })).startsAt;

  beforeAll(async () => {
    port = await freePort();
    first = await startTestApp({}, { port });
    people = await createBookablePeople(first);
    db = new Client({ connectionString: first.database.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await (second ?? first)?.close();
  });

  it('refunds a payment made before the restart for real, saying what was refunded, and confirms one started before it', async () => {
    const paid = await book(people, await slotInDays(2));
    await testPayment(paid.booking.id).expect(200);
    const unpaid = await book(people, await slotInDays(3));
    expect(unpaid.booking.status).toBe('held');

    await first.close({ keepDatabase: true });
    second = await startTestApp({}, { port, database: first.database });

    // Paid before the restart, cancelled in time after it: refunded in full, and the answer says what the refund was.
    const cancelled = (await cancel(paid.booking.id).expect(200)).body as BookingView;
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { by: 'owner', refundAmount: 4500 } });
    expect(cancelled.payment).toMatchObject({
      status: 'refunded',
      amount: 4500,
      amountRefunded: 4500,
      refunds: [{ amount: 4500, status: 'succeeded', reason: 'cancelled_by_owner' }],
    });

    // The refund exists at the (local) provider, for that amount, and is the one the payment records.
    const { rows: atProvider } = await db.query(
      `SELECT r.id, r.amount, i.amount_refunded FROM local_test_refunds r
         JOIN local_test_payment_intents i ON i.id = r.intent_id WHERE i.booking_id = $1`,
      [paid.booking.id],
    );
    expect(atProvider).toEqual([{ id: expect.stringMatching(/^re_local_/), amount: 4500, amount_refunded: 4500 }]);
    const { rows: recorded } = await db.query(
      `SELECT r.provider_refund_id, r.amount, r.status FROM refunds r
         JOIN payments p ON p.id = r.payment_id WHERE p.booking_id = $1`,
      [paid.booking.id],
    );
    expect(recorded).toEqual([{ provider_refund_id: atProvider[0].id, amount: 4500, status: 'succeeded' }]);

    // The owner's "refund is on its way" e-mail tells that refund's amount.
    const { rows: notices } = await db.query(
      `SELECT refund_amount, refund_currency FROM booking_notifications WHERE booking_id = $1 AND kind = 'refund_issued'`,
      [paid.booking.id],
    );
    expect(notices).toEqual([{ refund_amount: 4500, refund_currency: 'EUR' }]);

    // Started before the restart, still confirmable after it.
    const confirmed = (await testPayment(unpaid.booking.id).expect(200)).body as BookingView;
    expect(confirmed).toMatchObject({ status: 'pending_acceptance', payment: { status: 'succeeded', amount: 4500 } });
  });
});
