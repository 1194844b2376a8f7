import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who sees and makes bookings, in the database itself:
 * - a booking is visible to its owner and its consultant (whatever clinic they act in), and
 *   to the admins of its clinic acting in it; never to other staff of the clinic;
 * - an owner creates a hold for themselves only, for a pet of theirs, with a consultant of the
 *   named clinic; participants change its status; nobody deletes;
 * - bookings_no_overlap (in CreateBookings) cannot read the clock, so a lapsed hold blocks
 *   until something marks it expired: bookings_expire_lapsed_holds does, for one consultant
 *   (the insert path calls it first, in the same transaction) or for all (a sweep). It is
 *   SECURITY DEFINER because the lapsed hold is usually another owner's row; it only ever
 *   moves held rows whose hold_expires_at passed to 'expired'.
 */
export class RestrictBookingsToTheirParticipants1795454569964 implements MigrationInterface {
  name = 'RestrictBookingsToTheirParticipants1795454569964';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    // Already enabled by EnablePostgresExtensions; repeated so this file states what it relies on.
    await run('CREATE EXTENSION IF NOT EXISTS btree_gist');
    await run('ALTER TABLE bookings ENABLE ROW LEVEL SECURITY');

    // An owner cannot read other clinics' memberships: this answers only whether the pair fits.
    await run(`CREATE FUNCTION app_is_clinic_consultant(p_clinic uuid, p_user uuid) RETURNS boolean
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT EXISTS (SELECT 1 FROM clinic_memberships WHERE clinic_id = p_clinic AND user_id = p_user AND role = 'consultant') $$`);
    await run(`CREATE FUNCTION bookings_expire_lapsed_holds(p_consultant uuid)
      RETURNS TABLE (booking_id uuid, clinic_id uuid)
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE bookings SET status = 'expired', updated_at = now()
       WHERE bookings.status = 'held' AND bookings.hold_expires_at <= now()
         AND (p_consultant IS NULL OR bookings.consultant_id = p_consultant)
      RETURNING bookings.id, bookings.clinic_id $$`);

    await run('GRANT SELECT, INSERT ON bookings TO vetmeet_app');
    await run('GRANT UPDATE (status, hold_expires_at, consultation_id, updated_at) ON bookings TO vetmeet_app');
    await run(`CREATE POLICY bookings_visible ON bookings FOR SELECT USING (
      owner_id = app_current_user_id() OR consultant_id = app_current_user_id()
      OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = bookings.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')))`);
    await run(`CREATE POLICY bookings_insert ON bookings FOR INSERT WITH CHECK (
      owner_id = app_current_user_id() AND status = 'held' AND consultation_id IS NULL
      AND app_pet_belongs_to(pet_id, owner_id) AND app_is_clinic_consultant(clinic_id, consultant_id))`);
    await run(`CREATE POLICY bookings_update ON bookings FOR UPDATE
      USING (owner_id = app_current_user_id() OR consultant_id = app_current_user_id())
      WITH CHECK (owner_id = app_current_user_id() OR consultant_id = app_current_user_id())`);

    for (const fn of FUNCTIONS) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const policy of ['bookings_update', 'bookings_insert', 'bookings_visible']) await run(`DROP POLICY ${policy} ON bookings`);
    for (const fn of [...FUNCTIONS].reverse()) await run(`DROP FUNCTION ${fn}`);
    await run('REVOKE ALL ON bookings FROM vetmeet_app');
    await run('ALTER TABLE bookings DISABLE ROW LEVEL SECURITY');
    // btree_gist stays: EnablePostgresExtensions owns it.
  }
}

const FUNCTIONS = ['app_is_clinic_consultant(uuid, uuid)', 'bookings_expire_lapsed_holds(uuid)'];
