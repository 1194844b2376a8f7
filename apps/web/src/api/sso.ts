import type { SaveSsoSettingsPayload, SsoSettingsView } from '@vetmeet/contracts/client';
import { api } from './client';

const ssoPath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/sso`;

/** Clinic admins only: the clinic's single sign-on settings (the client secret only as "set"). */
export const getSsoSettings = (clinicId: string, signal?: AbortSignal) =>
  api.get<SsoSettingsView>(ssoPath(clinicId), { clinicId, signal });

/** Checked by discovery before it is kept: SSO_DISCOVERY_FAILED, SSO_DOMAIN_TAKEN, SSO_DOMAIN_NOT_ALLOWED. */
export const saveSsoSettings = (clinicId: string, payload: SaveSsoSettingsPayload) =>
  api.put<SsoSettingsView>(ssoPath(clinicId), payload, { clinicId });

/** Staff sign in with their e-mail address and password again. */
export const removeSsoSettings = (clinicId: string) => api.delete(ssoPath(clinicId), { clinicId });

/** Where the browser goes to sign in with its clinic's provider: a page visit, not an API call. */
export const ssoStartUrl = (email: string) => `/api/auth/sso/start?email=${encodeURIComponent(email)}`;

/** Looks for the domain's verification TXT record now: SSO_DOMAIN_NOT_VERIFIED, SSO_DOMAIN_TAKEN. */
export const verifySsoDomain = (clinicId: string, domain: string) =>
  api.post<SsoSettingsView>(`${ssoPath(clinicId)}/domains/${encodeURIComponent(domain)}/verification`, undefined, {
    clinicId,
  });
