/**
 * What the in-call consent control says: the person's own answer to recording as it stands, the
 * one button that changes it (withdrawing is a single click, with no confirmation, so it is as
 * easy as agreeing), and the sentence read out once a change is saved or fails.
 */
export interface InCallConsentWording {
  status: string;
  action: string;
}

export function inCallConsentWording(granted: boolean): InCallConsentWording {
  return granted
    ? { status: 'Your consent to recording: given', action: 'Withdraw my consent' }
    : { status: 'Your consent to recording: not given', action: 'Allow recording' };
}

/** Read out after the change is saved: what it does to this call. */
export function inCallSavedMessage(granted: boolean): string {
  return granted
    ? 'Saved: you allow recording. It starts or resumes only when everyone in the call agrees and the vet starts it.'
    : 'Saved: you withdrew your consent. Nothing more of this call is recorded.';
}
