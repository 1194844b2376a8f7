import type { RecordingStateView } from '@vetmeet/contracts/client';
import { recordingNoticeOf } from '../../rooms/recording-notice';

/**
 * The last change of the recording, said once to screen readers (a polite live region that
 * is there from the start, so its first change is announced) and shown to everyone.
 */
export function RecordingNotice({ recording, changed }: { recording: RecordingStateView; changed: boolean }) {
  const sentence = changed ? recordingNoticeOf(recording) : null;
  return (
    <p className={sentence ? 'notice call-recording-notice' : 'visually-hidden'} role="status" aria-live="polite" data-testid="recording-notice">
      {sentence}
    </p>
  );
}
