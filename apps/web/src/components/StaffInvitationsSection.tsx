import { useCallback, useState } from 'react';
import { STAFF_ROLES, type InvitationView, type StaffRoleValue } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { inviteStaff, listInvitations, withdrawInvitation } from '../api/invitations';
import { useResource } from '../api/use-resource';
import { roleLabels } from '../clinics/memberships';
import { formatDateTime } from '../format/dates';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { ConfirmDialog } from './ConfirmDialog';
import { LoadFailure } from './LoadFailure';
import { StatusMessage } from './StatusMessage';

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const ENTER_EMAIL = 'Enter an email address like name@example.com.';

interface StaffInvitationsSectionProps {
  clinicId: string;
  clinicName: string;
  timeZone: string;
}

/** A clinic admin invites staff by email and sees, or withdraws, the invitations not yet accepted. */
export function StaffInvitationsSection({ clinicId, clinicName, timeZone }: StaffInvitationsSectionProps) {
  const load = useCallback((signal: AbortSignal) => listInvitations(clinicId, signal), [clinicId]);
  const pending = useResource(load);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<StaffRoleValue>('consultant');
  const [status, setStatus] = useState<string | null>(null);
  const [withdrawing, setWithdrawing] = useState<InvitationView | null>(null);
  const [withdrawBusy, setWithdrawBusy] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();

  function invite(): void {
    const address = email.trim();
    const found = localProblems(!address ? { email: 'Enter the email address to invite.' } : LOOKS_LIKE_EMAIL.test(address) ? {} : { email: ENTER_EMAIL });
    if (found) {
      showProblems(found);
      return;
    }
    setStatus(null);
    void run(
      async () => {
        const invitation = await inviteStaff(clinicId, { email: address, role });
        setEmail('');
        setStatus(`We emailed an invitation to ${invitation.email} to join as ${roleLabels[invitation.role]}.`);
        pending.reload();
      },
      { explainField: (field) => (field === 'email' ? ENTER_EMAIL : field === 'role' ? 'Choose a role from the list.' : undefined) },
    );
  }

  async function confirmWithdraw(): Promise<void> {
    if (!withdrawing) return;
    setWithdrawBusy(true);
    setWithdrawError(null);
    try {
      await withdrawInvitation(clinicId, withdrawing.id);
      setStatus(`The invitation to ${withdrawing.email} was withdrawn; its link no longer works.`);
      setWithdrawing(null);
      pending.reload();
    } catch (error) {
      setWithdrawError(error instanceof ApiError ? describeApiError(error) : 'The invitation could not be withdrawn. Try again.');
      pending.reload();
    } finally {
      setWithdrawBusy(false);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="invitations-title" data-testid="staff-invitations">
      <h2 id="invitations-title">Staff invitations</h2>
      <p className="muted">
        Invite a consultant, support staff or another administrator to {clinicName}. They get an email with a link that works for 7 days, and
        accept it with an account for that address.
      </p>

      <Form id="invite-staff" problems={problems} busy={busy} onSubmit={invite} aria-labelledby="invitations-title">
        <div className="field-row">
          <TextField name="email" label="Email address" type="email" autoComplete="off" spellCheck={false} maxLength={254} value={email} onChange={(event) => setEmail(event.target.value)} />
          <SelectField name="role" label="Role" value={role} onChange={(event) => setRole(event.target.value as StaffRoleValue)}>
            {STAFF_ROLES.map((value) => (
              <option key={value} value={value}>
                {roleLabels[value]}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Sending…">
            Send invitation
          </SubmitButton>
        </div>
      </Form>

      <StatusMessage message={status} />

      <h3 className="sub-heading">Waiting to be accepted</h3>
      {pending.resource.status === 'loading' && <p role="status">Loading the invitations…</p>}
      {pending.resource.status === 'failed' && <LoadFailure error={pending.resource.error} onRetry={pending.reload} />}
      {pending.resource.status === 'loaded' &&
        (pending.resource.data.length === 0 ? (
          <p className="muted">No invitations are waiting.</p>
        ) : (
          <ul className="plain-list invitation-list" data-testid="pending-invitations">
            {pending.resource.data.map((invitation) => (
              <li key={invitation.id} className="invitation-item">
                <div>
                  <p className="break-anywhere invitation-email">{invitation.email}</p>
                  <p className="muted small">
                    {roleLabels[invitation.role]} · sent {formatDateTime(invitation.createdAt, timeZone)} · expires {formatDateTime(invitation.expiresAt, timeZone)}
                  </p>
                </div>
                <button
                  type="button"
                  className="button button-danger-outline"
                  onClick={() => {
                    setWithdrawError(null);
                    setWithdrawing(invitation);
                  }}
                >
                  Withdraw<span className="visually-hidden"> the invitation to {invitation.email}</span>
                </button>
              </li>
            ))}
          </ul>
        ))}

      <ConfirmDialog
        open={withdrawing !== null}
        title="Withdraw this invitation?"
        confirmLabel="Withdraw invitation"
        busyLabel="Withdrawing…"
        cancelLabel="Keep it"
        busy={withdrawBusy}
        error={withdrawError}
        onConfirm={() => void confirmWithdraw()}
        onCancel={() => setWithdrawing(null)}
      >
        <p>
          The link sent to <strong className="break-anywhere">{withdrawing?.email}</strong> stops working at once. You can invite the address
          again later.
        </p>
      </ConfirmDialog>
    </section>
  );
}
