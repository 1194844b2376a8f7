import type { MigrationInterface, QueryRunner } from 'typeorm';
import { SSO_POLICIES } from '../../sso/sso.schema';

/**
 * A clinic's SSO provider (its sealed client secret, its issuer) and its domains were open to any
 * staff member acting in the clinic, consultants and support included, while only its admins
 * keep them: the service checked, the database did not. Now the database asks for the acting
 * clinic admin too (app_is_acting_clinic_admin), as clinic payment accounts do. The sign-in reads
 * providers only through its SECURITY DEFINER functions, and provider identities stay the clinic's.
 * Current definitions: apps/api/src/sso/sso.schema.ts.
 */
export class KeepClinicSsoSettingsToAdmins1796800470000 implements MigrationInterface {
  name = 'KeepClinicSsoSettingsToAdmins1796800470000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP POLICY clinic_sso_providers_clinic ON clinic_sso_providers');
    await run('DROP POLICY clinic_sso_domains_clinic ON clinic_sso_domains');
    await run(SSO_POLICIES.providers);
    await run(SSO_POLICIES.domains);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const run = (sql: string) => queryRunner.query(sql);
    await run('DROP POLICY clinic_sso_providers_admins ON clinic_sso_providers');
    await run('DROP POLICY clinic_sso_domains_admins ON clinic_sso_domains');
    await run(`CREATE POLICY clinic_sso_providers_clinic ON clinic_sso_providers FOR ALL
      USING (clinic_id = app_current_clinic_id()) WITH CHECK (clinic_id = app_current_clinic_id())`);
    await run(`CREATE POLICY clinic_sso_domains_clinic ON clinic_sso_domains FOR ALL
      USING (clinic_id = app_current_clinic_id()) WITH CHECK (clinic_id = app_current_clinic_id())`);
  }
}
