import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DatabaseContext } from '../../apps/api/src/database/database-context';
import { BookingNotifications } from '../../apps/api/src/notifications/booking-notifications';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';

describe('booking notifications in the running app', () => {
  let app: MailTestApp;
  let schemaOwner: Client;

  beforeAll(async () => {
    app = await startMailTestApp({ NOTIFICATION_POLL_SECONDS: '1' });
    schemaOwner = new Client({ connectionString: app.testApp.database.url });
    await schemaOwner.connect();
  });
  afterAll(async () => {
    await schemaOwner?.end();
    await app?.close();
  });

  it('sends what a committed booking change wrote into the outbox on its own, every NOTIFICATION_POLL_SECONDS, and nothing of a change rolled back', async () => {
    const [clinicId, ownerId, consultantId, petId, bookingId] = Array.from({ length: 5 }, () => randomUUID());
    const [ownerEmail, consultantEmail] = [`owner.${ownerId.slice(0, 8)}@example.test`, `consultant.${consultantId.slice(0, 8)}@example.test`];
    await schemaOwner.query(`INSERT INTO clinics (id, name, status) VALUES ($1, 'Happy Paws', 'approved')`, [clinicId]);
    for (const [id, email, name] of [[ownerId, ownerEmail, 'Olena'], [consultantId, consultantEmail, 'Dr. Koval']]) {
      await schemaOwner.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, now(), 'x', $3, 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
        [id, email, name],
      );
    }
    await schemaOwner.query(`INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $2, 'Rex', 'dog')`, [petId, ownerId]);
    await schemaOwner.query(`INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, 'consultant')`, [randomUUID(), clinicId, consultantId]);
    await schemaOwner.query(
      `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from, blocked_until, status, price_amount, price_currency, reason)
       VALUES ($1, $2, $3, $4, $5, now() + interval '3 days', now() + interval '3 days 30 minutes', now() + interval '3 days', now() + interval '3 days 30 minutes',
               'pending_acceptance', 2500, 'EUR', 'Limping')`,
      [bookingId, clinicId, consultantId, ownerId, petId],
    );
    const db = app.testApp.app.get(DatabaseContext);
    const notifications = app.testApp.app.get(BookingNotifications);

    const rolledBack = db.run({ userId: ownerId, clinicId: null }, async (manager) => {
      await notifications.enqueue(manager, bookingId, 'booking_declined', ['owner']);
      throw new Error('the booking change failed');
    });
    await expect(rolledBack).rejects.toThrow('the booking change failed');
    await db.run({ userId: ownerId, clinicId: null }, (manager) => notifications.enqueue(manager, bookingId, 'booking_requested', ['owner', 'consultant']));

    const [toOwner, toConsultant] = await Promise.all([app.smtp.nextMessageTo(ownerEmail, 10_000), app.smtp.nextMessageTo(consultantEmail, 10_000)]);
    expect(toOwner.parsed.subject).toBe('Your booking request was sent to Dr. Koval');
    expect(toConsultant.parsed.subject).toBe('New booking request: Rex with Olena');
    expect(toConsultant.parsed.text).toContain(`https://vetmeet.test/bookings/${bookingId}`);
    // Two more poll intervals: the rolled-back decline never comes, nor does anything twice.
    await expect(app.smtp.nextMessageTo(ownerEmail, 2_500)).rejects.toThrow('no email');
    const { rows } = await schemaOwner.query<{ kind: string; sent: boolean }>('SELECT kind, sent_at IS NOT NULL AS sent FROM booking_notifications WHERE booking_id = $1', [bookingId]);
    expect(rows).toEqual([
      { kind: 'booking_requested', sent: true },
      { kind: 'booking_requested', sent: true },
    ]);
  });
});
