import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SSO_FUNCTIONS, SSO_POLICIES } from '../../sso/sso.schema';

/**
 * A clinic's SSO domain routes sign-ins only once the clinic proved it holds it (a DNS TXT record
 * with the domain's token): before, any clinic admin could bind someone else's domain to a provider
 * of their own and sign in as that domain's people. Several clinics may claim a domain; one at most
 * verifies it (a unique index over verified rows). Domains kept from before start unverified.
 * Provider identities (issuer, subject) are linked to the account they first signed in, per clinic,
 * so a later answer with the same e-mail and another subject, or the reverse, is refused.
 * Current definitions: apps/api/src/sso/sso.schema.ts.
 */
export class VerifyClinicSsoDomains1796800450000 implements MigrationInterface {
  name = 'VerifyClinicSsoDomains1796800450000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('ALTER TABLE clinic_sso_domains DROP CONSTRAINT clinic_sso_domains_pkey');
    await run(`ALTER TABLE clinic_sso_domains
      ADD COLUMN verification_token text NOT NULL DEFAULT replace(gen_random_uuid()::text, '-', ''),
      ADD COLUMN verified_at timestamptz,
      ADD CONSTRAINT clinic_sso_domains_pkey PRIMARY KEY (clinic_id, domain),
      ADD CONSTRAINT clinic_sso_domains_token_length CHECK (length(verification_token) BETWEEN 20 AND 100)`);
    await run('ALTER TABLE clinic_sso_domains ALTER COLUMN verification_token DROP DEFAULT');
    await run(`CREATE UNIQUE INDEX clinic_sso_domains_verified_once ON clinic_sso_domains (domain)
      WHERE verified_at IS NOT NULL`);
    // A domain is claimed unverified; only the update after the DNS check marks it verified.
    await run('REVOKE INSERT ON clinic_sso_domains FROM vetmeet_app');
    await run('GRANT INSERT (domain, clinic_id, verification_token) ON clinic_sso_domains TO vetmeet_app');
    await run('GRANT UPDATE (verified_at) ON clinic_sso_domains TO vetmeet_app');

    await run(`CREATE TABLE clinic_sso_identities (
      clinic_id uuid NOT NULL,
      issuer text NOT NULL,
      subject text NOT NULL,
      user_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT clinic_sso_identities_pkey PRIMARY KEY (clinic_id, issuer, subject),
      CONSTRAINT clinic_sso_identities_one_per_account UNIQUE (clinic_id, issuer, user_id),
      CONSTRAINT clinic_sso_identities_clinic_fkey FOREIGN KEY (clinic_id) REFERENCES clinics (id) ON DELETE CASCADE,
      CONSTRAINT clinic_sso_identities_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
      CONSTRAINT clinic_sso_identities_subject_length CHECK (length(subject) BETWEEN 1 AND 255))`);
    await run('ALTER TABLE clinic_sso_identities ENABLE ROW LEVEL SECURITY');
    await run('REVOKE ALL ON clinic_sso_identities FROM PUBLIC');
    await run('GRANT SELECT, INSERT ON clinic_sso_identities TO vetmeet_app');
    await run(SSO_POLICIES.identities);

    await run(SSO_FUNCTIONS.providerForDomain);
    await run(SSO_FUNCTIONS.providerForClinic);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP TABLE clinic_sso_identities');
    await run('DROP INDEX clinic_sso_domains_verified_once');
    await run('REVOKE INSERT, UPDATE ON clinic_sso_domains FROM vetmeet_app');
    await run('GRANT INSERT ON clinic_sso_domains TO vetmeet_app');
    // The old primary key held each domain once: of several claims, the verified one stays, else any one.
    await run(`DELETE FROM clinic_sso_domains a USING clinic_sso_domains b
      WHERE a.domain = b.domain AND (a.verified_at IS NULL, a.ctid) > (b.verified_at IS NULL, b.ctid)`);
    await run(`ALTER TABLE clinic_sso_domains DROP CONSTRAINT clinic_sso_domains_pkey,
      DROP COLUMN verification_token, DROP COLUMN verified_at,
      ADD CONSTRAINT clinic_sso_domains_pkey PRIMARY KEY (domain)`);
  }
}
