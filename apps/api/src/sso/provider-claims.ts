import * as oidc from 'openid-client';

/**
 * The claims of a provider's checked answer, with the e-mail address taken from the ID token or, when
 * the token carries none (providers may keep it for the userinfo endpoint), from userinfo, asked
 * with the access token and checked by openid-client to be about the same subject.
 */
export async function claimsWithEmail(
  configuration: oidc.Configuration,
  tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
): Promise<oidc.IDToken | undefined> {
  const claims = tokens.claims();
  if (!claims || typeof claims.email === 'string') return claims;
  const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
  // Only the address and whether it is vouched for: the rest stays what the signed ID token says.
  return { ...claims, email: userinfo.email, email_verified: userinfo.email_verified };
}
