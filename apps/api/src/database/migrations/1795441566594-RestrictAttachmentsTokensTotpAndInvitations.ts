import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access rules for the tables the previous migration made, deny by default as before:
 * - attachments belong to the pet's owner (and must hang off a pet the owner has);
 * - e-mail tokens and recovery codes are the account holder's; a token is redeemed before
 *   sign-in only through auth_redeem_email_token(), which marks it used atomically;
 * - invitations are the inviting clinic's; auth_invitation_for_token() shows one to the
 *   person holding its link, nothing more.
 */
export class RestrictAttachmentsTokensTotpAndInvitations1795441566594 implements MigrationInterface {
  name = 'RestrictAttachmentsTokensTotpAndInvitations1795441566594';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const table of ['pet_attachments', 'email_tokens', 'recovery_codes', 'invitations']) {
      await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
    }

    await run('GRANT SELECT, INSERT, DELETE ON pet_attachments TO vetmeet_app');
    await run(`CREATE POLICY attachments_owner ON pet_attachments FOR ALL USING (owner_id = app_current_user_id())
      WITH CHECK (owner_id = app_current_user_id() AND EXISTS (SELECT 1 FROM pets p WHERE p.id = pet_id AND p.owner_id = app_current_user_id()))`);

    await run('GRANT SELECT (id, user_id, purpose, expires_at, used_at, created_at), INSERT, UPDATE (used_at) ON email_tokens TO vetmeet_app');
    await run('CREATE POLICY email_tokens_own ON email_tokens FOR ALL USING (user_id = app_current_user_id()) WITH CHECK (user_id = app_current_user_id())');
    await run(`CREATE FUNCTION auth_redeem_email_token(p_token_hash bytea, p_purpose email_token_purpose) RETURNS uuid
      LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE email_tokens SET used_at = now()
       WHERE token_hash = p_token_hash AND purpose = p_purpose AND used_at IS NULL AND expires_at > now()
      RETURNING user_id $$`);

    await run('GRANT SELECT (totp_secret_wrapped, totp_enabled_at), UPDATE (totp_secret_wrapped, totp_enabled_at) ON users TO vetmeet_app');
    await run('GRANT UPDATE (second_factor_pending) ON sessions TO vetmeet_app');
    await run('GRANT SELECT (second_factor_pending) ON sessions TO vetmeet_app');
    await run('GRANT SELECT, INSERT, UPDATE (used_at), DELETE ON recovery_codes TO vetmeet_app');
    await run('CREATE POLICY recovery_codes_own ON recovery_codes FOR ALL USING (user_id = app_current_user_id()) WITH CHECK (user_id = app_current_user_id())');

    await run('GRANT SELECT (id, clinic_id, email, role, invited_by, expires_at, accepted_at, created_at), INSERT, UPDATE (accepted_at), DELETE ON invitations TO vetmeet_app');
    await run('CREATE POLICY invitations_clinic ON invitations FOR ALL USING (clinic_id = app_current_clinic_id()) WITH CHECK (clinic_id = app_current_clinic_id())');
    await run(`CREATE FUNCTION auth_invitation_for_token(p_token_hash bytea)
      RETURNS TABLE (invitation_id uuid, clinic_id uuid, clinic_name text, email citext, role staff_role, expires_at timestamptz, accepted_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      SELECT i.id, i.clinic_id, c.name, i.email, i.role, i.expires_at, i.accepted_at
        FROM invitations i JOIN clinics c ON c.id = i.clinic_id WHERE i.token_hash = p_token_hash $$`);

    // The session resolver now also needs to know whether the second factor is still due.
    await run('DROP FUNCTION auth_session_for_token(bytea)');
    await run(`CREATE FUNCTION auth_session_for_token(p_token_hash bytea)
      RETURNS TABLE (session_id uuid, user_id uuid, idle_expires_at timestamptz, absolute_expires_at timestamptz, revoked_at timestamptz, second_factor_pending boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, user_id, idle_expires_at, absolute_expires_at, revoked_at, second_factor_pending FROM sessions WHERE token_hash = p_token_hash $$`);

    for (const fn of ['auth_redeem_email_token(bytea, email_token_purpose)', 'auth_invitation_for_token(bytea)', 'auth_session_for_token(bytea)']) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP FUNCTION auth_session_for_token(bytea)');
    await run(`CREATE FUNCTION auth_session_for_token(p_token_hash bytea)
      RETURNS TABLE (session_id uuid, user_id uuid, idle_expires_at timestamptz, absolute_expires_at timestamptz, revoked_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, user_id, idle_expires_at, absolute_expires_at, revoked_at FROM sessions WHERE token_hash = p_token_hash $$`);
    await run('REVOKE ALL ON FUNCTION auth_session_for_token(bytea) FROM PUBLIC');
    await run('GRANT EXECUTE ON FUNCTION auth_session_for_token(bytea) TO vetmeet_app');
    await run('DROP FUNCTION auth_invitation_for_token(bytea)');
    await run('DROP FUNCTION auth_redeem_email_token(bytea, email_token_purpose)');
    await run('REVOKE SELECT (totp_secret_wrapped, totp_enabled_at), UPDATE (totp_secret_wrapped, totp_enabled_at) ON users FROM vetmeet_app');
    await run('REVOKE SELECT (second_factor_pending), UPDATE (second_factor_pending) ON sessions FROM vetmeet_app');
    for (const [policy, table] of [
      ['invitations_clinic', 'invitations'],
      ['recovery_codes_own', 'recovery_codes'],
      ['email_tokens_own', 'email_tokens'],
      ['attachments_owner', 'pet_attachments'],
    ]) {
      await run(`DROP POLICY ${policy} ON ${table}`);
      await run(`REVOKE ALL ON ${table} FROM vetmeet_app`);
      await run(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
    }
  }
}
