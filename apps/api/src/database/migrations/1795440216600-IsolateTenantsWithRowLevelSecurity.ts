import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deny by default, in the database itself. The runtime role (vetmeet_app) gets only the
 * privileges each table needs, and row-level security limits every row it can touch to
 * the acting person (app_current_user_id) and their clinic (app_current_clinic_id):
 * a query without that context matches nothing, whatever the service code does.
 *
 * - A clinic and its memberships are visible inside that clinic, and to the member.
 * - An account is visible to its holder, and to the clinic it works for.
 * - A password hash is never readable by the runtime role: sign-in goes through
 *   auth_credentials_for_email(), which returns it for one address only.
 * - A pet belongs to its owner; clinics will see pets through consultations (a later
 *   policy on the consultations table).
 */
export class IsolateTenantsWithRowLevelSecurity1795440216600 implements MigrationInterface {
  name = 'IsolateTenantsWithRowLevelSecurity1795440216600';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const table of ['clinics', 'clinic_memberships', 'users', 'pets']) {
      await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    }

    await run('GRANT SELECT, UPDATE (name) ON clinics TO vetmeet_app');
    await run(`CREATE POLICY clinics_visible ON clinics FOR SELECT USING (
      id = app_current_clinic_id()
      OR EXISTS (SELECT 1 FROM clinic_memberships m WHERE m.clinic_id = clinics.id AND m.user_id = app_current_user_id()))`);
    await run('CREATE POLICY clinics_update ON clinics FOR UPDATE USING (id = app_current_clinic_id())');

    await run('GRANT SELECT, INSERT, DELETE ON clinic_memberships TO vetmeet_app');
    await run(`CREATE POLICY memberships_visible ON clinic_memberships FOR SELECT
      USING (clinic_id = app_current_clinic_id() OR user_id = app_current_user_id())`);
    await run('CREATE POLICY memberships_insert ON clinic_memberships FOR INSERT WITH CHECK (clinic_id = app_current_clinic_id())');
    await run('CREATE POLICY memberships_delete ON clinic_memberships FOR DELETE USING (clinic_id = app_current_clinic_id())');

    const readableUserColumns =
      'id, email, email_verified_at, display_name, country, time_zone, adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at, created_at, updated_at';
    await run(`GRANT SELECT (${readableUserColumns}) ON users TO vetmeet_app`);
    await run('GRANT INSERT, DELETE ON users TO vetmeet_app');
    await run('GRANT UPDATE (email, email_verified_at, password_hash, display_name, country, time_zone, updated_at) ON users TO vetmeet_app');
    await run('CREATE POLICY users_self ON users FOR ALL USING (id = app_current_user_id()) WITH CHECK (id = app_current_user_id())');
    await run(`CREATE POLICY users_clinic_staff ON users FOR SELECT USING (
      EXISTS (SELECT 1 FROM clinic_memberships m WHERE m.user_id = users.id AND m.clinic_id = app_current_clinic_id()))`);
    // Before sign-in nobody is acting yet: this returns the one row needed, to a caller that
    // already knows the address, and nothing else.
    await run(`CREATE FUNCTION auth_credentials_for_email(p_email citext)
      RETURNS TABLE (user_id uuid, password_hash text, email_verified boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, password_hash, email_verified_at IS NOT NULL FROM users WHERE email = p_email $$`);
    await run('REVOKE ALL ON FUNCTION auth_credentials_for_email(citext) FROM PUBLIC');
    await run('GRANT EXECUTE ON FUNCTION auth_credentials_for_email(citext) TO vetmeet_app');

    await run('GRANT SELECT, INSERT, UPDATE, DELETE ON pets TO vetmeet_app');
    await run('CREATE POLICY pets_owner ON pets FOR ALL USING (owner_id = app_current_user_id()) WITH CHECK (owner_id = app_current_user_id())');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP FUNCTION auth_credentials_for_email(citext)');
    for (const [policy, table] of [
      ['pets_owner', 'pets'],
      ['users_clinic_staff', 'users'],
      ['users_self', 'users'],
      ['memberships_delete', 'clinic_memberships'],
      ['memberships_insert', 'clinic_memberships'],
      ['memberships_visible', 'clinic_memberships'],
      ['clinics_update', 'clinics'],
      ['clinics_visible', 'clinics'],
    ]) {
      await run(`DROP POLICY ${policy} ON ${table}`);
    }
    for (const table of ['clinics', 'clinic_memberships', 'users', 'pets']) {
      await run(`REVOKE ALL ON ${table} FROM vetmeet_app`);
      await run(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
