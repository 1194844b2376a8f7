import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may do what with the booking emails' outbox, in the database itself:
 * - the owner or the consultant of a booking, acting, writes notices and reminders for that
 *   booking, addressed to one of its two participants and in the fresh state only (the
 *   columns that record sending are not theirs to set);
 * - nobody reads the rows, not even their recipient: they only hold what an email will say;
 * - participants drop the unsent reminders of their booking, and learn the calendar SEQUENCE
 *   its next calendar file needs and the time the last notice gave, through two SECURITY
 *   DEFINER functions (the rows of the other participant are not theirs to see);
 * - the sender acts for nobody: it claims due rows and records outcomes through SECURITY
 *   DEFINER functions that refuse to run in a person's scope. Claiming locks rows with
 *   FOR UPDATE SKIP LOCKED and leases them (next_attempt_at moves past the lease), so two
 *   app processes never work on the same row; the claim returns only what the email needs:
 *   the recipient's address, name, time zone and country, the other participant's display
 *   name, the pet's name, the booking's status, start and consultation.
 */
export class RestrictBookingNotificationsToTheirBookings1795456972162 implements MigrationInterface {
  name = 'RestrictBookingNotificationsToTheirBookings1795456972162';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('ALTER TABLE booking_notifications ENABLE ROW LEVEL SECURITY');
    await run(`GRANT INSERT (id, booking_id, clinic_id, recipient_id, recipient_role, kind, due_at, reminder_minutes, starts_at, ends_at,
      previous_starts_at, previous_ends_at, refund_amount, refund_currency, ical_sequence, next_attempt_at) ON booking_notifications TO vetmeet_app`);
    // The subquery reads bookings under the actor's own row-level security: only a participant sees the booking.
    await run(`CREATE POLICY booking_notifications_insert ON booking_notifications FOR INSERT WITH CHECK (
      next_attempt_at = due_at
      AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = booking_notifications.booking_id AND b.clinic_id = booking_notifications.clinic_id
        AND (b.owner_id = app_current_user_id() OR b.consultant_id = app_current_user_id())
        AND booking_notifications.recipient_id = CASE booking_notifications.recipient_role WHEN 'owner' THEN b.owner_id ELSE b.consultant_id END))`);

    // What the booking's participants were last told: the next calendar SEQUENCE, and the time
    // the latest notice gave (a reschedule's email shows it as the time replaced).
    await run(`CREATE FUNCTION booking_notifications_history(p_booking uuid)
      RETURNS TABLE (next_ical_sequence integer, last_starts_at timestamptz, last_ends_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT (SELECT coalesce(max(n.ical_sequence) + 1, 0) FROM booking_notifications n WHERE n.booking_id = p_booking),
             last.starts_at, last.ends_at
        FROM (SELECT 1) AS one
        LEFT JOIN LATERAL (SELECT n.starts_at, n.ends_at FROM booking_notifications n
                            WHERE n.booking_id = p_booking AND n.kind <> 'reminder' ORDER BY n.created_at DESC, n.due_at DESC LIMIT 1) AS last ON true
       WHERE EXISTS (SELECT 1 FROM bookings b WHERE b.id = p_booking AND (b.owner_id = app_current_user_id() OR b.consultant_id = app_current_user_id())) $$`);
    // Deleted rather than marked: a reminder planned again for the same time (the unique key) must be possible.
    await run(`CREATE FUNCTION booking_notifications_drop_reminders(p_booking uuid) RETURNS integer
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH dropped AS (
        DELETE FROM booking_notifications n
         WHERE n.booking_id = p_booking AND n.kind = 'reminder' AND n.sent_at IS NULL AND n.skipped_at IS NULL AND n.gave_up_at IS NULL
           AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = p_booking AND (b.owner_id = app_current_user_id() OR b.consultant_id = app_current_user_id()))
        RETURNING 1)
      SELECT count(*)::integer FROM dropped $$`);

