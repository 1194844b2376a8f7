/** Single sign-on for a clinic's staff through the clinic's OpenID Connect provider. */

/** Roles a just-in-time member may get: never clinic_admin, which only an invitation gives. */
export type JustInTimeRoleValue = 'consultant' | 'support';

export const JUST_IN_TIME_ROLES: readonly JustInTimeRoleValue[] = ['consultant', 'support'];

/** A clinic's SSO settings as its admins see them: the client secret only as "set", never its value. */
export interface SsoSettingsView {
  configured: boolean;
  issuer: string | null;
  clientId: string | null;
  clientSecretSet: boolean;
  domains: string[];
  /** Each domain's verification: only a verified domain sends its staff to this clinic's provider. */
  domainVerifications: SsoDomainVerificationView[];
  justInTimeMembership: boolean;
  justInTimeRole: JustInTimeRoleValue;
  /** The redirect URI to register at the provider. */
  callbackUrl: string;
  updatedAt: string | null;
}

/**
 * A domain of a clinic's SSO and how its admin proves the clinic holds it: a DNS TXT record named
 * recordName with the value recordValue, then a check the admin asks for.
 */
export interface SsoDomainVerificationView {
  domain: string;
  verified: boolean;
  verifiedAt: string | null;
  recordName: string;
  recordValue: string;
}

export interface SaveSsoSettingsPayload {
  /** The issuer identifier (https://…), whose discovery document must name this same issuer. */
  issuer: string;
  clientId: string;
  /** Needed the first time; left out afterwards, the stored secret stays. */
  clientSecret?: string;
  /** E-mail domains of the clinic's staff (example.org), each bound to one clinic only. */
  domains: string[];
  justInTimeMembership: boolean;
  justInTimeRole: JustInTimeRoleValue;
}

export interface SsoStartPayload {
  /** The staff member's work e-mail address: its domain picks the clinic's provider. */
  email: string;
}
