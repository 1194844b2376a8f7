import type { EntityManager } from 'typeorm';
import type { JustInTimeRoleValue } from '@vetmeet/contracts';
import type { SealedClientSecret } from './client-secret-box';

/** A clinic's provider as the sign-in and the settings read it. */
export interface StoredProvider {
  clinicId: string;
  issuer: string;
  clientId: string;
  clientSecret: SealedClientSecret;
  justInTimeRole: JustInTimeRoleValue | null;
  /** Its verified domains: the only ones whose addresses it signs in. */
  domains: string[];
  updatedAt: Date;
}

/** A domain the clinic claims, and whether (when) it proved holding it. */
export interface ClaimedDomain {
  domain: string;
  verificationToken: string;
  verifiedAt: Date | null;
}

interface ProviderRow {
  clinic_id: string;
  issuer: string;
  client_id: string;
  client_secret_key_wrapped: Buffer;
  client_secret_sealed: Buffer;
  just_in_time_role: JustInTimeRoleValue | null;
  updated_at: Date;
  domains: string[];
}

export interface ProviderChange {
  issuer: string;
  clientId: string;
  clientSecret: SealedClientSecret;
  justInTimeRole: JustInTimeRoleValue | null;
  /** Every domain claimed, each with the token a new one gets; one kept from before keeps its own. */
  domains: { domain: string; verificationToken: string }[];
}

const toProvider = (row: ProviderRow): StoredProvider => ({
  clinicId: row.clinic_id,
  issuer: row.issuer,
  clientId: row.client_id,
  clientSecret: { keyWrapped: row.client_secret_key_wrapped, sealed: row.client_secret_sealed },
  justInTimeRole: row.just_in_time_role,
  domains: row.domains,
  updatedAt: row.updated_at,
});

/**
 * Single sign-on's SQL (sso.schema.ts), in the caller's transaction and acting scope. A clinic's
 * provider and domains under row-level security (acting in the clinic); before sign-in, the
 * SECURITY DEFINER functions that find one provider and begin or take one attempt.
 */
export class SsoRepository {
  constructor(private readonly manager: EntityManager) {}

  async providerOf(clinicId: string): Promise<StoredProvider | undefined> {
    const [row] = await this.manager.query<ProviderRow[]>(
      `SELECT p.clinic_id, p.issuer, p.client_id, p.client_secret_key_wrapped, p.client_secret_sealed,
              p.just_in_time_role, p.updated_at,
              ARRAY(SELECT d.domain::text FROM clinic_sso_domains d
                     WHERE d.clinic_id = p.clinic_id AND d.verified_at IS NOT NULL ORDER BY d.domain) AS domains
         FROM clinic_sso_providers p WHERE p.clinic_id = $1`,
      [clinicId],
    );
    return row && toProvider(row);
  }

  async domainsOf(clinicId: string): Promise<ClaimedDomain[]> {
    const rows = await this.manager.query<{ domain: string; verification_token: string; verified_at: Date | null }[]>(
      `SELECT domain::text, verification_token, verified_at FROM clinic_sso_domains
        WHERE clinic_id = $1 ORDER BY domain`,
      [clinicId],
    );
    return rows.map((row) => ({
      domain: row.domain,
      verificationToken: row.verification_token,
      verifiedAt: row.verified_at,
    }));
  }

  /**
   * Proof found: the domain routes to this clinic from now on. A domain another clinic verified
   * first fails the unique index over verified domains (23505).
   */
  async markVerified(clinicId: string, domain: string): Promise<void> {
    await this.manager.query(
      `UPDATE clinic_sso_domains SET verified_at = now()
        WHERE clinic_id = $1 AND domain = $2 AND verified_at IS NULL`,
      [clinicId, domain],
    );
  }

