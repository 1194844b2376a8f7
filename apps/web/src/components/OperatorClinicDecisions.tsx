import { useState } from 'react';
import type { ClinicApplicationView, ClinicDecisionView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { decideClinic, type ClinicDecisionName } from '../api/clinic-onboarding';
import { describeApiError } from '../api/error-messages';
import { ConfirmDialog } from './ConfirmDialog';
import { ReasonDialog } from './ReasonDialog';

interface DecisionCopy {
  button: string;
  title: string;
  explanation: string;
  hint: string;
  busy: string;
}

const COPY: Record<Exclude<ClinicDecisionName, 'approve'>, DecisionCopy> = {
  refuse: {
    button: 'Refuse',
    title: 'Refuse this application',
    explanation: 'The applicant is emailed the refusal with your reason, and may apply again.',
    hint: 'The applicant reads it.',
    busy: 'Refusing…',
  },
  suspend: {
    button: 'Suspend',
    title: 'Suspend this clinic',
    explanation:
      'Its vets leave the directory at once and take no new booking. Its upcoming bookings are cancelled ' +
      'and refunded in full, and each owner is emailed.',
    hint: 'Kept with the clinic and in the audit log.',
    busy: 'Suspending…',
  },
  reinstate: {
    button: 'Reinstate',
    title: 'Reinstate this clinic',
    explanation: 'Its published vets are back in the directory and take bookings again.',
    hint: 'Kept with the clinic and in the audit log.',
    busy: 'Reinstating…',
  },
};

/** The decisions a clinic's status allows, each behind a dialog; `onDecided` gets what the API answered. */
interface OperatorClinicDecisionsProps {
  clinic: ClinicApplicationView;
  onDecided: (decision: ClinicDecisionView) => void;
}

const ALLOWED: Record<ClinicApplicationView['status'], ClinicDecisionName[]> = {
  pending: ['approve', 'refuse'],
  approved: ['suspend'],
  suspended: ['reinstate'],
  refused: [],
};

export function OperatorClinicDecisions({ clinic, onDecided }: OperatorClinicDecisionsProps) {
  const [open, setOpen] = useState<ClinicDecisionName | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const allowed = ALLOWED[clinic.status];

  async function decide(decision: ClinicDecisionName, reason?: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const answer = await decideClinic(clinic.id, decision, reason);
      setOpen(null);
      onDecided(answer);
    } catch (caught) {
      setError(caught instanceof ApiError ? describeApiError(caught) : 'That did not work. Try again.');
    } finally {
      setBusy(false);
    }
  }
  const close = () => {
    setOpen(null);
    setError(null);
  };

  if (allowed.length === 0) {
    return <p className="muted">A refused application is final; the applicant may apply again.</p>;
  }
  return (
    <>
      <div className="form-actions">
        {allowed.map((decision) => (
          <button
            key={decision}
            type="button"
            className={decision === 'approve' ? 'button button-primary' : 'button'}
            onClick={() => setOpen(decision)}
          >
            {decision === 'approve' ? 'Approve' : COPY[decision].button}
          </button>
        ))}
      </div>
      <ConfirmDialog
        open={open === 'approve'}
        title="Approve this clinic"
        confirmLabel="Approve"
        busyLabel="Approving…"
        cancelLabel="Cancel"
        busy={busy}
        error={error}
        onConfirm={() => void decide('approve')}
        onCancel={close}
      >
        <p>
          The applicant becomes the clinic admin of {clinic.name} and is emailed. Its vets can then publish and take
          bookings.
        </p>
      </ConfirmDialog>
      {(['refuse', 'suspend', 'reinstate'] as const).map((decision) => (
        <ReasonDialog
          key={decision}
          open={open === decision}
          title={COPY[decision].title}
          explanation={COPY[decision].explanation}
          hint={COPY[decision].hint}
          confirmLabel={COPY[decision].button}
          busyLabel={COPY[decision].busy}
          busy={busy}
          error={error}
          onConfirm={(reason) => void decide(decision, reason)}
          onCancel={close}
        />
      ))}
    </>
  );
}
