import type { ConsentsView } from '@vetmeet/contracts/client';

/**
 * The plain words every consent question uses, on the booking page and before the call. Nothing
 * is ticked for the person; saying no costs nothing (the consultation goes ahead unrecorded).
 */
export const CONSENT_WORDING = {
  recording: {
    owner:
      'Record this consultation (encrypted; you and the consultant can watch it; you can withdraw at any time, ' +
      'and the call goes on unrecorded)',
    consultant:
      'Record this consultation (encrypted; you and the pet’s owner can watch it; you can withdraw at any time, ' +
      'and the call goes on unrecorded)',
  },
  supportReview:
    'Let support staff of the clinic review the recording if I ask for help (you can withdraw at any time)',
  refusingIsFine: 'Nothing is ticked for you. Saying no is fine: the consultation goes ahead, unrecorded.',
} as const;

export type ConsentChoice = 'recording' | 'supportReview';

/** What a saved answer did, for the status line read out to screen readers. */
export function savedMessage(choice: ConsentChoice, granted: boolean): string {
  if (choice === 'recording') {
    return granted
      ? 'Saved: you agreed to recording. It starts only if everyone in the call agrees.'
      : 'Saved: you do not agree to recording. The call goes ahead unrecorded.';
  }
  return granted
    ? 'Saved: support staff of the clinic may review the recording if you ask for help.'
    : 'Saved: support staff may not review the recording.';
}

/** Whether the other person in the call agreed to recording, in a sentence. */
export function othersRecordingPhrase(view: ConsentsView): string | null {
  const other = view.others[0];
  if (!other) return null;
  const who = other.role === 'consultant' ? 'The vet' : 'The pet’s owner';
  return other.recording ? `${who} agreed to recording.` : `${who} has not agreed to recording.`;
}
