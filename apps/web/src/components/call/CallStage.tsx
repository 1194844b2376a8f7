import type { ParticipantView } from '@vetmeet/contracts/client';
import type { CallState, RemoteMedia } from '../../rooms/call-state';
import { RemoteVideoTile } from './RemoteVideoTile';
import { SelfView } from './SelfView';

interface CallStageProps {
  state: CallState;
  other: ParticipantView | null;
  otherName: string;
  localCamera: MediaStreamTrack | null;
  onPreferredLayer: (consumerId: string | null, layer: number) => void;
}

const find = (remote: readonly RemoteMedia[], userId: string | undefined, source: RemoteMedia['source']) =>
  remote.find((media) => media.userId === userId && media.source === source) ?? null;

/** The other person large (their shared screen, when there is one, larger still), and this person small. */
export function CallStage({ state, other, otherName, localCamera, onPreferredLayer }: CallStageProps) {
  const camera = find(state.remote, other?.userId, 'camera');
  const screen = find(state.remote, other?.userId, 'screen');
  const microphone = find(state.remote, other?.userId, 'microphone');
  const otherSpeaking = other !== null && state.activeSpeakerId === other.userId;
  const selfSpeaking = state.self !== null && state.activeSpeakerId === state.self.userId;

  return (
    <div className="call-stage" data-testid="call-stage">
      {screen ? (
        <RemoteVideoTile name={otherName} video={screen} microphone={microphone} presence={other?.presence} speaking={false} variant="stage" testId="remote-screen" onPreferredLayer={onPreferredLayer} />
      ) : (
        <RemoteVideoTile name={otherName} video={camera} microphone={microphone} presence={other?.presence} speaking={otherSpeaking} variant="stage" testId="remote-camera" onPreferredLayer={onPreferredLayer} />
      )}
      <div className="call-thumbnails">
        {screen && (
          <RemoteVideoTile name={otherName} video={camera} microphone={microphone} presence={other?.presence} speaking={otherSpeaking} variant="thumbnail" testId="remote-camera" onPreferredLayer={onPreferredLayer} />
        )}
        <SelfView camera={localCamera} cameraOff={state.local.cameraOff} microphoneMuted={state.local.microphoneMuted} hasMicrophone={state.local.hasMicrophone} speaking={selfSpeaking} />
      </div>
      {state.local.screenTrack && (
        <p className="call-sharing-note" data-testid="sharing-screen">
          You are sharing your screen.
        </p>
      )}
    </div>
  );
}