  /** Replaces the clinic's provider and its list of domains; a domain kept keeps its token and verification. */
  async save(clinicId: string, change: ProviderChange, updatedBy: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO clinic_sso_providers
         (clinic_id, issuer, client_id, client_secret_key_wrapped, client_secret_sealed, just_in_time_role, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (clinic_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
         client_secret_key_wrapped = EXCLUDED.client_secret_key_wrapped,
         client_secret_sealed = EXCLUDED.client_secret_sealed,
         just_in_time_role = EXCLUDED.just_in_time_role, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        clinicId,
        change.issuer,
        change.clientId,
        change.clientSecret.keyWrapped,
        change.clientSecret.sealed,
        change.justInTimeRole,
        updatedBy,
      ],
    );
    const names = change.domains.map((claimed) => claimed.domain);
    await this.manager.query('DELETE FROM clinic_sso_domains WHERE clinic_id = $1 AND domain <> ALL($2::citext[])', [
      clinicId,
      names,
    ]);
    await this.manager.query(
      `INSERT INTO clinic_sso_domains (domain, clinic_id, verification_token)
       SELECT name, $1, token FROM unnest($2::citext[], $3::text[]) AS claimed (name, token)
       ON CONFLICT (clinic_id, domain) DO NOTHING`,
      [clinicId, names, change.domains.map((claimed) => claimed.verificationToken)],
    );
  }

  async remove(clinicId: string): Promise<boolean> {
    const [, deleted] = await this.manager.query<[unknown[], number]>(
      'DELETE FROM clinic_sso_providers WHERE clinic_id = $1',
      [clinicId],
    );
    return deleted > 0;
  }

  async providerForDomain(domain: string): Promise<StoredProvider | undefined> {
    const [row] = await this.manager.query<ProviderRow[]>('SELECT * FROM sso_provider_for_domain($1)', [domain]);
    return row && toProvider(row);
  }

  async providerForClinic(clinicId: string): Promise<StoredProvider | undefined> {
    const [row] = await this.manager.query<ProviderRow[]>('SELECT * FROM sso_provider_for_clinic($1)', [clinicId]);
    return row && toProvider(row);
  }

  async beginAttempt(browserHash: Buffer, clinicId: string, state: object, lifetimeSeconds: number): Promise<void> {
    await this.manager.query(`SELECT sso_attempt_begin($1, $2, $3, $4 * interval '1 second')`, [
      browserHash,
      clinicId,
      JSON.stringify(state),
      lifetimeSeconds,
    ]);
  }

  /** The attempt, once: a second take of the same one finds nothing. */
  async takeAttempt(browserHash: Buffer): Promise<{ clinicId: string; state: Record<string, unknown> } | undefined> {
    const [row] = await this.manager.query<{ clinic_id: string; state: Record<string, unknown> }[]>(
      'SELECT clinic_id, state FROM sso_attempt_take($1)',
      [browserHash],
    );
    return row && { clinicId: row.clinic_id, state: row.state };
  }

  /** Acting in the clinic: the account a provider's subject signed in before, if any. */
  async accountOfSubject(clinicId: string, issuer: string, subject: string): Promise<string | undefined> {
    const [row] = await this.manager.query<{ user_id: string }[]>(
      'SELECT user_id FROM clinic_sso_identities WHERE clinic_id = $1 AND issuer = $2 AND subject = $3',
      [clinicId, issuer, subject],
    );
    return row?.user_id;
  }

  /** Acting in the clinic: the provider's subject an account signed in as before, if any. */
  async subjectOfAccount(clinicId: string, issuer: string, userId: string): Promise<string | undefined> {
    const [row] = await this.manager.query<{ subject: string }[]>(
      'SELECT subject FROM clinic_sso_identities WHERE clinic_id = $1 AND issuer = $2 AND user_id = $3',
      [clinicId, issuer, userId],
    );
    return row?.subject;
  }

  /** Acting in the clinic: links the provider's subject to the account it signed in, the first time. */
  async link(clinicId: string, issuer: string, subject: string, userId: string): Promise<void> {
    await this.manager.query(
      `INSERT INTO clinic_sso_identities (clinic_id, issuer, subject, user_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [clinicId, issuer, subject, userId],
    );
  }

  /** Acting as the person in the clinic: whether they already work there, in any role. */
  async isMember(userId: string, clinicId: string): Promise<boolean> {
    const rows = await this.manager.query<unknown[]>(
      'SELECT 1 FROM clinic_memberships WHERE user_id = $1 AND clinic_id = $2 LIMIT 1',
      [userId, clinicId],
    );
    return rows.length > 0;
  }

  /** Acting in the clinic: a membership the clinic's admin allowed in advance (just-in-time). */
  async addMember(userId: string, clinicId: string, role: JustInTimeRoleValue): Promise<void> {
    await this.manager.query(
      `INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES (gen_random_uuid(), $1, $2, $3)
       ON CONFLICT (clinic_id, user_id, role) DO NOTHING`,
      [clinicId, userId, role],
    );
  }
}
