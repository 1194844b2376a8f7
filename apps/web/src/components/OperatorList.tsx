import { useState, type ChangeEvent } from 'react';
import type { PlatformOperatorView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { grantOperator, listOperators, revokeOperator } from '../api/clinic-onboarding';
import { describeApiError } from '../api/error-messages';
import { useResource } from '../api/use-resource';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { ConfirmDialog } from './ConfirmDialog';
import { LoadFailure } from './LoadFailure';
import { StatusMessage } from './StatusMessage';

/** Who operates the platform: granted by e-mail to an existing account, revoked (never the last one). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function OperatorList() {
  const operators = useResource(listOperators);
  const [email, setEmail] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const [revoking, setRevoking] = useState<PlatformOperatorView | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  function grant(): void {
    const address = email.trim();
    const found = localProblems(EMAIL.test(address) ? {} : { email: 'Enter an email address like name@example.com.' });
    if (found) {
      showProblems(found);
      return;
    }
    void run(async () => {
      const outcome = await grantOperator(address);
      const said = outcome.granted ? 'is now a platform operator' : 'was a platform operator already';
      setStatus(`${address} ${said}.`);
      setEmail('');
      operators.reload();
    });
  }

  async function revoke(operator: PlatformOperatorView): Promise<void> {
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await revokeOperator(operator.userId);
      setRevoking(null);
      setStatus(`${operator.email} is no longer a platform operator.`);
      operators.reload();
    } catch (error) {
      setRevokeError(error instanceof ApiError ? describeApiError(error) : 'That did not work. Try again.');
    } finally {
      setRevokeBusy(false);
    }
  }

  return (
    <>
      <StatusMessage message={status} />
      {operators.resource.status === 'loading' && <p role="status">Loading operators…</p>}
      {operators.resource.status === 'failed' && (
        <LoadFailure error={operators.resource.error} onRetry={operators.reload} />
      )}
      {operators.resource.status === 'loaded' && (
        <ul className="plain-list" aria-label="Platform operators" data-testid="operator-list">
          {operators.resource.data.map((operator) => (
            <li key={operator.userId} className="row-with-action">
              <span>
                {operator.displayName} <span className="muted">({operator.email})</span>
              </span>
              <button type="button" className="button button-quiet" onClick={() => setRevoking(operator)}>
                Revoke<span className="visually-hidden"> operator from {operator.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3 id="grant-operator-title">Grant operator</h3>
      <Form id="grant-operator" problems={problems} busy={busy} onSubmit={grant} aria-labelledby="grant-operator-title">
        <TextField
          name="email"
          label="Email address of the account"
          hint="The person registers and confirms their address first; they see the operator console once granted."
          type="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={254}
          value={email}
          onChange={(event: ChangeEvent<HTMLInputElement>) => setEmail(event.target.value)}
        />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Granting…">
            Grant operator
          </SubmitButton>
        </div>
      </Form>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke operator"
        confirmLabel="Revoke"
        busyLabel="Revoking…"
        cancelLabel="Cancel"
        busy={revokeBusy}
        error={revokeError}
        onConfirm={() => revoking && void revoke(revoking)}
        onCancel={() => {
          setRevoking(null);
          setRevokeError(null);
        }}
      >
        <p>{revoking?.email} will no longer see the operator console.</p>
      </ConfirmDialog>
    </>
  );
}
