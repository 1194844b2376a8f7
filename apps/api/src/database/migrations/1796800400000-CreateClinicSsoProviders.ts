import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SSO_FUNCTION_SIGNATURES, SSO_FUNCTIONS, SSO_POLICIES } from '../../sso/sso.schema-1796800400000';

/**
 * Single sign-on for clinic staff: each clinic's OpenID Connect provider (its client secret sealed
 * under a data key that the master key ring wraps), the e-mail domains bound to it (each to one
 * clinic only: the primary key), and the sign-in attempts in flight. Providers and domains are the
 * clinic's rows under row-level security; attempts have no policy at all, so the runtime role
 * reaches them only through the functions that begin and take one.
 * Its definitions, frozen: apps/api/src/sso/sso.schema-1796800400000.ts.
 */
export class CreateClinicSsoProviders1796800400000 implements MigrationInterface {
  name = 'CreateClinicSsoProviders1796800400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run(`CREATE TABLE clinic_sso_providers (
      clinic_id uuid NOT NULL,
      issuer text NOT NULL,
      client_id text NOT NULL,
      client_secret_key_wrapped bytea NOT NULL,
      client_secret_sealed bytea NOT NULL,
      just_in_time_role staff_role,
      updated_by uuid NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT clinic_sso_providers_pkey PRIMARY KEY (clinic_id),
      CONSTRAINT clinic_sso_providers_clinic_fkey FOREIGN KEY (clinic_id) REFERENCES clinics (id) ON DELETE CASCADE,
      CONSTRAINT clinic_sso_providers_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE RESTRICT,
      CONSTRAINT clinic_sso_providers_issuer_length CHECK (length(issuer) BETWEEN 8 AND 500),
      CONSTRAINT clinic_sso_providers_client_id_length CHECK (length(client_id) BETWEEN 1 AND 255),
      CONSTRAINT clinic_sso_providers_no_admin_by_sso CHECK (just_in_time_role IS DISTINCT FROM 'clinic_admin'))`);
    await run(`CREATE TABLE clinic_sso_domains (
      domain citext NOT NULL,
      clinic_id uuid NOT NULL,
      CONSTRAINT clinic_sso_domains_pkey PRIMARY KEY (domain),
      CONSTRAINT clinic_sso_domains_provider_fkey FOREIGN KEY (clinic_id)
        REFERENCES clinic_sso_providers (clinic_id) ON DELETE CASCADE)`);
    await run('CREATE INDEX clinic_sso_domains_clinic ON clinic_sso_domains (clinic_id)');
    await run(`CREATE TABLE sso_sign_in_attempts (
      browser_hash bytea NOT NULL,
      clinic_id uuid NOT NULL,
      state jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      CONSTRAINT sso_sign_in_attempts_pkey PRIMARY KEY (browser_hash),
      CONSTRAINT sso_sign_in_attempts_clinic_fkey FOREIGN KEY (clinic_id) REFERENCES clinics (id) ON DELETE CASCADE)`);
    await run('CREATE INDEX sso_sign_in_attempts_expiry ON sso_sign_in_attempts (expires_at)');

    for (const table of ['clinic_sso_providers', 'clinic_sso_domains', 'sso_sign_in_attempts']) {
      await run(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await run(`REVOKE ALL ON ${table} FROM PUBLIC`);
    }
    await run('GRANT SELECT, INSERT, UPDATE, DELETE ON clinic_sso_providers TO vetmeet_app');
    await run('GRANT SELECT, INSERT, DELETE ON clinic_sso_domains TO vetmeet_app');
    await run(SSO_POLICIES.providers);
    await run(SSO_POLICIES.domains);

    for (const definition of Object.values(SSO_FUNCTIONS)) await run(definition);
    for (const fn of SSO_FUNCTION_SIGNATURES) {
      await run(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await run(`GRANT EXECUTE ON FUNCTION ${fn} TO vetmeet_app`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    for (const fn of SSO_FUNCTION_SIGNATURES) await run(`DROP FUNCTION ${fn}`);
    await run('DROP TABLE sso_sign_in_attempts');
    await run('DROP TABLE clinic_sso_domains');
    await run('DROP TABLE clinic_sso_providers');
  }
}