    await run(`CREATE FUNCTION booking_notifications_claim(p_limit integer, p_lease interval)
      RETURNS TABLE (id uuid, booking_id uuid, kind booking_notification_kind, recipient_role booking_recipient_role, attempts integer,
        reminder_minutes integer, starts_at timestamptz, ends_at timestamptz, previous_starts_at timestamptz, previous_ends_at timestamptz,
        refund_amount integer, refund_currency text, ical_sequence integer, created_at timestamptz,
        recipient_email text, recipient_name text, recipient_time_zone text, recipient_country text,
        other_party_name text, pet_name text, booking_status booking_status, booking_starts_at timestamptz, consultation_id uuid)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH due AS (
        SELECT n.id FROM booking_notifications n
         WHERE n.sent_at IS NULL AND n.skipped_at IS NULL AND n.gave_up_at IS NULL AND n.next_attempt_at <= now()
           AND app_current_user_id() IS NULL
         ORDER BY n.next_attempt_at, n.id
         LIMIT least(greatest(p_limit, 1), 100)
         FOR UPDATE SKIP LOCKED
      ), claimed AS (
        UPDATE booking_notifications n SET attempts = n.attempts + 1, next_attempt_at = now() + greatest(p_lease, interval '1 minute')
          FROM due WHERE n.id = due.id
        RETURNING n.*
      )
      -- The other participant's name is the users row's display name: a consultant's public
      -- profile name can take its place once profiles exist.
      SELECT c.id, c.booking_id, c.kind, c.recipient_role, c.attempts, c.reminder_minutes, c.starts_at, c.ends_at,
             c.previous_starts_at, c.previous_ends_at, c.refund_amount, c.refund_currency::text, c.ical_sequence, c.created_at,
             r.email::text, r.display_name, r.time_zone, r.country::text, o.display_name, p.name, b.status, b.starts_at, b.consultation_id
        FROM claimed c
        JOIN bookings b ON b.id = c.booking_id
        JOIN users r ON r.id = c.recipient_id
        JOIN users o ON o.id = CASE c.recipient_role WHEN 'owner' THEN b.consultant_id ELSE b.owner_id END
        JOIN pets p ON p.id = b.pet_id
       ORDER BY c.due_at, c.id $$`);
    await run(`CREATE FUNCTION booking_notifications_mark_sent(p_id uuid, p_message_id text) RETURNS boolean
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH marked AS (
        UPDATE booking_notifications SET sent_at = now(), message_id = left(p_message_id, 255)
         WHERE id = p_id AND sent_at IS NULL AND skipped_at IS NULL AND gave_up_at IS NULL AND app_current_user_id() IS NULL
        RETURNING 1)
      SELECT EXISTS (SELECT 1 FROM marked) $$`);
    await run(`CREATE FUNCTION booking_notifications_mark_skipped(p_id uuid, p_reason text) RETURNS boolean
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH marked AS (
        UPDATE booking_notifications SET skipped_at = now(), last_error_code = left(p_reason, 64)
         WHERE id = p_id AND sent_at IS NULL AND skipped_at IS NULL AND gave_up_at IS NULL AND app_current_user_id() IS NULL
        RETURNING 1)
      SELECT EXISTS (SELECT 1 FROM marked) $$`);
    // p_retry_after null: give up.
    await run(`CREATE FUNCTION booking_notifications_mark_failed(p_id uuid, p_code text, p_retry_after interval) RETURNS boolean
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      WITH marked AS (
        UPDATE booking_notifications SET last_error_code = left(p_code, 64),
               next_attempt_at = CASE WHEN p_retry_after IS NULL THEN next_attempt_at ELSE now() + p_retry_after END,
               gave_up_at = CASE WHEN p_retry_after IS NULL THEN now() END
         WHERE id = p_id AND sent_at IS NULL AND skipped_at IS NULL AND gave_up_at IS NULL AND app_current_user_id() IS NULL
        RETURNING 1)
      SELECT EXISTS (SELECT 1 FROM marked) $$`);

    for (const fn of FUNCTIONS) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const fn of [...FUNCTIONS].reverse()) await run(`DROP FUNCTION ${fn}`);
    await run('DROP POLICY booking_notifications_insert ON booking_notifications');
    await run('REVOKE ALL ON booking_notifications FROM vetmeet_app');
    await run('ALTER TABLE booking_notifications DISABLE ROW LEVEL SECURITY');
  }
}

const FUNCTIONS = [
  'booking_notifications_history(uuid)',
  'booking_notifications_drop_reminders(uuid)',
  'booking_notifications_claim(integer, interval)',
  'booking_notifications_mark_sent(uuid, text)',
  'booking_notifications_mark_skipped(uuid, text)',
  'booking_notifications_mark_failed(uuid, text, interval)',
];
