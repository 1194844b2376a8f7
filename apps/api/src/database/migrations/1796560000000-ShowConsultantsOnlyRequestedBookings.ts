import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A consultant sees a booking only once it has become a request to them: paid (or free) and
 * handed over, not while the owner is still holding the slot, and never a hold the owner gave
 * up before paying. Until now the database showed the consultant every booking with their
 * name on it, and the API told "never requested" apart by status; but an owner who cancels a
 * hold leaves it 'cancelled', which the consultant could then list with the owner's name, the
 * pet and the reason. The moment a booking becomes a request is now a fact of its own:
 * - bookings.requested_at, set by the database (bookings_mark_requested) the first time the
 *   booking is pending acceptance or confirmed, and never changed after; the runtime role has
 *   no grant to write it;
 * - every consultant-side policy and function that read "status not held or expired" reads
 *   requested_at instead: the booking row, its update, the owner's name, country and zone, the
 *   pet summary, and the payment with its refunds.
 * Clinic admins acting in the clinic keep seeing every booking of it, as before.
 */
export class ShowConsultantsOnlyRequestedBookings1796560000000 implements MigrationInterface {
  name = 'ShowConsultantsOnlyRequestedBookings1796560000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`ALTER TABLE "bookings" ADD "requested_at" TIMESTAMP WITH TIME ZONE`);
    // Every booking that ever reached the consultant: a cancellation after payment recorded a refund
    // decision (0 or more), and a confirmed one made a consultation. (When is not known: the last change stands in.)
    await run(`UPDATE bookings SET requested_at = updated_at
      WHERE status IN ('pending_acceptance', 'confirmed', 'declined', 'no_show')
         OR (status = 'cancelled' AND (refund_amount IS NOT NULL OR consultation_id IS NOT NULL))`);

    await run(`CREATE FUNCTION bookings_mark_requested() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          NEW.requested_at := OLD.requested_at;
        ELSIF NEW.status IN ('held', 'expired') THEN
          NEW.requested_at := NULL;
        END IF;
        IF NEW.requested_at IS NULL AND NEW.status IN ('pending_acceptance', 'confirmed') THEN
          NEW.requested_at := now();
        END IF;
        RETURN NEW;
      END $$`);
    await run('REVOKE ALL ON FUNCTION bookings_mark_requested() FROM PUBLIC');
    await run('CREATE TRIGGER bookings_mark_requested BEFORE INSERT OR UPDATE ON bookings FOR EACH ROW EXECUTE FUNCTION bookings_mark_requested()');

    await replaceConsultantVisibility(run, 'requested');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await replaceConsultantVisibility(run, 'as before');
    await run('DROP TRIGGER bookings_mark_requested ON bookings');
    await run('DROP FUNCTION bookings_mark_requested()');
    await run(`ALTER TABLE "bookings" DROP COLUMN "requested_at"`);
  }
}

type ConsultantRule = 'requested' | 'as before';

/** "The acting person is the consultant of booking `alias`", under the rule. Before, the pet summary and the payment asked nothing more, the owner's row asked the status. */
function consultantOf(alias: string, rule: ConsultantRule, before = ''): string {
  if (rule === 'requested') return `(${alias}.consultant_id = app_current_user_id() AND ${alias}.requested_at IS NOT NULL)`;
  return before ? `(${alias}.consultant_id = app_current_user_id() AND ${before})` : `${alias}.consultant_id = app_current_user_id()`;
}

/** Every consultant-side rule on bookings: the row and its update, the owner's account row, the pet summary, the payment (and so its refunds). */
async function replaceConsultantVisibility(run: (sql: string) => Promise<unknown>, rule: ConsultantRule): Promise<void> {
  const consultantsRow = consultantOf('bookings', rule);
  await run('DROP POLICY bookings_visible ON bookings');
  await run(`CREATE POLICY bookings_visible ON bookings FOR SELECT USING (
      owner_id = app_current_user_id() OR ${consultantsRow}
      OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = bookings.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')))`);
  await run('DROP POLICY bookings_update ON bookings');
  await run(`CREATE POLICY bookings_update ON bookings FOR UPDATE
      USING (owner_id = app_current_user_id() OR ${consultantsRow})
      WITH CHECK (owner_id = app_current_user_id() OR ${consultantsRow})`);

  await run(`CREATE OR REPLACE FUNCTION app_is_booking_counterpart(p_user uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM bookings b WHERE
           (b.consultant_id = p_user AND b.owner_id = app_current_user_id())
        OR (b.owner_id = p_user AND ${consultantOf('b', rule, `b.status NOT IN ('held', 'expired')`)})) $$`);
  await run(`CREATE OR REPLACE FUNCTION booking_pet_summaries(p_ids uuid[])
      RETURNS TABLE (booking_id uuid, pet_id uuid, name text, species text)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT b.id, p.id, p.name, p.species FROM bookings b JOIN pets p ON p.id = b.pet_id
       WHERE b.id = ANY (p_ids) AND (b.owner_id = app_current_user_id() OR ${consultantOf('b', rule)}) $$`);

  await run('DROP POLICY payments_visible ON payments');
  await run(`CREATE POLICY payments_visible ON payments FOR SELECT USING (
      owner_id = app_current_user_id()
      OR EXISTS (SELECT 1 FROM bookings b WHERE b.id = payments.booking_id AND ${consultantOf('b', rule)})
      OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = payments.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')))`);
}
