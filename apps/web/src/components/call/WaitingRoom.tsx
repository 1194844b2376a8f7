import type { ParticipantView } from '@vetmeet/contracts/client';
import type { CallSession } from '../../rooms/call-session';
import { othersOf, type CallState } from '../../rooms/call-state';
import { MediaVideo } from './MediaVideo';
import { PresenceNote } from './PresenceNote';
import { ReconnectingBanner } from './ReconnectingBanner';
import { useFocusOnMount } from './use-focus-on-mount';

interface WaitingRoomProps {
  session: CallSession;
  state: CallState;
  localCamera: MediaStreamTrack | null;
  consultantName: string;
}

function consultantOf(others: readonly ParticipantView[]): ParticipantView | undefined {
  return others.find((participant) => participant.role === 'consultant');
}

/** The owner waits here until the vet lets them in; the call starts by itself then. */
export function WaitingRoom({ session, state, localCamera, consultantName }: WaitingRoomProps) {
  const others = othersOf(state);
  const name = consultantOf(others)?.displayName ?? consultantName;
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="page narrow waiting-room" aria-labelledby="waiting-title" data-testid="waiting-room">
      <p className="eyebrow">Waiting room</p>
      <h1 id="waiting-title" ref={headingRef} tabIndex={-1}>
        Waiting for {name} to let you in
      </h1>
      <ReconnectingBanner signaling={state.signaling} media="idle" />
      <p className="lede">You will join the call as soon as {name} admits you. Keep this page open.</p>
      <PresenceNote others={others} />
      <div className="call-tile call-tile-preview waiting-preview">
        <div className="call-tile-frame">
          {localCamera ? <MediaVideo tracks={[localCamera]} mirrored testId="waiting-preview" label="Video: your camera" /> : <p className="call-tile-placeholder">No camera</p>}
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-danger-outline" onClick={() => void session.leave()}>
          Leave the waiting room
        </button>
      </div>
    </section>
  );
}
