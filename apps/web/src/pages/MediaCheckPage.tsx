import { ErrorNotice } from '../components/ErrorNotice';
import { MediaCheckStats } from '../components/MediaCheckStats';
import { VideoTile } from '../components/VideoTile';
import type { MediaCheckPhase } from '../media/media-check-state';
import { useMediaCheck } from '../media/useMediaCheck';
import { useSearchParams } from '../router/router';

const phaseText: Record<MediaCheckPhase, string> = {
  idle: 'Not started. Your camera and microphone are off.',
  connecting: 'Connecting to the media server…',
  live: 'Live: your video is going through the media server and coming back.',
  error: 'The check stopped because of a problem.',
};

export function MediaCheckPage() {
  // ?relay=1 checks the path a network that blocks direct connections leaves: the TURN relay only.
  const relayOnly = useSearchParams().get('relay') === '1';
  const { snapshot, start, stop } = useMediaCheck({ relayOnly });
  const { state, localStream, remoteStream } = snapshot;
  const running = state.phase === 'connecting' || state.phase === 'live';

  return (
    <section className="page" aria-labelledby="media-check-title">
      <p className="eyebrow">Development tool</p>
      <h1 id="media-check-title">Camera and connection check</h1>
      <p className="lede">
        This sends your camera and microphone to Vetmeet's media server and plays them straight
        back to you. Nobody else sees it and nothing is recorded. Your browser asks for the
        camera only when you start.
      </p>

      {relayOnly && (
        <p className="notice notice-info" data-testid="relay-only-notice">
          Relay-only mode: your video goes only through the TURN relay server, as it would on a
          network that blocks direct connections to the media server.
        </p>
      )}

      <div className="controls">
        <button type="button" className="button button-primary" onClick={start} disabled={running}>
          {state.phase === 'error' ? 'Try again' : 'Start camera check'}
        </button>
        <button type="button" className="button" onClick={stop} disabled={!running}>
          Stop
        </button>
      </div>

      <p className={`phase phase-${state.phase}`} role="status" aria-live="polite" data-testid="media-check-phase">
        {phaseText[state.phase]}
      </p>

      {state.error && <ErrorNotice error={state.error} />}

      <div className="video-grid">
        <VideoTile
          label="Your camera"
          stream={localStream}
          placeholder="Camera off"
          testId="local-video"
        />
        <VideoTile
          label="Returned by the media server (sound is measured, not played, to avoid echo)"
          stream={remoteStream}
          placeholder="Nothing received yet"
          testId="remote-video"
        />
      </div>

      <MediaCheckStats state={state} />
    </section>
  );
}
