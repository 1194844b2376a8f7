import { MediaVideo } from './MediaVideo';

interface SelfViewProps {
  camera: MediaStreamTrack | null;
  cameraOff: boolean;
  microphoneMuted: boolean;
  hasMicrophone: boolean;
  speaking: boolean;
}

/** This person's own camera, small and mirrored. */
export function SelfView({ camera, cameraOff, microphoneMuted, hasMicrophone, speaking }: SelfViewProps) {
  const showVideo = camera !== null && !cameraOff;
  return (
    <figure className={`call-tile call-tile-self${speaking ? ' call-tile-speaking' : ''}`} data-testid="self-view" data-speaking={speaking || undefined}>
      <div className="call-tile-frame">
        {camera && <MediaVideo tracks={[camera]} mirrored testId="local-video" label="Video: your camera" />}
        {!showVideo && <p className="call-tile-placeholder">{camera ? 'Your camera is off' : 'No camera'}</p>}
      </div>
      <figcaption className="call-tile-caption">
        <span>You</span>
        {(microphoneMuted || !hasMicrophone) && <span className="call-badge call-badge-muted">{hasMicrophone ? 'Muted' : 'No microphone'}</span>}
      </figcaption>
    </figure>
  );
}
