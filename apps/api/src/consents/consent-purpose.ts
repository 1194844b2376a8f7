import type { ConsentPurposePath } from '@vetmeet/contracts';

/** The ledger's names (the consent_purpose enum); the API's path says support-review. */
export type ConsentPurpose = 'recording' | 'support_review';

export const purposeOfPath = (path: ConsentPurposePath): ConsentPurpose =>
  path === 'support-review' ? 'support_review' : 'recording';

/** The consent a change of standing was, for the audit chain: one action per purpose and direction. */
export const CONSENT_AUDIT_ACTIONS = {
  read: 'consent.read',
  recording: { grant: 'consent.recording.grant', withdraw: 'consent.recording.withdraw' },
  support_review: { grant: 'consent.support_review.grant', withdraw: 'consent.support_review.withdraw' },
} as const;

export const consentAuditAction = (purpose: ConsentPurpose, granted: boolean): string =>
  CONSENT_AUDIT_ACTIONS[purpose][granted ? 'grant' : 'withdraw'];
