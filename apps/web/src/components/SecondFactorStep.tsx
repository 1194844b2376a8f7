import { useSession } from '../session/session-context';
import { SecondFactorForm } from './SecondFactorForm';

interface SecondFactorStepProps {
  /** Leaves the half-signed-in session, back to the email and password. */
  onStartAgain: () => void;
  startingAgain: boolean;
  /** Why starting again failed, if it did. */
  startAgainError: string | null;
}

/**
 * The second step of signing in: the password was right and the account also asks for a
 * code from its authenticator app, or one of its recovery codes. Once it is accepted the
 * sign-in page goes on to where the person was heading.
 */
export function SecondFactorStep({ onStartAgain, startingAgain, startAgainError }: SecondFactorStepProps) {
  const { completeSecondFactor } = useSession();
  return (
    <section className="page narrow" aria-labelledby="second-factor-title">
      <h1 id="second-factor-title">Two-step sign-in</h1>
      <p className="lede">Your password was right. To finish signing in, enter the code from your authenticator app.</p>

      <SecondFactorForm
        id="second-factor"
        className="card form-card"
        aria-labelledby="second-factor-title"
        allowRecoveryCode
        autoFocus
        submitLabel="Continue"
        busyLabel="Checking…"
        onSubmit={async (proof) => {
          await completeSecondFactor(proof);
        }}
      />

      {startAgainError && (
        <p className="notice notice-error" role="alert">
          {startAgainError}
        </p>
      )}
      <p className="form-aside">
        Not your account?{' '}
        <button type="button" className="link-button" onClick={() => !startingAgain && onStartAgain()} aria-disabled={startingAgain || undefined}>
          {startingAgain ? 'Starting again…' : 'Start again with another email address'}
        </button>
      </p>
    </section>
  );
}
