import type { RecordingStateView } from '@vetmeet/contracts/client';

const SENTENCES: Record<NonNullable<RecordingStateView['reason']>, string> = {
  started: 'Recording started: the vet is recording this call.',
  resumed: 'Recording resumed.',
  stopped: 'Recording stopped by the vet.',
  consent_withdrawn: 'Recording stopped: consent was withdrawn.',
  joined_without_consent: 'Recording paused: someone joined without consenting to recording.',
  room_closed: 'Recording stopped: the call closed.',
};

/** What everyone is told when the recording changes, with why. */
export function recordingNoticeOf(view: RecordingStateView): string | null {
  return view.reason ? SENTENCES[view.reason] : null;
}
