import { ErrorCode, type ConsultationView } from '@vetmeet/contracts/client';
import { acceptInvitation, declineInvitation } from '../api/consultations';
import { ConfirmDialog } from './ConfirmDialog';
import { useConfirmedAction } from './use-confirmed-action';

interface InvitationAnswerSectionProps {
  consultation: ConsultationView;
  onAnswered: (consultation: ConsultationView) => void;
}

const EXPIRED = 'This invitation can no longer be answered: its time has passed or it was already answered.';

/**
 * The invited owner's choice. Until they accept, the consultant sees nothing of them or their
 * pet; the section says what accepting shares, so the choice is an informed one.
 */
export function InvitationAnswerSection({ consultation, onAnswered }: InvitationAnswerSectionProps) {
  const accepting = useConfirmedAction(() => acceptInvitation(consultation.id), onAnswered, {
    stateCode: ErrorCode.ConsultationState,
    stateMessage: EXPIRED,
    fallback: 'The invitation could not be accepted. Try again.',
  });
  const declining = useConfirmedAction(() => declineInvitation(consultation.id), onAnswered, {
    stateCode: ErrorCode.ConsultationState,
    stateMessage: EXPIRED,
    fallback: 'The invitation could not be declined. Try again.',
  });
  const { consultant, clinic, pet } = consultation;
  const busy = accepting.busy || declining.busy;
  // Answered elsewhere or lapsed: offering the buttons again would only fail the same way.
  const stale = accepting.error === EXPIRED || declining.error === EXPIRED;

  return (
    <section className="card section-card" aria-labelledby="invitation-title" data-testid="invitation-answer">
      <h2 id="invitation-title">Your answer</h2>
      <p>
        {consultant.displayName} of {clinic.name} invites you to a video consultation about {pet.name}.
      </p>
      <p className="muted">
        Until you accept, they see nothing of you or {pet.name}. Accepting shows them your name, country and time zone
        and {pet.name}'s record until the consultation's room closes. Declining shows them nothing.
      </p>
      {(accepting.error ?? (stale ? declining.error : null)) && (
        <p className="notice notice-error" role="alert">
          {accepting.error ?? declining.error}
        </p>
      )}
      {!stale && <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy}
          aria-busy={accepting.busy}
          onClick={() => void accepting.confirm()}
        >
          {accepting.busy ? 'Accepting…' : 'Accept the invitation'}
        </button>
        <button type="button" className="button button-danger-outline" disabled={busy}
          onClick={declining.ask}>
          Decline
        </button>
      </div>}
      <ConfirmDialog
        open={declining.confirming}
        title="Decline this invitation?"
        confirmLabel="Decline the invitation"
        busyLabel="Declining…"
        cancelLabel="Keep it"
        busy={declining.busy}
        error={declining.error}
        onConfirm={() => void declining.confirm()}
        onCancel={declining.dismiss}
      >
        <p>
          {consultant.displayName} is not told who you are or that you declined; the invitation cannot be accepted
          afterwards.
        </p>
      </ConfirmDialog>
    </section>
  );
}
