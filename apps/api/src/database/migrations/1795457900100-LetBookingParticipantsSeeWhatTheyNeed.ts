import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the two sides of a booking may see of each other before a consultation exists, and
 * what the platform does to bookings by itself. Row-level security, as for consultations:
 * - once the owner has paid (pending acceptance, confirmed, no-show), the booking's consultant
 *   reads that one pet's record and the photos the owner shared for this booking (photos
 *   must belong to the booked pet: a foreign id in the list shows nothing), and the owner's
 *   account row, of which the app selects only name, country and time zone;
 * - the owner reads the consultant's account row (the name) and the clinic's row;
 * - participants may move a booking's times (a reschedule; bookings_no_overlap still rules)
 *   and record a cancellation;
 * - a consultation the sweep marks a no-show marks its booking a no-show, and a rescheduled
 *   booking moves its consultation (triggers, in the same statement, so the two never
 *   disagree; the app role still cannot move a consultation itself);
 * - events about a booking, its payment or a refund are attributed to the booking's clinic like
 *   those about a consultation (audit_consultation_clinic learns those entity types), so clinic
 *   admins see them;
 * - bookings_unaccepted_past_start lists requests nobody accepted before their start, for
 *   the booking sweep to decline (and refund) on the consultant's behalf; it returns ids only.
 */
export class LetBookingParticipantsSeeWhatTheyNeed1795457900100 implements MigrationInterface {
  name = 'LetBookingParticipantsSeeWhatTheyNeed1795457900100';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('GRANT UPDATE (starts_at, ends_at, blocked_from, blocked_until, cancelled_by, cancelled_at, refund_amount) ON bookings TO vetmeet_app');

    await run(`CREATE FUNCTION app_is_paid_booking_consultant(p_pet uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM bookings b WHERE b.pet_id = p_pet AND b.consultant_id = app_current_user_id()
        AND b.status IN ('pending_acceptance', 'confirmed', 'no_show')) $$`);
    await run(`CREATE FUNCTION app_is_shared_booking_photo(p_attachment uuid, p_pet uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM bookings b WHERE b.pet_id = p_pet AND p_attachment = ANY (b.photo_attachment_ids)
        AND b.consultant_id = app_current_user_id() AND b.status IN ('pending_acceptance', 'confirmed', 'no_show')) $$`);
    await run(`CREATE FUNCTION app_is_booking_counterpart(p_user uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM bookings b WHERE
           (b.consultant_id = p_user AND b.owner_id = app_current_user_id())
        OR (b.owner_id = p_user AND b.consultant_id = app_current_user_id() AND b.status NOT IN ('held', 'expired'))) $$`);

    await run('CREATE POLICY pets_booking_consultant ON pets FOR SELECT USING (app_is_paid_booking_consultant(id))');
    await run('CREATE POLICY attachments_booking_consultant ON pet_attachments FOR SELECT USING (app_is_shared_booking_photo(id, pet_id))');
    await run('CREATE POLICY users_booking_counterpart ON users FOR SELECT USING (app_is_booking_counterpart(id))');
    await run(`CREATE POLICY clinics_booking_participant ON clinics FOR SELECT USING (EXISTS (SELECT 1 FROM bookings b
      WHERE b.clinic_id = clinics.id AND (b.owner_id = app_current_user_id() OR b.consultant_id = app_current_user_id())))`);

    await run(`CREATE FUNCTION bookings_follow_consultation_no_show() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE bookings SET status = 'no_show', updated_at = now() WHERE consultation_id = NEW.id AND status = 'confirmed';
        RETURN NULL;
      END $$`);
    await run(`CREATE TRIGGER consultations_no_show_marks_booking AFTER UPDATE OF status ON consultations
      FOR EACH ROW WHEN (NEW.status = 'no_show' AND OLD.status <> 'no_show') EXECUTE FUNCTION bookings_follow_consultation_no_show()`);

