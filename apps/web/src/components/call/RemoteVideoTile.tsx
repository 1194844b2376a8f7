import type { PresenceState } from '@vetmeet/contracts/client';
import type { RemoteMedia } from '../../rooms/call-state';
import { FAIR_SCORE } from '../../rooms/network-quality';
import { usePreferredLayer } from '../../rooms/use-preferred-layer';
import { MediaVideo } from './MediaVideo';

interface RemoteVideoTileProps {
  name: string;
  video: RemoteMedia | null;
  microphone: RemoteMedia | null;
  presence: PresenceState | undefined;
  speaking: boolean;
  /** A shared screen fills the stage; the camera then shows small beside it. */
  variant: 'stage' | 'thumbnail';
  testId: string;
  onPreferredLayer: (consumerId: string | null, layer: number) => void;
}

function placeholderText(name: string, presence: PresenceState | undefined, video: RemoteMedia | null): string {
  switch (presence) {
    case undefined:
    case 'absent':
      return `${name} has not joined yet.`;
    case 'waiting':
      return `${name} is in the waiting room.`;
    case 'reconnecting':
      return `${name}'s connection dropped. Waiting for it to come back…`;
    case 'in_call':
      return video?.paused ? `${name} turned the camera off.` : `Connecting to ${name}'s video…`;
  }
}

/** The other person's camera or shared screen, with their name, whether they are muted, and a ring while they speak. */
export function RemoteVideoTile({ name, video, microphone, presence, speaking, variant, testId, onPreferredLayer }: RemoteVideoTileProps) {
  // A shared screen is sent as one layer: only the camera's simulcast has layers to choose. A tile
  // without video yet is the camera's (the screen's tile exists only while a screen is shared).
  const showsCamera = video === null || video.source === 'camera';
  const layerRef = usePreferredLayer(showsCamera, video?.consumerId ?? null, onPreferredLayer);
  const showVideo = video !== null && !video.paused && presence === 'in_call';
  // Only a paused microphone is known to be muted; a missing one may still be on its way.
  const muted = presence === 'in_call' && microphone?.paused === true;
  const what = video?.source === 'screen' ? `${name}'s screen` : name;
  // Our own badge says how our connection is; this says their video is not reaching the server well.
  const senderStruggling = showVideo && video.senderScore !== null && video.senderScore < FAIR_SCORE;

  return (
    <figure className={`call-tile call-tile-${variant}${speaking ? ' call-tile-speaking' : ''}`} data-testid={testId} data-speaking={speaking || undefined}>
      <div className="call-tile-frame" ref={layerRef}>
        {video && <MediaVideo tracks={[video.track]} testId={`${testId}-video`} label={`Video: ${what}`} />}
        {!showVideo && <p className="call-tile-placeholder">{placeholderText(name, presence, video)}</p>}
        {senderStruggling && (
          <p className="call-tile-notice" role="status" data-testid={`${testId}-weak`}>
            {name}&apos;s connection is weak: their video may freeze.
          </p>
        )}
      </div>
      <figcaption className="call-tile-caption">
        <span>{what}</span>
        {muted && (
          <span className="call-badge call-badge-muted" data-testid={`${testId}-muted`}>
            Muted
          </span>
        )}
        {speaking && <span className="visually-hidden"> (speaking)</span>}
      </figcaption>
    </figure>
  );
}
