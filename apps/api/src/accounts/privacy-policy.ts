import type { PrivacyPolicyView } from '@vetmeet/contracts';
import { PRIVACY_POLICY_SECTIONS } from './privacy-policy-text';

/**
 * The privacy policy version a new account must accept. Bump it when the policy changes;
 * accounts keep the version and time they accepted (GDPR accountability).
 */
export const CURRENT_PRIVACY_POLICY_VERSION = '2026-11-01';

/** The text and its version in one answer: what the sign-up form shows is what it accepts. */
export const currentPrivacyPolicy = (): PrivacyPolicyView => ({
  version: CURRENT_PRIVACY_POLICY_VERSION,
  sections: PRIVACY_POLICY_SECTIONS,
});
