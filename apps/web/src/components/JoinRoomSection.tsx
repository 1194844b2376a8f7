import type { ConsultationView } from '@vetmeet/contracts/client';
import { roomPath } from '../consultations/consultation-status';
import { joinWindowState, nextJoinWindowChange, type JoinTimes } from '../consultations/join-window';
import { useNowUntil } from '../consultations/use-now-until';
import { formatDateTime } from '../format/dates';
import { Link } from '../router/Link';

/** The way into the video room: a button while the room is open, otherwise when it opens or why it will not. */
export function JoinRoomSection({ consultation, timeZone }: { consultation: JoinTimes & Pick<ConsultationView, 'id'>; timeZone: string }) {
  const now = useNowUntil((at) => nextJoinWindowChange(consultation, at));
  const state = joinWindowState(consultation, now);

  return (
    <section className="card section-card join-room" aria-labelledby="join-room-title" data-testid="join-room">
      <h2 id="join-room-title">Video room</h2>
      {state === 'open' && (
        <>
          <p>The room is open. You check your camera, microphone and connection before you go in.</p>
          <Link to={roomPath(consultation.id)} className="button button-primary">
            Join the consultation
          </Link>
        </>
      )}
      {state === 'not-yet' && (
        <>
          <p data-testid="join-opens-at">
            The room opens at <time dateTime={consultation.joinOpensAt}>{formatDateTime(consultation.joinOpensAt, timeZone)}</time>.
          </p>
          <button type="button" className="button" disabled>
            Join the consultation
          </button>
        </>
      )}
      {state === 'closed' && <p>The room closed at {formatDateTime(consultation.joinClosesAt, timeZone)}.</p>}
      {state === 'finished' && <p className="muted">This consultation is over; its room is closed. The chat and shared files stay below.</p>}
    </section>
  );
}
