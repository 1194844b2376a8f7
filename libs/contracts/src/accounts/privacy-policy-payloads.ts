/**
 * GET /api/privacy-policy: the policy a new account accepts, its text and its version in one
 * answer, so the text a person reads is the version their sign-up sends back.
 */
export interface PrivacyPolicySection {
  /** A short id, usable as the section's anchor (e.g. `retention`). */
  id: string;
  heading: string;
  paragraphs: string[];
  /** A list after the paragraphs, when the section enumerates (what we collect, retention periods). */
  items?: string[];
}

export interface PrivacyPolicyView {
  version: string;
  sections: PrivacyPolicySection[];
}
