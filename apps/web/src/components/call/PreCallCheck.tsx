import type { CallSession } from '../../rooms/call-session';
import { othersOf, waitingOwnersOf, type CallState } from '../../rooms/call-state';
import type { LocalMediaControls } from '../../rooms/use-local-media';
import { explain } from '../../media/media-check-error';
import { AdmitBanner } from './AdmitBanner';
import { ConsentChoices } from './ConsentChoices';
import { ConnectivityReport } from './ConnectivityReport';
import { DeviceSelectors } from './DeviceSelectors';
import { MediaVideo } from './MediaVideo';
import { MicrophoneLevelMeter } from './MicrophoneLevelMeter';
import { PresenceNote } from './PresenceNote';
import { RoomPasswordPrompt } from './RoomPasswordPrompt';

interface PreCallCheckProps {
  consultationId: string;
  session: CallSession;
  state: CallState;
  localMedia: LocalMediaControls;
  title: string;
}

/**
 * Before going in: the person's own picture and sound, the choice of camera and microphone,
 * and whether the server and the relay can be reached. Nothing is asked of the browser until
 * the person presses the first button.
 */
export function PreCallCheck({ consultationId, session, state, localMedia, title }: PreCallCheckProps) {
  const started = state.phase !== 'idle';
  const camera = localMedia.stream?.getVideoTracks()[0] ?? null;
  const microphone = localMedia.stream?.getAudioTracks()[0] ?? null;
  const mediaSettled = localMedia.status === 'on' || localMedia.status === 'failed';
  const canEnter = state.phase === 'lobby' && mediaSettled;
  const isOwner = state.self?.role === 'owner';

  function begin(): void {
    void localMedia.start();
    session.join();
  }

  return (
    <section className="page precall" aria-labelledby="precall-title" data-testid="precall">
      <p className="eyebrow">Before you join</p>
      <h1 id="precall-title">{title}</h1>
      {/* One place whatever the check's stage, so a saved answer's status line stays. */}
      <ConsentChoices consultationId={consultationId} />

      {!started ? (
        <>
          <p className="lede">Check your camera, microphone and connection first. Your browser asks to use the camera and microphone when you press the button.</p>
          <button type="button" className="button button-primary" onClick={begin}>
            Check camera, microphone and connection
          </button>
        </>
      ) : (
        <>
          {state.self?.role === 'consultant' && <AdmitBanner waiting={waitingOwnersOf(state)} onAdmit={(userId) => session.admit(userId)} />}
          <div className="precall-grid">
            <div>
              <div className="call-tile call-tile-preview">
                <div className="call-tile-frame">
                  {camera && <MediaVideo tracks={[camera]} mirrored testId="preview-video" label="Video: your camera preview" />}
                  {!camera && <p className="call-tile-placeholder">{localMedia.status === 'starting' ? 'Starting your camera…' : 'No camera'}</p>}
                </div>
              </div>
              {localMedia.error && (
                <div className="notice notice-error" role="alert">
                  <p>{explain(localMedia.error.code)}</p>
                  <p className="notice-code">You can still join; the others will not see or hear you until this is fixed.</p>
                </div>
              )}
            </div>
            <div>
              {localMedia.status === 'on' && (
                <>
                  <DeviceSelectors
                    cameras={localMedia.cameras}
                    microphones={localMedia.microphones}
                    cameraId={localMedia.cameraId}
                    microphoneId={localMedia.microphoneId}
                    onCamera={(id) => void localMedia.selectCamera(id)}
                    onMicrophone={(id) => void localMedia.selectMicrophone(id)}
                  />
                  <MicrophoneLevelMeter track={microphone} />
                </>
              )}
              <h2 className="sub-heading">Connection</h2>
              <ConnectivityReport phase={state.phase} report={state.connectivity} />
              <PresenceNote others={othersOf(state)} />
            </div>
          </div>

          {(state.phase === 'password' || (state.phase === 'joining' && state.passwordAsked)) && (
            <RoomPasswordPrompt rejected={state.passwordRejected} error={state.error} busy={state.phase === 'joining'} onSubmit={(password) => session.join(password)} />
          )}

          {state.phase === 'lobby' && (
            <div className="form-actions precall-actions">
              <button type="button" className="button button-primary" disabled={!canEnter} onClick={() => session.enter(localMedia.tracks())}>
                {isOwner && !state.admitted ? 'Go to the waiting room' : 'Join now'}
              </button>
              {!mediaSettled && <span className="muted">Waiting for your camera and microphone…</span>}
              {isOwner && !state.admitted && mediaSettled && <span className="muted">The vet lets you in from there.</span>}
            </div>
          )}
        </>
      )}
    </section>
  );
}
