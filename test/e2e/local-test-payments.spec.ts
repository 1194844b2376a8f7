import { randomUUID } from 'node:crypto';
import { DatabaseContext } from '../../apps/api/src/database/database-context';
import { PaymentsService } from '../../apps/api/src/payments/payments.service';
import { PayableBookings } from '../support/payable-bookings';
import { startTestApp, type TestApp } from '../support/test-app';

const as = (userId: string) => ({ userId, clinicId: null });

/** The local test payment mode's state in the database: each owner's own, changed only as a payment would change. */
describe('local test payments in the database', () => {
  let testApp: TestApp;
  let bookings: PayableBookings;
  let payments: PaymentsService;
  let db: DatabaseContext;

  /** SQL as the runtime role, acting for `userId` (what row-level security reads). */
  const sqlAs = (userId: string, sql: string, parameters: unknown[] = []) =>
    db.runAs(as(userId), (manager) => manager.query(sql, parameters));
  const intentOf = async (bookingId: string) => {
    const sql = 'SELECT id, status, amount_refunded FROM local_test_payment_intents WHERE booking_id = $1';
    return (await bookings.db.query(sql, [bookingId])).rows[0];
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    bookings = await PayableBookings.create(testApp.database.url);
    payments = testApp.app.get(PaymentsService);
    db = testApp.app.get(DatabaseContext);
  });
  afterAll(async () => {
    await bookings?.close();
    await testApp?.close();
  });

  it('lets the runtime role see and change only the acting owner’s test payments, not forge one or its refunds', async () => {
    const booking = await bookings.book(4500);
    await payments.start(as(booking.ownerId), booking);
    const unpaid = await intentOf(booking.bookingId);
    const insert = `INSERT INTO local_test_payment_intents (id, idempotency_key, owner_id, booking_id, client_secret, amount, currency)
      VALUES ($1, $2, $3, $4, $5, $6, $7)`;
    const forged = (ownerId: string, amount: number) => [`pi_local_${randomUUID()}`, randomUUID(), ownerId, booking.bookingId, 's', amount, 'EUR'];
    const update = (set: string) => `UPDATE local_test_payment_intents SET ${set} WHERE id = $1`;
    const refundSql = 'INSERT INTO local_test_refunds (id, idempotency_key, intent_id, amount) VALUES ($1, $2, $3, 4500)';

    expect(await sqlAs(bookings.strangerId, 'SELECT id FROM local_test_payment_intents')).toEqual([]);
    await expect(sqlAs(bookings.strangerId, insert, forged(booking.ownerId, 4500))).rejects.toThrow(/row-level security/);
    await expect(sqlAs(bookings.strangerId, insert, forged(bookings.strangerId, 4500))).rejects.toThrow(/row-level security/);
    await expect(sqlAs(booking.ownerId, insert, forged(booking.ownerId, 50))).rejects.toThrow(/row-level security/);
    const [, touched] = await sqlAs(bookings.strangerId, update(`status = 'succeeded'`), [unpaid.id]);
    expect(touched).toBe(0);
    await expect(sqlAs(booking.ownerId, refundSql, ['re_local_x', randomUUID(), unpaid.id])).rejects.toThrow(/only a succeeded local test payment/);

    await payments.confirmTestPayment(as(booking.ownerId), booking.bookingId, 'succeeded');
    await expect(sqlAs(booking.ownerId, update('amount_refunded = 0'), [unpaid.id])).rejects.toThrow(/permission denied/);
    await expect(sqlAs(booking.ownerId, update(`status = 'requires_payment_method'`), [unpaid.id])).rejects.toThrow(/stays so/);
    const remove = 'DELETE FROM local_test_payment_intents WHERE id = $1';
    await expect(sqlAs(booking.ownerId, remove, [unpaid.id])).rejects.toThrow(/permission denied/);
    expect(await intentOf(booking.bookingId)).toMatchObject({ status: 'succeeded', amount_refunded: 0 });
  });

  it('refunds in part for real, and the owner’s e-mail says what this refund gave back, not the price', async () => {
    const booking = await bookings.book(5000);
    await payments.start(as(booking.ownerId), booking);
    await payments.confirmTestPayment(as(booking.ownerId), booking.bookingId, 'succeeded');

    const refund = await payments.refund(as(booking.consultantId), booking.bookingId, 'cancelled_by_consultant', {
      amount: 1500,
    });
    expect(refund).toMatchObject({ amount: 1500, status: 'succeeded' });
    expect(await intentOf(booking.bookingId)).toMatchObject({ amount_refunded: 1500 });
    const notices = await bookings.db.query(
      `SELECT refund_amount FROM booking_notifications WHERE booking_id = $1 AND kind = 'refund_issued'`,
      [booking.bookingId],
    );
    expect(notices.rows).toEqual([{ refund_amount: 1500 }]);
  });
});
