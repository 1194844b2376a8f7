import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who sees and changes consultant profiles, in the database itself:
 * - a published profile of a current consultant of its clinic is readable by anyone, signed
 *   in or not (the directory), and so is that clinic's name; its time off too, because the
 *   slots anyone may see are computed from it (the API never returns it to them);
 * - a consultant reads their own profile from anywhere, and creates and changes it only
 *   acting in its clinic, of which they must be a consultant; nobody deletes one;
 * - the admins of a clinic, acting in it, read its consultants' profiles;
 * - consultant_busy_intervals answers when a consultant is taken, for slot computation by
 *   anyone (an owner cannot read other owners' bookings): only the times of blocking
 *   bookings and whether each is a hold, nothing else about them. SECURITY DEFINER, like
 *   bookings_expire_lapsed_holds; a held booking counts only while its hold is live.
 */
export class RestrictConsultantProfiles1795456943850 implements MigrationInterface {
  name = 'RestrictConsultantProfiles1795456943850';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const table of ['consultant_profiles', 'consultant_time_off']) await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);

    await run('GRANT SELECT, INSERT ON consultant_profiles TO vetmeet_app');
    await run(`GRANT UPDATE (${UPDATABLE_PROFILE_COLUMNS.join(', ')}) ON consultant_profiles TO vetmeet_app`);
    await run(`CREATE POLICY consultant_profiles_visible ON consultant_profiles FOR SELECT USING (
      (published AND app_is_clinic_consultant(clinic_id, consultant_id))
      OR consultant_id = app_current_user_id()
      OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = consultant_profiles.clinic_id AND m.user_id = app_current_user_id() AND m.role = 'clinic_admin')))`);
    await run(`CREATE POLICY consultant_profiles_insert ON consultant_profiles FOR INSERT WITH CHECK (
      consultant_id = app_current_user_id() AND clinic_id = app_current_clinic_id() AND app_is_clinic_consultant(clinic_id, consultant_id))`);
    await run(`CREATE POLICY consultant_profiles_update ON consultant_profiles FOR UPDATE
      USING (consultant_id = app_current_user_id() AND clinic_id = app_current_clinic_id())
      WITH CHECK (consultant_id = app_current_user_id() AND clinic_id = app_current_clinic_id() AND app_is_clinic_consultant(clinic_id, consultant_id))`);

    await run('GRANT SELECT, INSERT, DELETE ON consultant_time_off TO vetmeet_app');
    // Visible exactly when its profile is: the subquery is itself under consultant_profiles_visible.
    await run(`CREATE POLICY consultant_time_off_visible ON consultant_time_off FOR SELECT USING (
      EXISTS (SELECT 1 FROM consultant_profiles p WHERE p.consultant_id = consultant_time_off.consultant_id))`);
    const ownInClinic = `consultant_id = app_current_user_id() AND EXISTS (SELECT 1 FROM consultant_profiles p
        WHERE p.consultant_id = consultant_time_off.consultant_id AND p.clinic_id = app_current_clinic_id())`;
    await run(`CREATE POLICY consultant_time_off_insert ON consultant_time_off FOR INSERT WITH CHECK (${ownInClinic})`);
    await run(`CREATE POLICY consultant_time_off_delete ON consultant_time_off FOR DELETE USING (${ownInClinic})`);

    await run(`CREATE POLICY clinics_of_published_consultants ON clinics FOR SELECT USING (
      EXISTS (SELECT 1 FROM consultant_profiles p WHERE p.clinic_id = clinics.id AND p.published))`);

    await run(`CREATE FUNCTION consultant_busy_intervals(p_consultant uuid, p_from timestamptz, p_to timestamptz, p_except uuid)
      RETURNS TABLE (starts_at timestamptz, ends_at timestamptz, is_hold boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT b.starts_at, b.ends_at, b.status = 'held'
        FROM bookings b
       WHERE b.consultant_id = p_consultant
         AND (b.status IN ('pending_acceptance', 'confirmed') OR (b.status = 'held' AND b.hold_expires_at > now()))
         AND b.blocked_until > p_from AND b.blocked_from < p_to
         AND (p_except IS NULL OR b.id <> p_except)
       ORDER BY b.starts_at $$`);
    await run(`REVOKE ALL ON FUNCTION ${BUSY_FUNCTION} FROM PUBLIC`);
    await run(`GRANT EXECUTE ON FUNCTION ${BUSY_FUNCTION} TO vetmeet_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`DROP FUNCTION ${BUSY_FUNCTION}`);
    await run('DROP POLICY clinics_of_published_consultants ON clinics');
    for (const policy of ['consultant_time_off_delete', 'consultant_time_off_insert', 'consultant_time_off_visible']) await run(`DROP POLICY ${policy} ON consultant_time_off`);
    for (const policy of ['consultant_profiles_update', 'consultant_profiles_insert', 'consultant_profiles_visible']) await run(`DROP POLICY ${policy} ON consultant_profiles`);
    for (const table of ['consultant_time_off', 'consultant_profiles']) {
      await run(`REVOKE ALL ON ${table} FROM vetmeet_app`);
      await run(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}

const BUSY_FUNCTION = 'consultant_busy_intervals(uuid, timestamptz, timestamptz, uuid)';
// Not consultant_id or clinic_id: a profile stays its consultant's, in its clinic.
const UPDATABLE_PROFILE_COLUMNS = [
  'display_name',
  'specialties',
  'species',
  'languages',
  'bio',
  'time_zone',
  'price_currency',
  'offerings',
  'weekly_rules',
  'date_overrides',
  'buffer_before_minutes',
  'buffer_after_minutes',
  'minimum_notice_minutes',
  'horizon_days',
  'daily_limit',
  'step_minutes',
  'auto_accept',
  'published',
  'photo_id',
  'photo_content_type',
  'photo_wrapped_key',
  'photo_master_key_id',
  'updated_at',
];