    // A booking's name and species of its pet, for both sides, whatever became of the booking (the full record stays behind the policy above).
    await run(`CREATE FUNCTION booking_pet_summaries(p_ids uuid[])
      RETURNS TABLE (booking_id uuid, pet_id uuid, name text, species text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT b.id, p.id, p.name, p.species FROM bookings b JOIN pets p ON p.id = b.pet_id
       WHERE b.id = ANY (p_ids) AND (b.owner_id = app_current_user_id() OR b.consultant_id = app_current_user_id()) $$`);
    await run(`CREATE FUNCTION consultations_follow_booking_times() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        UPDATE consultations SET starts_at = NEW.starts_at, ends_at = NEW.ends_at, updated_at = now() WHERE id = NEW.consultation_id;
        RETURN NULL;
      END $$`);
    await run(`CREATE TRIGGER bookings_move_consultation AFTER UPDATE OF starts_at, ends_at ON bookings
      FOR EACH ROW WHEN (NEW.consultation_id IS NOT NULL AND (NEW.starts_at, NEW.ends_at) IS DISTINCT FROM (OLD.starts_at, OLD.ends_at))
      EXECUTE FUNCTION consultations_follow_booking_times()`);

    await run(`CREATE FUNCTION bookings_unaccepted_past_start()
      RETURNS TABLE (booking_id uuid, clinic_id uuid, consultant_id uuid)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT b.id, b.clinic_id, b.consultant_id FROM bookings b WHERE b.status = 'pending_acceptance' AND b.starts_at <= now()
       ORDER BY b.starts_at LIMIT 500 $$`);

    await run(auditClinicFunction(true));

    for (const fn of FUNCTIONS) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
    // A trigger function is never called by the app role directly.
    await run('REVOKE ALL ON FUNCTION bookings_follow_consultation_no_show() FROM PUBLIC');
    await run('REVOKE ALL ON FUNCTION consultations_follow_booking_times() FROM PUBLIC');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(auditClinicFunction(false));
    await run('DROP TRIGGER bookings_move_consultation ON bookings');
    await run('DROP FUNCTION consultations_follow_booking_times()');
    await run('DROP TRIGGER consultations_no_show_marks_booking ON consultations');
    await run('DROP FUNCTION bookings_follow_consultation_no_show()');
    await run('DROP POLICY clinics_booking_participant ON clinics');
    await run('DROP POLICY users_booking_counterpart ON users');
    await run('DROP POLICY attachments_booking_consultant ON pet_attachments');
    await run('DROP POLICY pets_booking_consultant ON pets');
    for (const fn of [...FUNCTIONS].reverse()) await run(`DROP FUNCTION ${fn}`);
    await run('REVOKE UPDATE (starts_at, ends_at, blocked_from, blocked_until, cancelled_by, cancelled_at, refund_amount) ON bookings FROM vetmeet_app');
  }
}

const FUNCTIONS = [
  'app_is_paid_booking_consultant(uuid)',
  'app_is_shared_booking_photo(uuid, uuid)',
  'app_is_booking_counterpart(uuid)',
  'booking_pet_summaries(uuid[])',
  'bookings_unaccepted_past_start()',
];

/** The clinic an audit event is about (see AttributeConsultationAuditEventsToTheirClinic), with or without bookings. */
function auditClinicFunction(withBookings: boolean): string {
  return `CREATE OR REPLACE FUNCTION audit_consultation_clinic(p_entity_type text, p_entity_id text) RETURNS uuid
      LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      DECLARE v_id uuid;
      BEGIN
        IF p_entity_id IS NULL OR p_entity_id !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN RETURN NULL; END IF;
        v_id := p_entity_id::uuid;
        RETURN CASE p_entity_type
          WHEN 'consultation' THEN (SELECT c.clinic_id FROM consultations c WHERE c.id = v_id)
          WHEN 'consultation_message' THEN (SELECT c.clinic_id FROM consultation_messages m JOIN consultations c ON c.id = m.consultation_id WHERE m.id = v_id)
          WHEN 'consultation_file' THEN (SELECT c.clinic_id FROM consultation_files f JOIN consultations c ON c.id = f.consultation_id WHERE f.id = v_id)
          ${withBookings ? BOOKING_AND_PAYMENT_CASES : ''}
          ELSE NULL
        END;
      END $$`;
}

const BOOKING_AND_PAYMENT_CASES = `WHEN 'booking' THEN (SELECT b.clinic_id FROM bookings b WHERE b.id = v_id)
          WHEN 'payment' THEN (SELECT p.clinic_id FROM payments p WHERE p.id = v_id)
          WHEN 'refund' THEN (SELECT p.clinic_id FROM refunds r JOIN payments p ON p.id = r.payment_id WHERE r.id = v_id)`;
