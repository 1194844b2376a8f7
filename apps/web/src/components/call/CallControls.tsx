import { useId, useState } from 'react';
import { ApiError } from '../../api/api-error';
import { describeApiError } from '../../api/error-messages';
import type { CallSession } from '../../rooms/call-session';
import type { CallState } from '../../rooms/call-state';
import type { LocalMediaControls } from '../../rooms/use-local-media';
import { ConfirmDialog } from '../ConfirmDialog';
import { CallDevices } from './CallDevices';

interface CallControlsProps {
  session: CallSession;
  state: CallState;
  isConsultant: boolean;
  otherName: string;
  localMedia: LocalMediaControls;
}

const canShareScreen = () => typeof navigator.mediaDevices?.getDisplayMedia === 'function';

function failureSentence(error: unknown): string | null {
  // The person closed the browser's screen picker: nothing went wrong.
  if (error instanceof DOMException && error.name === 'NotAllowedError') return null;
  if (error instanceof ApiError) return describeApiError(error);
  return 'That did not work. Try again.';
}

/** The call's buttons: microphone, camera, screen, and for the consultant the room's lock and the end of the consultation. */
export function CallControls({ session, state, isConsultant, otherName, localMedia }: CallControlsProps) {
  const [error, setError] = useState<string | null>(null);
  const [confirmingEnd, setConfirmingEnd] = useState(false);
  const [ending, setEnding] = useState(false);
  const [endError, setEndError] = useState<string | null>(null);
  const [choosingDevices, setChoosingDevices] = useState(false);
  const devicesId = useId();
  const { local } = state;
  const sharing = local.screenTrack !== null;

  function run(action: () => Promise<void>): void {
    setError(null);
    action().catch((failure: unknown) => setError(failureSentence(failure)));
  }

  async function end(): Promise<void> {
    setEnding(true);
    setEndError(null);
    try {
      await session.end();
    } catch (failure) {
      setEndError(failureSentence(failure) ?? 'The consultation could not be ended. Try again.');
      setEnding(false);
    }
  }

  return (
    <div className="call-controls-bar">
      <div className="call-controls">
        <div className="call-control-group" role="group" aria-label="Your microphone, camera and screen">
          <button
            type="button"
            className="button call-control"
            aria-pressed={local.microphoneMuted}
            disabled={!local.hasMicrophone}
            onClick={() => run(() => session.setMicrophoneMuted(!local.microphoneMuted))}
          >
            {local.microphoneMuted ? 'Unmute' : 'Mute'}
          </button>
          <button type="button" className="button call-control" aria-pressed={local.cameraOff} disabled={!local.hasCamera} onClick={() => run(() => session.setCameraOff(!local.cameraOff))}>
            {local.cameraOff ? 'Turn camera on' : 'Turn camera off'}
          </button>
          <button
            type="button"
            className="button call-control"
            aria-expanded={choosingDevices}
            aria-controls={devicesId}
            disabled={localMedia.status !== 'on'}
            onClick={() => setChoosingDevices((open) => !open)}
          >
            Devices
          </button>
          {canShareScreen() && (
            <button type="button" className="button call-control" aria-pressed={sharing} onClick={() => run(() => (sharing ? session.stopScreenShare() : session.startScreenShare()))}>
              {sharing ? 'Stop sharing' : 'Share screen'}
            </button>
          )}
          {isConsultant && (
            <button type="button" className="button call-control" aria-pressed={state.locked} onClick={() => run(() => session.setLocked(!state.locked))}>
              {state.locked ? 'Unlock room' : 'Lock room'}
            </button>
          )}
        </div>
        <div className="call-control-group" role="group" aria-label="Leaving">
          <button type="button" className="button call-control button-danger-outline" onClick={() => run(() => session.leave())}>
            Leave
          </button>
          {isConsultant && (
            <button
              type="button"
              className="button call-control button-danger"
              onClick={() => {
                setEndError(null);
                setConfirmingEnd(true);
              }}
            >
              End consultation
            </button>
          )}
        </div>
      </div>
      {choosingDevices && <CallDevices id={devicesId} session={session} localMedia={localMedia} />}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <ConfirmDialog
        open={confirmingEnd}
        title="End the consultation?"
        confirmLabel="End consultation"
        busyLabel="Ending…"
        cancelLabel="Stay in the call"
        busy={ending}
        error={endError}
        onConfirm={() => void end()}
        onCancel={() => setConfirmingEnd(false)}
      >
        <p>The call ends for you and {otherName}, and the room closes. The chat and shared files stay with the consultation.</p>
      </ConfirmDialog>
    </div>
  );
}
