import { useEffect, useRef, useState } from 'react';
import { ErrorCode } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError, waitPhrase } from '../api/error-messages';
import { DemoSignInsPanel } from '../components/DemoSignInsPanel';
import { SecondFactorStep } from '../components/SecondFactorStep';
import { SsoSignInSection } from '../components/SsoSignInSection';
import { ssoProblemFor } from '../sso/sso-sign-in-problems';
import { StatusMessage } from '../components/StatusMessage';
import { Form } from '../forms/Form';
import { localProblems, type FieldProblems } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { navigate, safeReturnPath, useSearchParams } from '../router/router';
import { useSession } from '../session/session-context';

const AFTER_SIGN_IN = '/pets';

/** Sign-in failures in words a person can act on; the server's codes say which. */
function explainSignInFailure(error: ApiError): string | undefined {
  switch (error.code) {
    case ErrorCode.InvalidCredentials:
      return 'The email address or password is not right. Check them and try again.';
    case ErrorCode.AccountLocked: {
      const seconds = error.retryAfterSeconds();
      return `This account is locked after too many failed attempts. Try again ${seconds ? waitPhrase(seconds) : 'in a few minutes'}, or reset your password.`;
    }
    case ErrorCode.RateLimited: {
      const seconds = error.retryAfterSeconds();
      return `Too many sign-in attempts from here. Try again ${seconds ? waitPhrase(seconds) : 'in a few minutes'}.`;
    }
    default:
      return undefined;
  }
}

export function SignInPage() {
  const { state, session, signIn, signOut } = useSession();
  const searchParams = useSearchParams();
  const returnTo = safeReturnPath(searchParams.get('next'), AFTER_SIGN_IN);
  // Single sign-on comes back here with ?sso=CODE when it was refused.
  const ssoProblem = ssoProblemFor(searchParams.get('sso'));
  const flash = useFlashMessage();
  const [notice, setNotice] = useState<string | null>(flash);
  const [startError, setStartError] = useState<string | null>(null);
  const [startingAgain, setStartingAgain] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, problems, showProblems, run } = useFormSubmit();
  const previousStatus = useRef(state.status);
  // Set while the person leaves the second step on purpose, so that is not taken for a timeout.
  const leavingSecondStep = useRef(false);

  // Signed in already, or just now: go where the person was heading.
  useEffect(() => {
    if (session) navigate(returnTo, { replace: true });
  }, [session, returnTo]);

  // The half-signed-in session can end before its code arrives (it idles out like any other).
  useEffect(() => {
    if (previousStatus.current === 'second-factor' && state.status === 'signed-out' && !leavingSecondStep.current) {
      setNotice('Signing in was not finished in time. Enter your email address and password again.');
    }
    if (state.status !== 'second-factor') leavingSecondStep.current = false;
    previousStatus.current = state.status;
  }, [state.status]);

  function startAgain(): void {
    leavingSecondStep.current = true;
    setStartingAgain(true);
    setStartError(null);
    setNotice(null);
    signOut()
      .catch((error: unknown) => {
        leavingSecondStep.current = false;
        setStartError(error instanceof ApiError ? describeApiError(error) : 'That did not work. Try again.');
      })
      .finally(() => setStartingAgain(false));
  }

  /** The demo panel's one click: the form shows the account, then signs in with it. */
  function signInAsDemo(account: { email: string; password: string }): void {
    setEmail(account.email);
    setPassword(account.password);
    void run(
      async () => {
        await signIn({ email: account.email, password: account.password });
      },
      { explainMessage: explainSignInFailure },
    );
  }

  function submit(): void {
    const fields: FieldProblems = {};
    if (!email.trim()) fields.email = 'Enter your email address.';
    if (!password) fields.password = 'Enter your password.';
    const found = localProblems(fields);
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        try {
          await signIn({ email: email.trim(), password });
        } catch (error) {
          setPassword('');
          throw error;
        }
      },
      { explainMessage: explainSignInFailure },
    );
  }

  if (state.status === 'second-factor') {
    return <SecondFactorStep onStartAgain={startAgain} startingAgain={startingAgain} startAgainError={startError} />;
  }

  return (
    <section className="page narrow" aria-labelledby="sign-in-title">
      <StatusMessage message={notice} />
      <h1 id="sign-in-title">Sign in to Vetmeet</h1>
      {returnTo !== AFTER_SIGN_IN && <p className="lede">Sign in to continue to that page.</p>}

      <Form id="sign-in" problems={problems} busy={busy} onSubmit={submit} className="card form-card" aria-labelledby="sign-in-title">
        <TextField name="email" label="Email address" type="email" autoComplete="username" spellCheck={false} value={email} onChange={(event) => setEmail(event.target.value)} />
        <TextField name="password" label="Password" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
        <p className="field-aside">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Signing in…">
            Sign in
          </SubmitButton>
        </div>
      </Form>

      <SsoSignInSection problem={ssoProblem} />

      <p className="form-aside">
        New to Vetmeet? <Link to={returnTo !== AFTER_SIGN_IN ? `/sign-up?next=${encodeURIComponent(returnTo)}` : '/sign-up'}>Create an account</Link>
      </p>

      <DemoSignInsPanel onChoose={signInAsDemo} busy={busy} />
    </section>
  );
}
