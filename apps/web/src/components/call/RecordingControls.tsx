import { useEffect, useId, useState } from 'react';
import type { RecordingReadinessView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { describeApiError } from '../../api/error-messages';
import type { CallSession } from '../../rooms/call-session';
import type { CallState } from '../../rooms/call-state';

/** Consents can be given or withdrawn outside the call: the button's readiness is asked again this often. */
const READINESS_REFRESH_MS = 5_000;

function sentenceOf(error: unknown): string {
  return error instanceof ApiError ? describeApiError(error) : 'That did not work. Try again.';
}

/**
 * The consultant's recording buttons: Start (or Resume after a pause) only while everyone in
 * the call has consented, saying whose consent is missing otherwise; Stop while recording.
 */
export function RecordingControls({ session, state }: { session: CallSession; state: CallState }) {
  const [readiness, setReadiness] = useState<RecordingReadinessView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const reasonId = useId();
  const { status } = state.recording;
  const presence = state.participants.map((participant) => participant.presence).join(',');

  useEffect(() => {
    if (status === 'recording') return undefined;
    let current = true;
    const ask = () =>
      session.recordingReadiness().then(
        (answer) => current && setReadiness(answer),
        () => current && setReadiness(null),
      );
    void ask();
    const timer = window.setInterval(() => void ask(), READINESS_REFRESH_MS);
    return () => {
      current = false;
      window.clearInterval(timer);
    };
  }, [session, status, presence]);

  function run(action: () => Promise<void>): void {
    setBusy(true);
    setError(null);
    action()
      .catch((failure: unknown) => setError(sentenceOf(failure)))
      .finally(() => setBusy(false));
  }

  const blocked = readiness !== null && !readiness.ready;
  const describedBy = blocked ? reasonId : undefined;
  return (
    <div className="call-recording-controls" role="group" aria-label="Recording">
      {(status === 'off' || status === 'stopped') && (
        <button type="button" className="button call-control" disabled={busy || blocked} aria-describedby={describedBy} onClick={() => run(() => session.startRecording())}>
          Start recording
        </button>
      )}
      {status === 'paused' && (
        <button type="button" className="button call-control" disabled={busy || blocked} aria-describedby={describedBy} onClick={() => run(() => session.resumeRecording())}>
          Resume recording
        </button>
      )}
      {(status === 'recording' || status === 'paused') && (
        <button type="button" className="button call-control button-danger-outline" disabled={busy} onClick={() => run(() => session.stopRecording())}>
          Stop recording
        </button>
      )}
      {blocked && status !== 'recording' && (
        <p id={reasonId} className="call-recording-reason" data-testid="recording-blocked">
          Recording needs everyone&apos;s consent: {readiness.missing}.
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
