import { useCallback, useEffect, useState } from 'react';
import { fetchConsultation } from '../api/consultations';
import { useResource } from '../api/use-resource';
import { CallEndedScreen } from '../components/call/CallEndedScreen';
import { CallView } from '../components/call/CallView';
import { PreCallCheck } from '../components/call/PreCallCheck';
import { RoomUnavailable } from '../components/call/RoomUnavailable';
import { WaitingRoom } from '../components/call/WaitingRoom';
import { otherPartyName } from '../consultations/consultation-status';
import { useCallSession } from '../rooms/use-call-session';
import { useLocalMedia } from '../rooms/use-local-media';
import { useSearchParams } from '../router/router';
import { useSession } from '../session/session-context';

/**
 * A consultation's video room: the pre-call check, the owner's waiting room, the call, and
 * the screen after it. "Join again" starts a new visit from the check.
 */
export function ConsultationRoomPage({ consultationId }: { consultationId: string }) {
  const [visit, setVisit] = useState(0);
  return <RoomVisit key={visit} consultationId={consultationId} onRestart={() => setVisit((n) => n + 1)} />;
}

function RoomVisit({ consultationId, onRestart }: { consultationId: string; onRestart: () => void }) {
  // For names, the title and the consultant's brief only: the room itself decides who may join.
  const load = useCallback((signal: AbortSignal) => fetchConsultation(consultationId, signal), [consultationId]);
  const consultation = useResource(load).resource;
  const details = consultation.status === 'loaded' ? consultation.data : null;
  const { session: account } = useSession();
  // ?relay=1 sends this person's media through the TURN relay only, as a network that blocks direct media would.
  const relayOnly = useSearchParams().get('relay') === '1';
  const { session, state } = useCallSession(consultationId, { relayOnly });
  const localMedia = useLocalMedia();
  const { stop: stopLocalMedia } = localMedia;
  const over = state.phase === 'ended' || state.phase === 'failed';

  // The camera light goes off with the call.
  useEffect(() => {
    if (over) stopLocalMedia();
  }, [over, stopLocalMedia]);

  if (!session) return <p className="page">Loading…</p>;

  const title = details ? `${details.pet.name} with ${otherPartyName(details)}` : 'Consultation room';
  const timeZone = account?.account.timeZone ?? 'UTC';
  const localCamera = localMedia.stream?.getVideoTracks()[0] ?? null;

  switch (state.phase) {
    case 'ended':
      return <CallEndedScreen state={state} consultationId={consultationId} onRejoin={onRestart} />;
    case 'failed':
      return state.error ? <RoomUnavailable error={state.error} consultationId={consultationId} onRetry={onRestart} /> : null;
    case 'waiting':
      return <WaitingRoom session={session} state={state} localCamera={localCamera} consultantName={details?.consultant.displayName ?? 'the vet'} />;
    case 'live':
      return (
        <div className="page call-page">
          <CallView
            session={session}
            state={state}
            consultationId={consultationId}
            title={title}
            fallbackOtherName={details ? otherPartyName(details) : 'The other person'}
            localMedia={localMedia}
            timeZone={timeZone}
            consultation={details}
          />
        </div>
      );
    default:
      return (
        <PreCallCheck
          consultationId={consultationId}
          session={session}
          state={state}
          localMedia={localMedia}
          title={title}
        />
      );
  }
}
