import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, NOBODY, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { PayableBookings, type PayableBooking } from '../support/payable-bookings';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** Row-level security and grants of payments, refunds and provider events, as the runtime role sees them. */
describe('payments: who sees and changes them, in the database', () => {
  let database: TestDatabase;
  let fixture: PayableBookings;
  let runtime: DataSource;
  let db: DatabaseContext;
  let booking: PayableBooking;
  let paymentId: string;
  const admin = randomUUID();
  const otherConsultant = randomUUID();

  const as = (userId: string, clinicId: string | null = null): ActingScope => ({ userId, clinicId });
  const visible = (scope: ActingScope) =>
    db.run(scope, async (manager) => ({
      payments: (await manager.query<{ id: string }[]>('SELECT id FROM payments')).length,
      refunds: (await manager.query<{ id: string }[]>('SELECT id FROM refunds')).length,
    }));
  const failure = (promise: Promise<unknown>) => promise.then(() => 'done', (error: Error) => error.message);

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
    fixture = await PayableBookings.create(database.url);
    for (const [id, role] of [[admin, 'clinic_admin'], [otherConsultant, 'consultant']]) {
      await fixture.db.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, now(), 'x', 'person', 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
        [id, `${role}-${id}@example.test`],
      );
      await fixture.db.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [randomUUID(), fixture.clinicId, id, role]);
    }
    runtime = new DataSource(appDataSourceOptions(appUrl));
    await runtime.initialize();
    db = new DatabaseContext(runtime);

    booking = await fixture.book(5000);
    paymentId = randomUUID();
    await db.run(as(booking.ownerId), (manager) =>
      manager.query(`INSERT INTO payments (id, booking_id, clinic_id, owner_id, provider, provider_payment_id, amount, currency) VALUES ($1, $2, $3, $4, 'stripe', 'pi_rls_1', 5000, 'EUR')`, [
        paymentId,
        booking.bookingId,
        booking.clinicId,
        booking.ownerId,
      ]),
    );
    await db.run(as(booking.ownerId), (manager) =>
      manager.query(`INSERT INTO refunds (id, payment_id, provider_refund_id, amount, reason) VALUES ($1, $2, 're_rls_1', 1000, 'cancelled_by_owner')`, [randomUUID(), paymentId]),
    );
  });
  afterAll(async () => {
    await runtime?.destroy();
    await fixture?.close();
    await database?.drop();
  });

  it('shows a payment and its refunds to the owner, the consultant once it is a request to them, and the clinic admins acting in the clinic, and to nobody else', async () => {
    expect(await visible(as(booking.ownerId))).toEqual({ payments: 1, refunds: 1 });
    // While the owner holds the slot, the consultant has no part in the booking.
    expect(await visible(as(booking.consultantId))).toEqual({ payments: 0, refunds: 0 });
    await fixture.db.query(`UPDATE bookings SET status = 'pending_acceptance', hold_expires_at = NULL WHERE id = $1`, [booking.bookingId]);
    expect(await visible(as(booking.consultantId))).toEqual({ payments: 1, refunds: 1 });
    expect(await visible(as(admin, booking.clinicId))).toEqual({ payments: 1, refunds: 1 });
    expect(await visible(as(admin))).toEqual({ payments: 0, refunds: 0 });
    expect(await visible(as(otherConsultant, booking.clinicId))).toEqual({ payments: 0, refunds: 0 });
    expect(await visible(as(fixture.strangerId))).toEqual({ payments: 0, refunds: 0 });
    expect(await visible(NOBODY)).toEqual({ payments: 0, refunds: 0 });
  });

  it('lets only the owner start a payment, unpaid, for their own booking', async () => {
    const other = await fixture.book(3000);
    const insert = (scope: ActingScope, ownerId: string, status = 'requires_payment') =>
      db.run(scope, (manager) =>
        manager.query(`INSERT INTO payments (id, booking_id, clinic_id, owner_id, provider, provider_payment_id, amount, currency) VALUES ($1, $2, $3, $4, 'stripe', $5, 3000, 'EUR')`, [
          randomUUID(),
          other.bookingId,
          other.clinicId,
          ownerId,
          `pi_${status}_${randomUUID()}`,
        ]),
      );
    expect(await failure(insert(as(fixture.strangerId), fixture.strangerId))).toMatch(/row-level security/);
    expect(await failure(insert(as(fixture.strangerId), other.ownerId))).toMatch(/row-level security/);
    expect(await failure(insert(as(other.consultantId), other.ownerId))).toMatch(/row-level security/);
    expect(await failure(db.run(as(other.ownerId), (manager) =>
      manager.query(`INSERT INTO payments (id, booking_id, clinic_id, owner_id, provider, provider_payment_id, amount, currency, status) VALUES ($1, $2, $3, $4, 'stripe', 'pi_paid', 3000, 'EUR', 'succeeded')`, [randomUUID(), other.bookingId, other.clinicId, other.ownerId]),
    ))).toMatch(/permission denied/);
    expect(await failure(insert(as(other.ownerId), other.ownerId))).toBe('done');
  });

  it('lets the app change only status and amounts, never retain_until, and delete nothing', async () => {
    const owner = as(booking.ownerId);
    expect(await failure(db.run(owner, (manager) => manager.query(`UPDATE payments SET status = 'succeeded' WHERE id = $1`, [paymentId])))).toBe('done');
    expect(await failure(db.run(owner, (manager) => manager.query(`UPDATE payments SET retain_until = now() WHERE id = $1`, [paymentId])))).toMatch(/permission denied/);
    expect(await failure(db.run(owner, (manager) => manager.query(`UPDATE payments SET amount = 1 WHERE id = $1`, [paymentId])))).toMatch(/permission denied/);
    expect(await failure(db.run(owner, (manager) => manager.query('DELETE FROM payments WHERE id = $1', [paymentId])))).toMatch(/permission denied/);
    expect(await failure(db.run(owner, (manager) => manager.query('DELETE FROM refunds')))).toMatch(/permission denied/);
    // The consultant sees it but may not change it.
    const updated = await db.run(as(booking.consultantId), (manager) => manager.query(`UPDATE payments SET status = 'refunded' WHERE id = $1 RETURNING id`, [paymentId]));
    expect(updated[0]).toEqual([]);
    // Even the schema owner may not delete it before its time.
    await expect(fixture.db.query('DELETE FROM refunds')).rejects.toThrow(/kept until/);
  });

  it('keeps provider events behind functions: no direct read or write, and each event is claimed once', async () => {
    const owner = as(booking.ownerId);
    expect(await failure(db.run(owner, (manager) => manager.query('SELECT * FROM payment_webhook_events')))).toMatch(/permission denied/);
    expect(await failure(db.run(owner, (manager) => manager.query(`INSERT INTO payment_webhook_events (id, type) VALUES ('evt_x', 'x')`)))).toMatch(/permission denied/);
    const claim = () => db.run(owner, (manager) => manager.query<{ applied: boolean; processed: boolean }[]>(`SELECT * FROM payment_webhook_event_claim('evt_rls_1', 'payment_intent.succeeded')`));
    expect((await claim())[0]).toMatchObject({ applied: false, processed: false });
    await db.run(owner, (manager) => manager.query(`SELECT payment_webhook_event_applied('evt_rls_1', $1, 'payment_succeeded', '[]'::jsonb)`, [paymentId]));
    expect((await claim())[0]).toMatchObject({ applied: true, processed: false });
    await db.run(NOBODY, (manager) => manager.query(`SELECT payment_webhook_event_processed('evt_rls_1')`));
    const [seen] = await db.run(NOBODY, (manager) => manager.query<{ processed: boolean }[]>(`SELECT payment_webhook_event_is_processed('evt_rls_1') AS processed`));
    expect(seen.processed).toBe(true);
    const [owners] = await db.run(NOBODY, (manager) =>
      manager.query<{ by_intent: string; by_booking: string; unknown: string | null }[]>(`SELECT payment_owner_by_intent('pi_rls_1') AS by_intent, payment_owner_by_booking($1) AS by_booking, payment_owner_by_intent('pi_nope') AS unknown`, [booking.bookingId]),
    );
    expect(owners).toEqual({ by_intent: booking.ownerId, by_booking: booking.ownerId, unknown: null });
  });
});
