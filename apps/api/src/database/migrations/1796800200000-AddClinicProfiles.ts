import type { MigrationInterface, QueryRunner } from 'typeorm';
import {
  APP_IS_ACTING_CLINIC_ADMIN,
  CLINIC_PROFILE_COLUMNS,
  CLINICS_UPDATE_BY_ADMINS,
} from '../../clinic-profiles/clinic-profiles.schema';

/**
 * A clinic's profile: postal address, default currency, time zone, what the directory shows
 * of it, and a logo stored encrypted like consultant photos. Only the clinic's admins, acting
 * in it, update the row (clinics_update allowed any member acting in it).
 */
export class AddClinicProfiles1796800200000 implements MigrationInterface {
  name = 'AddClinicProfiles1796800200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    // Also created by the clinic applications (operator) migration, in exactly these words.
    await run(`ALTER TABLE clinics ADD COLUMN IF NOT EXISTS time_zone text NOT NULL DEFAULT 'UTC'`);
    await run(`ALTER TABLE clinics
      ADD COLUMN address_lines text[] NOT NULL DEFAULT '{}',
      ADD COLUMN address_city varchar(100) NOT NULL DEFAULT '',
      ADD COLUMN address_postcode varchar(20) NOT NULL DEFAULT '',
      ADD COLUMN address_country char(2),
      ADD COLUMN default_currency char(3) NOT NULL DEFAULT 'EUR',
      ADD COLUMN directory_show_logo boolean NOT NULL DEFAULT false,
      ADD COLUMN directory_address varchar(8) NOT NULL DEFAULT 'none',
      ADD COLUMN logo_id uuid,
      ADD COLUMN logo_content_type varchar(100),
      ADD COLUMN logo_wrapped_key bytea,
      ADD COLUMN logo_master_key_id text,
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await run(`ALTER TABLE clinics ADD CONSTRAINT "clinics_address_lines" CHECK (cardinality("address_lines") <= 3)`);
    await run(`ALTER TABLE clinics ADD CONSTRAINT "clinics_address_country" CHECK ("address_country" ~ '^[A-Z]{2}$')`);
    await run(`ALTER TABLE clinics ADD CONSTRAINT "clinics_default_currency"
      CHECK ("default_currency" ~ '^[A-Z]{3}$')`);
    await run(`ALTER TABLE clinics ADD CONSTRAINT "clinics_directory_address"
      CHECK ("directory_address" IN ('none', 'city', 'full'))`);
    await run(`ALTER TABLE clinics ADD CONSTRAINT "clinics_logo_whole" CHECK (${LOGO_WHOLE})`);
    await run(APP_IS_ACTING_CLINIC_ADMIN);
    await run(`REVOKE ALL ON FUNCTION app_is_acting_clinic_admin(uuid) FROM PUBLIC`);
    await run(`GRANT EXECUTE ON FUNCTION app_is_acting_clinic_admin(uuid) TO vetmeet_app`);
    // IF EXISTS: another branch's migration may have replaced it first; other UPDATE policies stay.
    await run('DROP POLICY IF EXISTS clinics_update ON clinics');
    await run(CLINICS_UPDATE_BY_ADMINS);
    // Column grants only add: a table-wide REVOKE would take other migrations' column grants too.
    await run(`GRANT UPDATE (${CLINIC_PROFILE_COLUMNS.join(', ')}) ON clinics TO vetmeet_app`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    const added = CLINIC_PROFILE_COLUMNS.filter((column) => column !== 'name' && column !== 'time_zone');
    await run(`REVOKE UPDATE (${added.join(', ')}) ON clinics FROM vetmeet_app`);
    await run('DROP POLICY clinics_update_by_admins ON clinics');
    await run('CREATE POLICY clinics_update ON clinics FOR UPDATE USING (id = app_current_clinic_id())');
    await run('DROP FUNCTION app_is_acting_clinic_admin(uuid)');
    const constraints = ['logo_whole', 'directory_address', 'default_currency', 'address_country', 'address_lines'];
    for (const constraint of constraints) {
      await run(`ALTER TABLE clinics DROP CONSTRAINT "clinics_${constraint}"`);
    }
    // time_zone stays: the clinic applications migration owns it too.
    await run(`ALTER TABLE clinics ${added.map((column) => `DROP COLUMN ${column}`).join(', ')}`);
  }
}

const LOGO_COLUMNS = ['logo_id', 'logo_content_type', 'logo_wrapped_key', 'logo_master_key_id'];
/** A logo is all four columns or none. */
const LOGO_WHOLE =
  `(${LOGO_COLUMNS.map((column) => `"${column}" IS NULL`).join(' AND ')}) OR ` +
  `(${LOGO_COLUMNS.map((column) => `"${column}" IS NOT NULL`).join(' AND ')})`;
