/**
 * Authentication methods (RFC 8176 amr values) that mean the provider checked more than a
 * password: a one-time code, a hardware or software key, a smart card, biometrics, or "mfa" itself.
 */
const MULTI_FACTOR_METHODS = new Set(['mfa', 'mca', 'otp', 'hwk', 'swk', 'sc', 'fpt', 'face', 'iris', 'retina', 'vbm']);

/** Authentication context classes that promise multi-factor authentication (OpenID PAPE, REFEDS). */
const MULTI_FACTOR_CONTEXTS = new Set([
  'http://schemas.openid.net/pape/policies/2007/06/multi-factor',
  'http://schemas.openid.net/pape/policies/2007/06/multi-factor-physical',
  'https://refeds.org/profile/mfa',
  'mfa',
]);

/** Whether the ID token says the person signed in at their provider with a second factor. */
export function provesSecondFactor(claims: Readonly<Record<string, unknown>>): boolean {
  const methods = Array.isArray(claims.amr) ? claims.amr : [];
  if (methods.some((method) => typeof method === 'string' && MULTI_FACTOR_METHODS.has(method))) return true;
  return typeof claims.acr === 'string' && MULTI_FACTOR_CONTEXTS.has(claims.acr);
}

/**
 * Whether the provider vouches for the e-mail address: `email_verified`, or Microsoft Entra ID's
 * `xms_edov` (the address's domain is verified by the tenant), since Entra does not send the former.
 */
export function emailIsVouchedFor(claims: Readonly<Record<string, unknown>>): boolean {
  return claims.email_verified === true || claims.xms_edov === true;
}
