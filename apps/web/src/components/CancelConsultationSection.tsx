import { ErrorCode, type ConsultationView } from '@vetmeet/contracts/client';
import { cancelConsultation } from '../api/consultations';
import { otherPartyName } from '../consultations/consultation-status';
import { ConfirmDialog } from './ConfirmDialog';
import { useConfirmedAction } from './use-confirmed-action';

interface CancelConsultationSectionProps {
  consultation: ConsultationView;
  onCancelled: (consultation: ConsultationView) => void;
}

/** Cancelling, after asking; the other side sees it in their list. */
export function CancelConsultationSection({ consultation, onCancelled }: CancelConsultationSectionProps) {
  const cancelling = useConfirmedAction(() => cancelConsultation(consultation.id), onCancelled, {
    stateCode: ErrorCode.ConsultationState,
    stateMessage: 'This consultation has already started or finished, so it can no longer be cancelled.',
    fallback: 'The consultation could not be cancelled. Try again.',
  });

  return (
    <section className="danger-zone" aria-labelledby="cancel-consultation-title">
      <h2 id="cancel-consultation-title">Cancel the consultation</h2>
      <p className="muted">{otherPartyName(consultation)} sees that it was cancelled, and its room will not open.</p>
      <button
        type="button"
        className="button button-danger-outline"
        onClick={cancelling.ask}
      >
        Cancel the consultation
      </button>
      <ConfirmDialog
        open={cancelling.confirming}
        title="Cancel this consultation?"
        confirmLabel="Cancel the consultation"
        busyLabel="Cancelling…"
        cancelLabel="Keep it"
        busy={cancelling.busy}
        error={cancelling.error}
        onConfirm={() => void cancelling.confirm()}
        onCancel={cancelling.dismiss}
      >
        <p>
          The consultation for {consultation.pet.name} with {otherPartyName(consultation)} is cancelled. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
