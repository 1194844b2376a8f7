import type { ConsentsView } from '@vetmeet/contracts/client';
import { CONSENT_WORDING, othersRecordingPhrase, savedMessage } from './consent-wording';

const view = (others: ConsentsView['others']): ConsentsView => ({
  policyVersion: '2026-11-01',
  role: 'owner',
  mine: {
    recording: { granted: false, recordedAt: null, policyVersion: null },
    supportReview: { granted: false, recordedAt: null, policyVersion: null },
  },
  others,
});

describe('consent wording', () => {
  it('says that refusing recording is fine and the call goes on', () => {
    expect(CONSENT_WORDING.recording.owner).toContain('the call goes on unrecorded');
    const refused = 'Saved: you do not agree to recording. The call goes ahead unrecorded.';
    expect(savedMessage('recording', false)).toBe(refused);
    expect(savedMessage('recording', true)).toContain('only if everyone in the call agrees');
    expect(savedMessage('supportReview', false)).toBe('Saved: support staff may not review the recording.');
  });

  it("names the other person's answer to recording, and nothing when there is nobody else", () => {
    const vetAgreed = view([{ userId: 'c', role: 'consultant', recording: true }]);
    expect(othersRecordingPhrase(vetAgreed)).toBe('The vet agreed to recording.');
    expect(othersRecordingPhrase(view([{ userId: 'o', role: 'owner', recording: false }]))).toBe(
      'The pet’s owner has not agreed to recording.',
    );
    expect(othersRecordingPhrase(view([]))).toBeNull();
  });
});
