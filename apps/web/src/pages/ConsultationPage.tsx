import { useCallback, useState } from 'react';
import { ErrorCode, type ConsultationView } from '@vetmeet/contracts/client';
import { fetchConsultation } from '../api/consultations';
import { useResource } from '../api/use-resource';
import { CancelConsultationSection } from '../components/CancelConsultationSection';
import { ConsultationDetails } from '../components/ConsultationDetails';
import { ConsultationPetRecord } from '../components/ConsultationPetRecord';
import { ConsultationStatusBadge } from '../components/ConsultationStatusBadge';
import { ConversationSection } from '../components/ConversationSection';
import { ConsultationRecordingsSection } from '../components/recordings/ConsultationRecordingsSection';
import { InvitationAnswerSection } from '../components/InvitationAnswerSection';
import { JoinRoomSection } from '../components/JoinRoomSection';
import { LoadFailure } from '../components/LoadFailure';
import { RoomPasswordSection } from '../components/RoomPasswordSection';
import { StatusMessage } from '../components/StatusMessage';
import { canCancel, isFinished, isInvitation, otherPartyName } from '../consultations/consultation-status';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

function BackToConsultations() {
  return (
    <p className="back-link">
      <Link to="/consultations">← All consultations</Link>
    </p>
  );
}

/** A booked consultation is cancelled or moved through its booking, where the refund policy is stated. */
function BookedChanges({ consultation }: { consultation: ConsultationView }) {
  const where =
    consultation.myRole === 'owner' ? (
      <Link to={`/bookings/${consultation.bookingId}`}>its booking</Link>
    ) : (
      <Link to={`/clinics/${consultation.clinic.id}/calendar`}>your calendar</Link>
    );
  return <p className="muted">This consultation was booked: to cancel or move it, go to {where}.</p>;
}

export function ConsultationPage({ consultationId }: { consultationId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchConsultation(consultationId, signal), [consultationId]);
  const consultation = useResource(load);
  const { session } = useSession();
  const flash = useFlashMessage();
  const [status, setStatus] = useState<string | null>(flash);

  if (consultation.resource.status === 'loading') {
    return (
      <section className="page narrow">
        <BackToConsultations />
        <p role="status">Loading the consultation…</p>
      </section>
    );
  }

  if (consultation.resource.status === 'failed') {
    // Someone else's consultation answers NOT_FOUND, as a missing one does; a malformed id is just as missing.
    const missing = consultation.resource.error.code === ErrorCode.NotFound || consultation.resource.error.code === ErrorCode.ValidationFailed;
    return (
      <section className="page narrow" aria-labelledby="consultation-title">
        <BackToConsultations />
        <h1 id="consultation-title">{missing ? 'Consultation not found' : 'Consultation'}</h1>
        {missing ? <p>There is no consultation of yours at this address.</p> : <LoadFailure error={consultation.resource.error} onRetry={consultation.reload} />}
      </section>
    );
  }

  const current = consultation.resource.data;
  const timeZone = session?.account.timeZone ?? 'UTC';

  function cancelled(updated: ConsultationView): void {
    consultation.replace(updated);
    setStatus('The consultation was cancelled.');
  }

  function answered(updated: ConsultationView): void {
    consultation.replace(updated);
    const accepted = `You accepted: ${updated.consultant.displayName} now sees this consultation.`;
    setStatus(updated.status === 'declined' ? 'You declined the invitation.' : accepted);
  }

  // An invitation, answered no or never: nothing of the call applies, only what it was.
  const neverAccepted = current.status === 'declined' || current.status === 'expired';

  return (
    <section className="page narrow" aria-labelledby="consultation-title">
      <BackToConsultations />
      <p className="eyebrow">{current.clinic.name}</p>
      <div className="page-heading">
        <h1 id="consultation-title">
          {current.pet.name} with {otherPartyName(current)}
        </h1>
        <ConsultationStatusBadge status={current.status} />
      </div>

      <StatusMessage message={status} />

      <section className="card section-card" aria-label="Details">
        <ConsultationDetails consultation={current} timeZone={timeZone} />
      </section>

      {isInvitation(current.status) && current.myRole === 'owner' && (
        <InvitationAnswerSection consultation={current} onAnswered={answered} />
      )}
      {neverAccepted && (
        <p className="muted">
          This invitation was {current.status === 'declined' ? 'declined' : 'not answered in time'}; the consultant never saw it.
        </p>
      )}

      {!isInvitation(current.status) && !neverAccepted && (
        <>
          <JoinRoomSection consultation={current} timeZone={timeZone} />

          {current.myRole === 'consultant' && <ConsultationPetRecord consultationId={current.id} petName={current.pet.name} />}
          {current.myRole === 'owner' && !isFinished(current.status) && <RoomPasswordSection consultation={current} onChanged={consultation.replace} />}

          {session && <ConversationSection consultationId={current.id} selfId={session.account.id} timeZone={timeZone} />}
          <ConsultationRecordingsSection consultationId={current.id} timeZone={timeZone} />

          {canCancel(current.status) && !current.bookingId && <CancelConsultationSection consultation={current} onCancelled={cancelled} />}
          {canCancel(current.status) && current.bookingId && <BookedChanges consultation={current} />}
        </>
      )}
    </section>
  );
}
