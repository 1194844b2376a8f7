import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { MailLinks } from '../../apps/api/src/mail/mail-links';
import { MailSettings } from '../../apps/api/src/mail/mail-settings';
import { BookingNotifications } from '../../apps/api/src/notifications/booking-notifications';
import { NotificationSender } from '../../apps/api/src/notifications/notification-sender';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../support/smtp-capture';
import { mailTestConfig, startMailApp, type MailApp } from '../support/smtp-mail-app';
import { TEST_RUNTIME_LOGIN } from '../support/test-app';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const REASON = 'Vomiting blood since Tuesday';
const MINUTE = 60_000;

interface TestBooking {
  id: string;
  clinicId: string;
  ownerId: string;
  consultantId: string;
  consultationId: string;
  ownerEmail: string;
  consultantEmail: string;
  startsAt: Date;
  endsAt: Date;
}

interface OutboxRow {
  id: string;
  kind: string;
  recipient_role: string;
  reminder_minutes: number | null;
  due_at: Date;
  attempts: number;
  sent_at: Date | null;
  skipped_at: Date | null;
  gave_up_at: Date | null;
  last_error_code: string | null;
  message_id: string | null;
  ical_sequence: number | null;
}

describe('booking notifications: a transactional outbox sent once, with reminders that survive restarts', () => {
  let database: TestDatabase;
  let schemaOwner: Client;
  let runtime: DataSource;
  let db: DatabaseContext;
  let smtp: SmtpCapture;
  let mail: MailApp;
  let notifications: BookingNotifications;
  let sender: NotificationSender;
  const clinicId = randomUUID();

  const as = (userId: string): ActingScope => ({ userId, clinicId: null });
  const newSender = () => new NotificationSender(db, mail.mailer, mail.app.get(MailLinks), mail.app.get(MailSettings), mail.config);
  const rows = async (bookingId: string) =>
    (await schemaOwner.query<OutboxRow>('SELECT * FROM booking_notifications WHERE booking_id = $1 ORDER BY due_at, recipient_role, id', [bookingId])).rows;
  /** Moves a booking's pending rows (or only its reminders of one offset) to be due now: the clock, as far as the outbox knows it. */
  const makeDue = (bookingId: string, reminderMinutes?: number) =>
    schemaOwner.query(
      `UPDATE booking_notifications SET due_at = due_at - interval '30 days', next_attempt_at = now() - interval '1 second'
        WHERE booking_id = $1 AND sent_at IS NULL AND ($2::integer IS NULL OR reminder_minutes = $2)`,
      [bookingId, reminderMinutes ?? null],
    );
  const expectNoMoreMail = (address: string) => expect(smtp.nextMessageTo(address, 300)).rejects.toThrow('no email');
  const calendarOf = (message: CapturedMail) => {
    expect(message.parsed.attachments).toHaveLength(1);
    const [attachment] = message.parsed.attachments;
    expect(attachment.contentType).toBe('text/calendar');
    expect(attachment.filename).toBe('consultation.ics');
    return attachment.content.toString('utf8');
  };
  const property = (ics: string, name: string) =>
    ics
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .find((line) => line.startsWith(`${name}:`))
      ?.slice(name.length + 1);

  async function addUser(name: string, timeZone: string, country: string): Promise<{ id: string; email: string }> {
    const id = randomUUID();
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${id.slice(0, 8)}@example.test`;
    await schemaOwner.query(
      `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
       VALUES ($1, $2, now(), 'x', $3, $4, $5, now(), '2026-01', now())`,
      [id, email, name, country, timeZone],
    );
    return { id, email };
  }

  /** An owner (Kyiv) books a consultant (New York) through the hold path, as the owner; the booking is then confirmed with its consultation. */
  async function confirmedBooking(startsInMinutes = 3 * 24 * 60): Promise<TestBooking> {
    const owner = await addUser('Olena Petrenko', 'Europe/Kyiv', 'UA');
    const consultant = await addUser('Dr. Anna Koval', 'America/New_York', 'US');
    const petId = randomUUID();
    await schemaOwner.query(`INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $2, 'Barsik', 'cat')`, [petId, owner.id]);
    await schemaOwner.query(`INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, 'consultant')`, [randomUUID(), clinicId, consultant.id]);
    const id = randomUUID();
    const startsAt = new Date(Math.ceil((Date.now() + startsInMinutes * MINUTE) / MINUTE) * MINUTE);
    const endsAt = new Date(startsAt.getTime() + 30 * MINUTE);
    await db.run(as(owner.id), (manager) =>
      manager.query(
        `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from, blocked_until, status, hold_expires_at, price_amount, price_currency, reason)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7, 'held', now() + interval '10 minutes', 2500, 'EUR', $8)`,
        [id, clinicId, consultant.id, owner.id, petId, startsAt, endsAt, REASON],
      ),
    );
    const consultationId = randomUUID();
    await schemaOwner.query(
      `INSERT INTO consultations (id, clinic_id, owner_id, pet_id, consultant_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [consultationId, clinicId, owner.id, petId, consultant.id, startsAt, endsAt, REASON],
    );
    await schemaOwner.query(`UPDATE bookings SET status = 'confirmed', hold_expires_at = NULL, consultation_id = $2 WHERE id = $1`, [id, consultationId]);
    return { id, clinicId, ownerId: owner.id, consultantId: consultant.id, consultationId, ownerEmail: owner.email, consultantEmail: consultant.email, startsAt, endsAt };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
    schemaOwner = new Client({ connectionString: database.url });
    await schemaOwner.connect();
    await schemaOwner.query(`INSERT INTO clinics (id, name, status) VALUES ($1, 'Happy Paws', 'approved')`, [clinicId]);
    runtime = new DataSource(appDataSourceOptions(appUrl));
    await runtime.initialize();
    db = new DatabaseContext(runtime);
    smtp = await startSmtpCapture();
    mail = await startMailApp(mailTestConfig({ SMTP_URL: smtp.url, NOTIFICATION_POLL_SECONDS: '0', BOOKING_REMINDER_MINUTES: '1440,15' }));
    notifications = new BookingNotifications(mail.config);
    sender = newSender();
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
    await runtime?.destroy();
    await schemaOwner?.end();
    await database?.drop();
  });
  afterEach(() => smtp.accept());

  it('sends a confirmation to each side exactly once, with a calendar file and the join link, and nothing they should not see', async () => {
    const booking = await confirmedBooking();
    await db.run(as(booking.consultantId), async (manager) => {
      await notifications.enqueue(manager, booking.id, 'booking_confirmed', ['owner', 'consultant']);
      // Written twice in one transaction: the unique key keeps one row per recipient.
      await notifications.enqueue(manager, booking.id, 'booking_confirmed', ['owner', 'consultant']);
    });
    expect(await rows(booking.id)).toHaveLength(2);

    expect(await sender.sendDue()).toEqual({ sent: 2, skipped: 0, retrying: 0, gaveUp: 0 });
    const [toOwner, toConsultant] = [await smtp.nextMessageTo(booking.ownerEmail), await smtp.nextMessageTo(booking.consultantEmail)];
    const joinLink = `https://vetmeet.test/consultations/${booking.consultationId}`;

    expect(toOwner.parsed.subject).toBe('Confirmed: your consultation with Dr. Anna Koval');
    expect(toOwner.parsed.text).toContain(joinLink);
    // In the owner's zone (Kyiv), written the Ukrainian way in English.
    expect(toOwner.parsed.text).toContain('(Europe/Kyiv time)');
    expect(toConsultant.parsed.subject).toBe('Confirmed: consultation about Barsik with Olena Petrenko');
    expect(toConsultant.parsed.text).toContain('(America/New_York time)');
    for (const message of [toOwner, toConsultant]) {
      const everything = `${message.parsed.subject ?? ''}\n${message.parsed.text ?? ''}\n${String(message.parsed.html)}\n${calendarOf(message)}`;
      expect(everything).not.toContain(REASON);
      expect(everything).not.toContain('Vomiting');
    }
    expect(`${toConsultant.parsed.text ?? ''}${calendarOf(toConsultant)}`).not.toContain(booking.ownerEmail);
    expect(`${toOwner.parsed.text ?? ''}${calendarOf(toOwner)}`).not.toContain(booking.consultantEmail);

    const ics = calendarOf(toOwner);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(property(ics, 'METHOD')).toBe('REQUEST');
    expect(property(ics, 'UID')).toBe(`booking-${booking.id}@vetmeet.test`);
    expect(property(ics, 'SEQUENCE')).toBe('0');
    expect(property(ics, 'STATUS')).toBe('CONFIRMED');
    expect(property(ics, 'URL')).toBe(joinLink);
    expect(property(ics, 'DTSTART')).toBe(booking.startsAt.toISOString().replace(/[-:]/g, '').replace('.000', ''));
    expect(property(ics, 'SUMMARY')).toBe('Vetmeet consultation: Barsik with Dr. Anna Koval');
    expect(property(calendarOf(toConsultant), 'UID')).toBe(property(ics, 'UID'));

    const stored = await rows(booking.id);
    expect(stored.every((row) => row.sent_at !== null && row.attempts === 1)).toBe(true);
    const ownerRow = stored.find((row) => row.recipient_role === 'owner');
    expect(toOwner.parsed.messageId).toBe(`<booking-notification.${ownerRow?.id}@vetmeet.test>`);
    expect(ownerRow?.message_id).toBe(toOwner.parsed.messageId);

    expect(await sender.sendDue()).toEqual({ sent: 0, skipped: 0, retrying: 0, gaveUp: 0 });
    await expectNoMoreMail(booking.ownerEmail);
    await expectNoMoreMail(booking.consultantEmail);
  });

  it('plans reminders that wait for their time, then sends each once, saying how soon it starts', async () => {
    const booking = await confirmedBooking();
    await db.run(as(booking.ownerId), (manager) => notifications.planReminders(manager, booking.id));
    const planned = await rows(booking.id);
    expect(planned.map((row) => [row.kind, row.recipient_role, row.reminder_minutes, row.due_at.getTime()])).toEqual([
      ['reminder', 'owner', 1440, booking.startsAt.getTime() - 1440 * MINUTE],
      ['reminder', 'consultant', 1440, booking.startsAt.getTime() - 1440 * MINUTE],
      ['reminder', 'owner', 15, booking.startsAt.getTime() - 15 * MINUTE],
      ['reminder', 'consultant', 15, booking.startsAt.getTime() - 15 * MINUTE],
    ]);
    // Planned again: still one reminder per offset and person.
    await db.run(as(booking.consultantId), (manager) => notifications.planReminders(manager, booking.id));
    expect(await rows(booking.id)).toHaveLength(4);

    expect((await sender.sendDue()).sent).toBe(0);
    await expectNoMoreMail(booking.ownerEmail);

    await makeDue(booking.id, 1440);
    expect((await sender.sendDue()).sent).toBe(2);
    const reminder = await smtp.nextMessageTo(booking.ownerEmail);
    expect(reminder.parsed.subject).toBe('Reminder: your consultation starts in 24 hours');
    expect(reminder.parsed.text).toContain(`https://vetmeet.test/consultations/${booking.consultationId}`);
    expect(reminder.parsed.attachments).toHaveLength(0);
    expect((await smtp.nextMessageTo(booking.consultantEmail)).parsed.subject).toBe('Reminder: a consultation starts in 24 hours');

    await makeDue(booking.id, 15);
    expect((await sender.sendDue()).sent).toBe(2);
    expect((await smtp.nextMessageTo(booking.ownerEmail)).parsed.subject).toBe('Reminder: your consultation starts in 15 minutes');
    expect((await smtp.nextMessageTo(booking.consultantEmail)).parsed.subject).toBe('Reminder: a consultation starts in 15 minutes');

    // A restart: a new sender on the same database sends nothing again.
    expect((await newSender().sendDue()).sent).toBe(0);
    await expectNoMoreMail(booking.ownerEmail);
    await expectNoMoreMail(booking.consultantEmail);
  });

  it('lets concurrent passes (two app processes) send each row once', async () => {
    const booking = await confirmedBooking();
    // Twelve rows: several batches, so the passes really interleave.
    for (let index = 0; index < 6; index += 1) {
      await db.run(as(booking.ownerId), (manager) => notifications.enqueue(manager, booking.id, 'booking_requested', ['owner', 'consultant']));
    }
    expect(await rows(booking.id)).toHaveLength(12);
    const other = newSender();
    const passes = await Promise.all([sender.sendDue(), sender.sendDue(), other.sendDue(), other.sendDue()]);
    expect(passes.reduce((sum, pass) => sum + pass.sent, 0)).toBe(12);
    for (const address of [booking.ownerEmail, booking.consultantEmail]) {
      const received = await Promise.all(Array.from({ length: 6 }, () => smtp.nextMessageTo(address)));
      expect(new Set(received.map((message) => message.parsed.messageId)).size).toBe(6);
      await expectNoMoreMail(address);
    }
    expect((await rows(booking.id)).every((row) => row.sent_at !== null && row.attempts === 1)).toBe(true);
  });

  it('leaves rows a crashed process claimed alone until its lease ends, then sends them once with the same Message-ID', async () => {
    const booking = await confirmedBooking();
    await db.run(as(booking.ownerId), (manager) => notifications.enqueue(manager, booking.id, 'booking_requested', ['owner']));
    // A process claims the row and dies before sending it.
    const claimed = await db.run({ userId: null, clinicId: null }, (manager) => manager.query<{ id: string }[]>(`SELECT id FROM booking_notifications_claim(5, '10 minutes')`));
    expect(claimed.map((row) => row.id)).toContain((await rows(booking.id))[0].id);
    expect((await newSender().sendDue()).sent).toBe(0);

    await makeDue(booking.id);
    expect((await newSender().sendDue()).sent).toBe(1);
    const [row] = await rows(booking.id);
    expect((await smtp.nextMessageTo(booking.ownerEmail)).parsed.messageId).toBe(`<booking-notification.${row.id}@vetmeet.test>`);
    expect(row.attempts).toBe(2);
    await expectNoMoreMail(booking.ownerEmail);
  });

  it('retries later when the mail server is down, and sends once when it is back; gives up on a permanent refusal', async () => {
    const booking = await confirmedBooking();
    await db.run(as(booking.ownerId), (manager) => notifications.enqueue(manager, booking.id, 'booking_requested', ['owner', 'consultant']));
    smtp.refuse(451);
    expect(await sender.sendDue()).toEqual({ sent: 0, skipped: 0, retrying: 2, gaveUp: 0 });
    let stored = await rows(booking.id);
    expect(stored.map((row) => [row.attempts, row.last_error_code, row.sent_at])).toEqual([
      [1, 'SMTP_451', null],
      [1, 'SMTP_451', null],
    ]);
    // Backoff: not tried again right away.
    expect((await sender.sendDue()).retrying).toBe(0);

    smtp.accept();
    await makeDue(booking.id);
    expect((await sender.sendDue()).sent).toBe(2);
    await smtp.nextMessageTo(booking.ownerEmail);
    await smtp.nextMessageTo(booking.consultantEmail);
    stored = await rows(booking.id);
    expect(stored.every((row) => row.sent_at !== null && row.attempts === 2)).toBe(true);
    await expectNoMoreMail(booking.ownerEmail);

    await db.run(as(booking.ownerId), (manager) => notifications.enqueue(manager, booking.id, 'booking_requested', ['owner']));
    smtp.refuse(550);
    expect(await sender.sendDue()).toEqual({ sent: 0, skipped: 0, retrying: 0, gaveUp: 1 });
    smtp.accept();
    await makeDue(booking.id);
    expect((await sender.sendDue()).gaveUp).toBe(0);
    const refused = (await rows(booking.id)).find((row) => row.sent_at === null);
    expect(refused).toMatchObject({ last_error_code: 'SMTP_550', attempts: 1 });
    expect(refused?.gave_up_at).not.toBeNull();
    await expectNoMoreMail(booking.ownerEmail);
  });

  it('on a reschedule drops the old reminders, plans new ones, and updates the same calendar event with the old and new time', async () => {
    const booking = await confirmedBooking();
    await db.run(as(booking.consultantId), async (manager) => {
      await notifications.enqueue(manager, booking.id, 'booking_confirmed', ['owner', 'consultant']);
      await notifications.planReminders(manager, booking.id);
    });
    await sender.sendDue();
    const confirmation = await smtp.nextMessageTo(booking.ownerEmail);
    await smtp.nextMessageTo(booking.consultantEmail);

    const startsAt = new Date(booking.startsAt.getTime() + 2 * 24 * 60 * MINUTE);
    const endsAt = new Date(startsAt.getTime() + 30 * MINUTE);
    await db.run(as(booking.ownerId), async (manager) => {
      await manager.query('UPDATE bookings SET starts_at = $2, ends_at = $3, blocked_from = $2, blocked_until = $3 WHERE id = $1', [booking.id, startsAt, endsAt]);
      await notifications.planReminders(manager, booking.id);
      await notifications.enqueue(manager, booking.id, 'booking_rescheduled', ['owner', 'consultant']);
    });
    const reminders = (await rows(booking.id)).filter((row) => row.kind === 'reminder');
    expect(reminders.map((row) => row.due_at.getTime()).sort()).toEqual(
      [1440, 1440, 15, 15].map((minutes) => startsAt.getTime() - minutes * MINUTE).sort(),
    );

    expect((await sender.sendDue()).sent).toBe(2);
    const moved = await smtp.nextMessageTo(booking.ownerEmail);
    expect(moved.parsed.subject).toBe('New time for your consultation with Dr. Anna Koval');
    expect(moved.parsed.text).toMatch(/When: .*\nWas: .*\(Europe\/Kyiv time\)/);
    const [before, after] = [calendarOf(confirmation), calendarOf(moved)];
    expect(property(after, 'UID')).toBe(property(before, 'UID'));
    expect(Number(property(after, 'SEQUENCE'))).toBeGreaterThan(Number(property(before, 'SEQUENCE')));
    expect(property(after, 'METHOD')).toBe('REQUEST');
    expect(property(after, 'DTSTART')).toBe(startsAt.toISOString().replace(/[-:]/g, '').replace('.000', ''));
    await smtp.nextMessageTo(booking.consultantEmail);
  });

  it('skips a reminder whose booking was cancelled or moved behind its back, and cancels the calendar event', async () => {
    const booking = await confirmedBooking();
    await db.run(as(booking.ownerId), async (manager) => {
      await notifications.enqueue(manager, booking.id, 'booking_confirmed', ['owner']);
      await notifications.planReminders(manager, booking.id);
    });
    await sender.sendDue();
    await smtp.nextMessageTo(booking.ownerEmail);

    await schemaOwner.query(`UPDATE bookings SET status = 'cancelled', cancelled_by = 'owner', cancelled_at = now(), refund_amount = 2500 WHERE id = $1`, [booking.id]);
    await makeDue(booking.id, 1440);
    expect(await sender.sendDue()).toEqual({ sent: 0, skipped: 2, retrying: 0, gaveUp: 0 });
    expect((await rows(booking.id)).filter((row) => row.skipped_at !== null).map((row) => row.last_error_code)).toEqual(['booking_not_confirmed', 'booking_not_confirmed']);
    await expectNoMoreMail(booking.ownerEmail);

    await db.run(as(booking.ownerId), async (manager) => {
      await notifications.dropReminders(manager, booking.id);
      await notifications.enqueue(manager, booking.id, 'booking_cancelled', ['owner', 'consultant']);
    });
    expect((await rows(booking.id)).filter((row) => row.kind === 'reminder' && row.skipped_at === null)).toEqual([]);
    expect((await sender.sendDue()).sent).toBe(2);
    const cancelled = await smtp.nextMessageTo(booking.ownerEmail);
    expect(cancelled.parsed.text).toContain('You will get a refund of €25.00.');
    const ics = calendarOf(cancelled);
    expect(property(ics, 'METHOD')).toBe('CANCEL');
    expect(property(ics, 'STATUS')).toBe('CANCELLED');
    expect(property(ics, 'SEQUENCE')).toBe('1');
    expect((await smtp.nextMessageTo(booking.consultantEmail)).parsed.text).toContain('The owner will get a refund of €25.00.');

    const moved = await confirmedBooking(5 * 24 * 60);
    await db.run(as(moved.ownerId), (manager) => notifications.planReminders(manager, moved.id));
    await schemaOwner.query(`UPDATE bookings SET starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour', blocked_until = blocked_until + interval '1 hour' WHERE id = $1`, [moved.id]);
    await makeDue(moved.id, 1440);
    expect((await sender.sendDue()).skipped).toBe(2);
    expect((await rows(moved.id)).filter((row) => row.skipped_at !== null).map((row) => row.last_error_code)).toEqual(['booking_moved', 'booking_moved']);
    await expectNoMoreMail(moved.ownerEmail);
  });

  it('logs ids, codes and counts, never an address, a name or a pet', async () => {
    const booking = await confirmedBooking();
    const lines: string[] = [];
    const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        lines.push(JSON.stringify(args));
      }),
    );
    try {
      await db.run(as(booking.ownerId), (manager) => notifications.enqueue(manager, booking.id, 'booking_confirmed', ['owner', 'consultant']));
      smtp.refuse(451, 3);
      await sender.sendDue();
      await makeDue(booking.id);
      await sender.sendDue();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    await smtp.nextMessageTo(booking.ownerEmail);
    await smtp.nextMessageTo(booking.consultantEmail);
    const logged = lines.join('\n');
    expect(logged).toContain(booking.id);
    expect(logged).toContain('SMTP_451');
    for (const secret of [booking.ownerEmail, booking.consultantEmail, 'example.test', 'Olena', 'Koval', 'Barsik', REASON, 'https://']) expect(logged).not.toContain(secret);
  });

  it('lets only the booking’s participants write its emails, and nobody read them', async () => {
    const booking = await confirmedBooking();
    const stranger = await addUser('Mallory', 'UTC', 'GB');
    await expect(db.run(as(stranger.id), (manager) => notifications.enqueue(manager, booking.id, 'booking_confirmed', ['owner']))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const insert = (actor: string, recipientId: string, role: string) =>
      db
        .run(as(actor), (manager) =>
          manager.query(
            `INSERT INTO booking_notifications (id, booking_id, clinic_id, recipient_id, recipient_role, kind, due_at, next_attempt_at, starts_at, ends_at)
             VALUES ($1, $2, $3, $4, $5, 'booking_requested', now(), now(), $6, $7)`,
            [randomUUID(), booking.id, booking.clinicId, recipientId, role, booking.startsAt, booking.endsAt],
          ),
        )
        .then(
          () => 'written',
          (error: { driverError?: { code?: string } }) => error.driverError?.code,
        );
    expect(await insert(stranger.id, stranger.id, 'owner')).toBe('42501');
    expect(await insert(booking.ownerId, stranger.id, 'consultant')).toBe('42501');
    expect(await insert(booking.ownerId, booking.consultantId, 'owner')).toBe('42501');
    expect(await insert(booking.ownerId, booking.consultantId, 'consultant')).toBe('written');

    const read = (actor: string) =>
      db.run(as(actor), (manager) => manager.query('SELECT * FROM booking_notifications')).then(
        () => 'read',
        (error: { driverError?: { code?: string } }) => error.driverError?.code,
      );
    expect(await read(booking.ownerId)).toBe('42501');
    // The sender's functions do nothing in a person's scope.
    const claimedAsPerson = await db.run(as(booking.ownerId), (manager) => manager.query(`SELECT id FROM booking_notifications_claim(5, '10 minutes')`));
    expect(claimedAsPerson).toEqual([]);
    // A stranger cannot drop the booking's reminders.
    await db.run(as(booking.ownerId), (manager) => notifications.planReminders(manager, booking.id));
    await db.run(as(stranger.id), (manager) => notifications.dropReminders(manager, booking.id));
    expect((await rows(booking.id)).filter((row) => row.kind === 'reminder')).toHaveLength(4);
    await sender.sendDue();
    await smtp.nextMessageTo(booking.consultantEmail);
  });
});
