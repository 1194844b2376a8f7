/**
 * The current definition of single sign-on's rules in PostgreSQL (migrations are its history:
 * 1796800400000-CreateClinicSsoProviders, 1796800450000-VerifyClinicSsoDomains,
 * 1796800470000-KeepClinicSsoSettingsToAdmins). A clinic's provider, its e-mail domains (each
 * proved by a DNS record before it routes anyone) and the provider identities linked to accounts
 * are the clinic's rows: the provider and domains only its admins acting in it read or write
 * (SsoSettingsService), the identities any transaction acting in it (the sign-in acting as the
 * person in the clinic). Before sign-in nobody acts yet, so the sign-in reads one provider through
 * narrow SECURITY DEFINER functions, and its attempts (state, nonce, PKCE verifier, bound to the
 * browser by a cookie's hash) are reachable only through functions that take them once.
 */
export const SSO_POLICIES = {
  /** The provider and its domains are the clinic admins' settings (1796800470000): other staff reach neither. */
  providers: `CREATE POLICY clinic_sso_providers_admins ON clinic_sso_providers FOR ALL
    USING (app_is_acting_clinic_admin(clinic_id)) WITH CHECK (app_is_acting_clinic_admin(clinic_id))`,
  domains: `CREATE POLICY clinic_sso_domains_admins ON clinic_sso_domains FOR ALL
    USING (app_is_acting_clinic_admin(clinic_id)) WITH CHECK (app_is_acting_clinic_admin(clinic_id))`,
  identities: `CREATE POLICY clinic_sso_identities_clinic ON clinic_sso_identities FOR ALL
    USING (clinic_id = app_current_clinic_id()) WITH CHECK (clinic_id = app_current_clinic_id())`,
} as const;

/**
 * What the sign-in needs of a provider: never more than one clinic's, found by domain or by id, with
 * its verified domains only (an unverified one is a claim, not proof that the clinic holds it).
 */
const PROVIDER_COLUMNS = `p.clinic_id, p.issuer, p.client_id, p.client_secret_key_wrapped, p.client_secret_sealed,
  p.just_in_time_role, p.updated_at,
  ARRAY(SELECT d.domain::text FROM clinic_sso_domains d
         WHERE d.clinic_id = p.clinic_id AND d.verified_at IS NOT NULL ORDER BY d.domain) AS domains`;

const PROVIDER_RETURNS = `TABLE (clinic_id uuid, issuer text, client_id text, client_secret_key_wrapped bytea,
  client_secret_sealed bytea, just_in_time_role staff_role, updated_at timestamptz, domains text[])`;

export const SSO_FUNCTIONS = {
  /**
   * The provider of the clinic that verified an e-mail domain (one at most: a unique index), to a
   * caller who already knows the domain. Clinics that only claim it route nobody.
   */
  providerForDomain: `CREATE OR REPLACE FUNCTION sso_provider_for_domain(p_domain citext) RETURNS ${PROVIDER_RETURNS}
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT ${PROVIDER_COLUMNS} FROM clinic_sso_providers p
      JOIN clinic_sso_domains owner ON owner.clinic_id = p.clinic_id
      WHERE owner.domain = p_domain AND owner.verified_at IS NOT NULL $$`,
  /** The provider of the clinic a sign-in attempt was started for. */
  providerForClinic: `CREATE OR REPLACE FUNCTION sso_provider_for_clinic(p_clinic uuid) RETURNS ${PROVIDER_RETURNS}
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    SELECT ${PROVIDER_COLUMNS} FROM clinic_sso_providers p WHERE p.clinic_id = p_clinic $$`,
  /** Keeps one attempt's state; the browser holds only the random value whose hash finds it. */
  beginAttempt: `CREATE OR REPLACE FUNCTION sso_attempt_begin(p_browser_hash bytea, p_clinic uuid, p_state jsonb,
      p_lifetime interval) RETURNS void
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    DELETE FROM sso_sign_in_attempts WHERE expires_at < now();
    INSERT INTO sso_sign_in_attempts (browser_hash, clinic_id, state, expires_at)
      VALUES (p_browser_hash, p_clinic, p_state, now() + p_lifetime) $$`,
  /**
   * Takes an attempt once: the row is deleted as it is read, so of two callbacks with the same
   * state (a replay, or two nodes at once) only one gets it. An expired one is taken and not returned.
   */
  takeAttempt: `CREATE OR REPLACE FUNCTION sso_attempt_take(p_browser_hash bytea)
    RETURNS TABLE (clinic_id uuid, state jsonb)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH taken AS (DELETE FROM sso_sign_in_attempts WHERE browser_hash = p_browser_hash
      RETURNING clinic_id, state, expires_at)
    SELECT clinic_id, state FROM taken WHERE expires_at > now() $$`,
} as const;

export const SSO_FUNCTION_SIGNATURES = [
  'sso_provider_for_domain(citext)',
  'sso_provider_for_clinic(uuid)',
  'sso_attempt_begin(bytea, uuid, jsonb, interval)',
  'sso_attempt_take(bytea)',
];
