/**
 * The privacy policy version a new account must accept. Bump it when the policy changes;
 * accounts keep the version and time they accepted (GDPR accountability).
 */
export const CURRENT_PRIVACY_POLICY_VERSION = '2026-11-01';
