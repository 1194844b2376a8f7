import type { MigrationInterface, QueryRunner } from 'typeorm';
import { COUNTRY_CHECK, ONE_PENDING, REASON_CHECK } from '../../clinics/clinic.entity';
import { OPERATOR_FUNCTIONS, OPERATOR_FUNCTION_SIGNATURES, OPERATOR_POLICIES } from '../../operators/operators.schema';

/**
 * Clinics come into being by application: a verified account applies (status pending, itself the
 * applicant), a platform operator approves (the applicant becomes its first clinic admin) or
 * refuses it with a reason, and later suspends and reinstates it. Clinics that exist already are
 * approved. Operators are rows of platform_operators; they read clinics and nothing of a
 * clinic's data. Only approved clinics' consultants are in the directory and take bookings.
 * Current definitions: apps/api/src/operators/operators.schema.ts.
 */
export class OnboardClinicsThroughPlatformOperators1796800100000 implements MigrationInterface {
  name = 'OnboardClinicsThroughPlatformOperators1796800100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE TYPE clinic_status AS ENUM ('pending', 'approved', 'refused', 'suspended')`);
    await run(`ALTER TABLE clinics ADD COLUMN IF NOT EXISTS time_zone text NOT NULL DEFAULT 'UTC'`);
    // Every clinic before this one was made by hand and is open for business.
    await run(`ALTER TABLE clinics ADD COLUMN status clinic_status NOT NULL DEFAULT 'approved'`);
    await run(`ALTER TABLE clinics ALTER COLUMN status SET DEFAULT 'pending'`);
    await run(`ALTER TABLE clinics
      ADD COLUMN legal_entity text,
      ADD COLUMN country character(2),
      ADD COLUMN contact_name text,
      ADD COLUMN contact_email citext,
      ADD COLUMN contact_phone text,
      ADD COLUMN applicant_user_id uuid,
      ADD COLUMN status_reason text,
      ADD COLUMN status_changed_at timestamptz,
      ADD COLUMN status_changed_by uuid,
      ADD CONSTRAINT clinics_applicant_fkey FOREIGN KEY (applicant_user_id) REFERENCES users (id) ON DELETE SET NULL,
      ADD CONSTRAINT clinics_status_changed_by_fkey FOREIGN KEY (status_changed_by) REFERENCES users (id)
        ON DELETE SET NULL,
      ADD CONSTRAINT clinics_country_code CHECK (${COUNTRY_CHECK}),
      ADD CONSTRAINT clinics_reason_given CHECK (${REASON_CHECK})`);
    await run('CREATE INDEX clinics_by_status ON clinics (status, created_at, id)');
    await run(`CREATE UNIQUE INDEX clinics_one_pending_application ON clinics (applicant_user_id)
      WHERE ${ONE_PENDING}`);

    await run(`CREATE TABLE platform_operators (
      user_id uuid NOT NULL,
      granted_at timestamptz NOT NULL DEFAULT now(),
      granted_by uuid,
      CONSTRAINT platform_operators_pkey PRIMARY KEY (user_id),
      CONSTRAINT platform_operators_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      CONSTRAINT platform_operators_granted_by_fkey FOREIGN KEY (granted_by) REFERENCES users (id)
        ON DELETE SET NULL)`);
    await run('ALTER TABLE platform_operators ENABLE ROW LEVEL SECURITY');
    await run('REVOKE ALL ON platform_operators FROM PUBLIC');
    await run('GRANT SELECT, DELETE ON platform_operators TO vetmeet_app');

    for (const definition of Object.values(OPERATOR_FUNCTIONS)) await run(definition);
    for (const signature of OPERATOR_FUNCTION_SIGNATURES) {
      await run(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${signature} TO vetmeet_app`);
    }

    await run(`GRANT INSERT (id, name, legal_entity, country, time_zone, contact_name, contact_email, contact_phone,
      applicant_user_id) ON clinics TO vetmeet_app`);
    await run(OPERATOR_POLICIES.operatorsVisible);
    await run(OPERATOR_POLICIES.operatorsDelete);
    await run(OPERATOR_POLICIES.clinicsOfOperators);
    await run(OPERATOR_POLICIES.clinicsOfApplicant);
    await run(OPERATOR_POLICIES.clinicsApply);
    await run(OPERATOR_POLICIES.usersOfOperators);
    await run('DROP POLICY consultant_profiles_visible ON consultant_profiles');
    await run(OPERATOR_POLICIES.profilesVisible);
    await run('DROP POLICY clinics_of_published_consultants ON clinics');
    await run(OPERATOR_POLICIES.clinicsOfPublished);
    await run('DROP POLICY bookings_insert ON bookings');
    await run(OPERATOR_POLICIES.bookingsInsert);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP POLICY bookings_insert ON bookings');
    await run(`CREATE POLICY bookings_insert ON bookings FOR INSERT WITH CHECK (
      owner_id = app_current_user_id() AND status = 'held' AND consultation_id IS NULL
      AND app_pet_belongs_to(pet_id, owner_id) AND app_is_clinic_consultant(clinic_id, consultant_id))`);
    await run('DROP POLICY clinics_of_published_consultants ON clinics');
    await run(`CREATE POLICY clinics_of_published_consultants ON clinics FOR SELECT USING (
      EXISTS (SELECT 1 FROM consultant_profiles p WHERE p.clinic_id = clinics.id AND p.published))`);
    await run('DROP POLICY consultant_profiles_visible ON consultant_profiles');
    await run(`CREATE POLICY consultant_profiles_visible ON consultant_profiles FOR SELECT USING (
      (published AND app_is_clinic_consultant(clinic_id, consultant_id))
      OR consultant_id = app_current_user_id()
      OR (clinic_id = app_current_clinic_id() AND EXISTS (SELECT 1 FROM clinic_memberships m
        WHERE m.clinic_id = consultant_profiles.clinic_id AND m.user_id = app_current_user_id()
          AND m.role = 'clinic_admin')))`);
    await run('DROP POLICY users_seen_by_operators ON users');
    for (const policy of ['clinics_apply', 'clinics_applicant', 'clinics_operator']) {
      await run(`DROP POLICY ${policy} ON clinics`);
    }
    await run('REVOKE INSERT ON clinics FROM vetmeet_app');
    await run('DROP TABLE platform_operators');
    for (const signature of [...OPERATOR_FUNCTION_SIGNATURES].reverse()) await run(`DROP FUNCTION ${signature}`);
    await run('DROP INDEX clinics_one_pending_application');
    await run('DROP INDEX clinics_by_status');
    await run(`ALTER TABLE clinics DROP CONSTRAINT clinics_reason_given, DROP CONSTRAINT clinics_country_code,
      DROP COLUMN status_changed_by, DROP COLUMN status_changed_at, DROP COLUMN status_reason,
      DROP COLUMN applicant_user_id,
      DROP COLUMN contact_phone, DROP COLUMN contact_email, DROP COLUMN contact_name, DROP COLUMN country,
      DROP COLUMN legal_entity, DROP COLUMN status`);
    await run('DROP TYPE clinic_status');
  }
}
