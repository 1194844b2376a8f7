import { useRef, useState } from 'react';
import type { AccountView, TotpEnrollmentView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { disableTotp, enableTotp, enrollTotp } from '../api/two-factor';
import { RecoveryCodes } from './RecoveryCodes';
import { SecondFactorForm } from './SecondFactorForm';
import { StatusMessage } from './StatusMessage';
import { TotpSetup } from './TotpSetup';

type Step =
  | { name: 'idle' }
  | { name: 'setting-up'; enrollment: TotpEnrollmentView }
  | { name: 'recovery-codes'; codes: string[] }
  | { name: 'turning-off' };

interface TwoStepSignInCardProps {
  account: AccountView;
  /** Two-step sign-in was turned on or off: the page's copy of the account follows. */
  onChange: (enabled: boolean) => void;
}

/** The account's second factor: turn on with an authenticator app (recovery codes shown once), turn off with a code. */
export function TwoStepSignInCard({ account, onChange }: TwoStepSignInCardProps) {
  const [step, setStep] = useState<Step>({ name: 'idle' });
  const [starting, setStarting] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const enabled = account.twoFactorEnabled;

  /** Back to the card's first view, with the focus on its button, as after closing a form. */
  function finish(message: string | null): void {
    setStep({ name: 'idle' });
    setStatus(message);
    requestAnimationFrame(() => toggleRef.current?.focus());
  }

  async function startSetup(): Promise<void> {
    if (starting) return;
    setStarting(true);
    setStatus(null);
    setError(null);
    try {
      setStep({ name: 'setting-up', enrollment: await enrollTotp() });
    } catch (failure) {
      setError(failure instanceof ApiError ? describeApiError(failure) : 'Setting up did not start. Try again.');
    } finally {
      setStarting(false);
    }
  }

  async function confirm(code: string): Promise<void> {
    const { recoveryCodes } = await enableTotp(code);
    onChange(true);
    setStep({ name: 'recovery-codes', codes: recoveryCodes });
  }

  return (
    <section className="card section-card" aria-labelledby="two-step-title" data-testid="two-step-card">
      <h2 id="two-step-title" className="card-heading">
        Two-step sign-in
        {enabled ? <span className="badge badge-ok">On</span> : <span className="badge badge-neutral">Off</span>}
      </h2>
      <p className="muted">
        {enabled
          ? 'Signing in asks for your password and a code from your authenticator app.'
          : 'Add a code from an authenticator app on your phone to your password, so a stolen password alone cannot open your account.'}
      </p>
      <StatusMessage message={status} />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}

      {step.name === 'idle' &&
        (enabled ? (
          <button
            ref={toggleRef}
            type="button"
            className="button button-danger-outline"
            onClick={() => {
              setStatus(null);
              setStep({ name: 'turning-off' });
            }}
          >
            Turn off
          </button>
        ) : (
          <button ref={toggleRef} type="button" className="button button-primary" onClick={() => void startSetup()} aria-disabled={starting || undefined}>
            {starting && <span className="spinner" aria-hidden="true" />}
            {starting ? 'Starting…' : 'Turn on'}
          </button>
        ))}

      {step.name === 'setting-up' && <TotpSetup enrollment={step.enrollment} onConfirm={confirm} onCancel={() => finish(null)} />}

      {step.name === 'recovery-codes' && <RecoveryCodes codes={step.codes} email={account.email} onDone={() => finish('Two-step sign-in is on.')} />}

      {step.name === 'turning-off' && (
        <section className="sub-section" aria-labelledby="turn-off-title">
          <h3 id="turn-off-title">Turn off two-step sign-in</h3>
          <p>To confirm it is you, enter a code from your authenticator app, or one of your recovery codes. Your recovery codes stop working too.</p>
          <SecondFactorForm
            id="totp-disable"
            aria-labelledby="turn-off-title"
            allowRecoveryCode
            autoFocus
            submitLabel="Turn off two-step sign-in"
            busyLabel="Turning off…"
            submitVariant="danger"
            onSubmit={async (proof) => {
              await disableTotp(proof);
              onChange(false);
              finish('Two-step sign-in is off. Signing in now asks only for your password.');
            }}
            actions={
              <button type="button" className="button" onClick={() => finish(null)}>
                Keep it on
              </button>
            }
          />
        </section>
      )}
    </section>
  );
}
