import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CONSENT_FUNCTIONS, CONSENT_POLICIES, CONSENT_STANDING_VIEW } from '../../consents/consents.schema';

/**
 * The consent ledger: per person and per consultation, who granted or withdrew `recording` or
 * `support_review`, when, under which privacy-policy version. Append-only for the runtime role
 * (SELECT, and INSERT of the stated columns only: the moment and the clinic are the database's),
 * a trigger refusing UPDATE and DELETE to everyone but the owner, under row-level security: a
 * person writes only their own rows, for a consultation they take part in; both participants read
 * the consultation's rows; nobody else does.
 * Current definitions: apps/api/src/consents/consents.schema.ts.
 */
export class CreateConsultationConsents1796700100000 implements MigrationInterface {
  name = 'CreateConsultationConsents1796700100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE TYPE consent_purpose AS ENUM ('recording', 'support_review')`);
    await run(`CREATE TABLE consultation_consents (
      id uuid NOT NULL DEFAULT gen_random_uuid(),
      consultation_id uuid NOT NULL,
      user_id uuid NOT NULL,
      purpose consent_purpose NOT NULL,
      granted boolean NOT NULL,
      policy_version text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT statement_timestamp(),
      clinic_id uuid NOT NULL,
      CONSTRAINT consultation_consents_pkey PRIMARY KEY (id),
      CONSTRAINT consultation_consents_consultation_fkey FOREIGN KEY (consultation_id)
        REFERENCES consultations (id) ON DELETE CASCADE,
      CONSTRAINT consultation_consents_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE RESTRICT,
      CONSTRAINT consultation_consents_clinic_fkey FOREIGN KEY (clinic_id) REFERENCES clinics (id) ON DELETE CASCADE,
      CONSTRAINT consultation_consents_policy_version_present CHECK (length(policy_version) BETWEEN 1 AND 64))`);
    await run(`CREATE INDEX consultation_consents_standing
      ON consultation_consents (consultation_id, user_id, purpose, recorded_at)`);
    await run('CREATE INDEX consultation_consents_clinic ON consultation_consents (clinic_id)');

    await run(CONSENT_FUNCTIONS.attributeClinic);
    await run(`CREATE TRIGGER consultation_consents_attribute_clinic BEFORE INSERT ON consultation_consents
      FOR EACH ROW EXECUTE FUNCTION consultation_consents_attribute_clinic()`);
    await run(CONSENT_FUNCTIONS.appendOnly);
    await run(`CREATE TRIGGER consultation_consents_append_only BEFORE UPDATE OR DELETE ON consultation_consents
      FOR EACH ROW EXECUTE FUNCTION consultation_consents_append_only()`);

    await run('ALTER TABLE consultation_consents ENABLE ROW LEVEL SECURITY');
    await run('REVOKE ALL ON consultation_consents FROM PUBLIC');
    await run('GRANT SELECT ON consultation_consents TO vetmeet_app');
    await run(`GRANT INSERT (consultation_id, user_id, purpose, granted, policy_version)
      ON consultation_consents TO vetmeet_app`);
    await run(CONSENT_POLICIES.visible);
    await run(CONSENT_POLICIES.insert);

    await run(CONSENT_FUNCTIONS.standing);
    await run(CONSENT_STANDING_VIEW);
    await run('REVOKE ALL ON consultation_consent_standing FROM PUBLIC');
    await run('GRANT SELECT ON consultation_consent_standing TO vetmeet_app');
    for (const fn of FUNCTIONS) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP VIEW consultation_consent_standing');
    await run('DROP FUNCTION consent_standing(uuid, uuid, consent_purpose)');
    await run('DROP TABLE consultation_consents');
    await run('DROP FUNCTION consultation_consents_append_only()');
    await run('DROP FUNCTION consultation_consents_attribute_clinic()');
    await run('DROP TYPE consent_purpose');
  }
}

const FUNCTIONS = ['consent_standing(uuid, uuid, consent_purpose)'];
