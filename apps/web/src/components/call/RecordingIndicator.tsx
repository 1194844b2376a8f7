import type { RecordingStateView } from '@vetmeet/contracts/client';

/**
 * Whether the call is being recorded, for everyone in it, as long as it is: a red dot and
 * "Recording", or a pause mark and "Recording paused" (the words carry it, not the colour).
 * Nothing while the call is not recorded.
 */
export function RecordingIndicator({ recording }: { recording: RecordingStateView }) {
  if (recording.status === 'recording') {
    return (
      <span className="call-badge call-recording" data-testid="recording-indicator">
        <span className="call-recording-dot" aria-hidden="true" />
        Recording
      </span>
    );
  }
  if (recording.status === 'paused') {
    return (
      <span className="call-badge call-recording-paused" data-testid="recording-indicator">
        <span className="call-recording-pause" aria-hidden="true" />
        Recording paused
      </span>
    );
  }
  return null;
}
