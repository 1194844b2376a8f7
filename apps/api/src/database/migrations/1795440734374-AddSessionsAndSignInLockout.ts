import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Server-side sessions and sign-in lockout. Generated, then extended by hand with the
 * access rules: a person sees and ends only their own sessions; before sign-in, two narrow
 * SECURITY DEFINER functions look up a session by its token hash and count failed
 * sign-ins, so the runtime role never reads token hashes or lockout counters directly.
 */
export class AddSessionsAndSignInLockout1795440734374 implements MigrationInterface {
  name = 'AddSessionsAndSignInLockout1795440734374';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "idle_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "absolute_expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" inet, "user_agent" text, CONSTRAINT "UQ_abaa9e068cdd390bc5210f79884" UNIQUE ("token_hash"), CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_085d540d9f418cfbdc7bd55bb1" ON "sessions"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "users" ADD "failed_sign_ins" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "users" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE sessions ENABLE ROW LEVEL SECURITY`);
    await queryRunner.query(`GRANT SELECT (id, user_id, created_at, last_seen_at, idle_expires_at, absolute_expires_at, revoked_at, ip, user_agent) ON sessions TO vetmeet_app`);
    await queryRunner.query(`GRANT INSERT ON sessions TO vetmeet_app`);
    await queryRunner.query(`GRANT UPDATE (last_seen_at, idle_expires_at, revoked_at) ON sessions TO vetmeet_app`);
    await queryRunner.query(`CREATE POLICY sessions_own ON sessions FOR ALL USING (user_id = app_current_user_id()) WITH CHECK (user_id = app_current_user_id())`);
    await queryRunner.query(`CREATE FUNCTION auth_session_for_token(p_token_hash bytea)
      RETURNS TABLE (session_id uuid, user_id uuid, idle_expires_at timestamptz, absolute_expires_at timestamptz, revoked_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, user_id, idle_expires_at, absolute_expires_at, revoked_at FROM sessions WHERE token_hash = p_token_hash $$`);
    await queryRunner.query(`DROP FUNCTION auth_credentials_for_email(citext)`);
    await queryRunner.query(`CREATE FUNCTION auth_credentials_for_email(p_email citext)
      RETURNS TABLE (user_id uuid, password_hash text, email_verified boolean, locked_until timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, password_hash, email_verified_at IS NOT NULL, locked_until FROM users WHERE email = p_email $$`);
    // One place decides lockout, atomically: concurrent wrong guesses cannot race past the limit.
    await queryRunner.query(`CREATE FUNCTION auth_record_sign_in(p_user_id uuid, p_succeeded boolean, p_max_failures integer, p_lock interval)
      RETURNS timestamptz LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
      UPDATE users SET
        failed_sign_ins = CASE WHEN p_succeeded THEN 0 ELSE failed_sign_ins + 1 END,
        locked_until = CASE
          WHEN p_succeeded THEN NULL
          WHEN failed_sign_ins + 1 >= p_max_failures THEN now() + p_lock
          ELSE locked_until END
      WHERE id = p_user_id
      RETURNING locked_until $$`);
    for (const fn of ['auth_session_for_token(bytea)', 'auth_credentials_for_email(citext)', 'auth_record_sign_in(uuid, boolean, integer, interval)']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await queryRunner.query(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION auth_record_sign_in(uuid, boolean, integer, interval)`);
    await queryRunner.query(`DROP FUNCTION auth_credentials_for_email(citext)`);
    await queryRunner.query(`CREATE FUNCTION auth_credentials_for_email(p_email citext)
      RETURNS TABLE (user_id uuid, password_hash text, email_verified boolean)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
      AS $$ SELECT id, password_hash, email_verified_at IS NOT NULL FROM users WHERE email = p_email $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION auth_credentials_for_email(citext) FROM PUBLIC`);
    await queryRunner.query(`GRANT EXECUTE ON FUNCTION auth_credentials_for_email(citext) TO vetmeet_app`);
    await queryRunner.query(`DROP FUNCTION auth_session_for_token(bytea)`);
    await queryRunner.query(`DROP POLICY sessions_own ON sessions`);
    await queryRunner.query(`REVOKE ALL ON sessions FROM vetmeet_app`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "locked_until"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "failed_sign_ins"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_085d540d9f418cfbdc7bd55bb1"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
  }
}
