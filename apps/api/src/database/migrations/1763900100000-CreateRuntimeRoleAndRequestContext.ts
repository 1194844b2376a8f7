import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The group role every runtime login role belongs to (vetmeet_app), and the two functions
 * row-level security policies read: who is acting and for which clinic. The app sets
 * them per transaction with set_config(..., true); when they are missing, every policy
 * compares with NULL and no row matches, so forgetting them denies rather than leaks.
 */
export class CreateRuntimeRoleAndRequestContext1763900100000 implements MigrationInterface {
  name = 'CreateRuntimeRoleAndRequestContext1763900100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Roles are cluster-wide: another database on the same server may have made it already.
    await queryRunner.query(`DO $$ BEGIN
      CREATE ROLE vetmeet_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await queryRunner.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    await queryRunner.query('GRANT USAGE ON SCHEMA public TO vetmeet_app');
    await queryRunner.query(`CREATE FUNCTION app_current_user_id() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$`);
    await queryRunner.query(`CREATE FUNCTION app_current_clinic_id() RETURNS uuid LANGUAGE sql STABLE
      AS $$ SELECT nullif(current_setting('app.clinic_id', true), '')::uuid $$`);
    await queryRunner.query('GRANT EXECUTE ON FUNCTION app_current_user_id(), app_current_clinic_id() TO vetmeet_app');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP FUNCTION app_current_clinic_id()');
    await queryRunner.query('DROP FUNCTION app_current_user_id()');
    await queryRunner.query('REVOKE USAGE ON SCHEMA public FROM vetmeet_app');
    await queryRunner.query('GRANT USAGE, CREATE ON SCHEMA public TO PUBLIC');
  }
}
