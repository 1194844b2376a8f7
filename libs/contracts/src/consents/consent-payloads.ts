/** What a person may consent to for one consultation, as the API's path names it. */
export const CONSENT_PURPOSE_PATHS = ['recording', 'support-review'] as const;
export type ConsentPurposePath = (typeof CONSENT_PURPOSE_PATHS)[number];

/** One person's standing answer for one purpose: granted is false until they say yes (nothing is pre-ticked). */
export interface ConsentState {
  granted: boolean;
  /** When the standing answer was given; null when the person never answered. */
  recordedAt: string | null;
  /** The privacy policy version they were shown when they answered; null when they never answered. */
  policyVersion: string | null;
}

/** What a participant sees of a consultation's consents: their own, and whether the other agreed to recording. */
export interface ConsentsView {
  /** The privacy policy version an answer given now is recorded under. */
  policyVersion: string;
  /** The caller's role in the consultation: only the owner is asked about support review. */
  role: 'owner' | 'consultant';
  mine: { recording: ConsentState; supportReview: ConsentState };
  others: { userId: string; role: 'owner' | 'consultant'; recording: boolean }[];
}

export interface SetConsentPayload {
  granted: boolean;
}

/** Asked when booking: only a true answer is recorded (for the owner), once the booking becomes a consultation. */
export interface BookingConsentsPayload {
  recording?: boolean;
  supportReview?: boolean;
}
