import { useState } from 'react';
import { ErrorCode, type ConsultationView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { cancelConsultation } from '../api/consultations';
import { describeApiError } from '../api/error-messages';
import { otherPartyName } from '../consultations/consultation-status';
import { ConfirmDialog } from './ConfirmDialog';

interface CancelConsultationSectionProps {
  consultation: ConsultationView;
  onCancelled: (consultation: ConsultationView) => void;
}

/** Cancelling, after asking; the other side sees it in their list. */
export function CancelConsultationSection({ consultation, onCancelled }: CancelConsultationSectionProps) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const cancelled = await cancelConsultation(consultation.id);
      setConfirming(false);
      onCancelled(cancelled);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === ErrorCode.ConsultationState) {
        setError('This consultation has already started or finished, so it can no longer be cancelled.');
      } else {
        setError(failure instanceof ApiError ? describeApiError(failure) : 'The consultation could not be cancelled. Try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="danger-zone" aria-labelledby="cancel-consultation-title">
      <h2 id="cancel-consultation-title">Cancel the consultation</h2>
      <p className="muted">{otherPartyName(consultation)} sees that it was cancelled, and its room will not open.</p>
      <button
        type="button"
        className="button button-danger-outline"
        onClick={() => {
          setError(null);
          setConfirming(true);
        }}
      >
        Cancel the consultation
      </button>
      <ConfirmDialog
        open={confirming}
        title="Cancel this consultation?"
        confirmLabel="Cancel the consultation"
        busyLabel="Cancelling…"
        cancelLabel="Keep it"
        busy={busy}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => setConfirming(false)}
      >
        <p>
          The consultation for {consultation.pet.name} with {otherPartyName(consultation)} is cancelled. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
