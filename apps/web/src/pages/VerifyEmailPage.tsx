import { useEffect, useRef, useState } from 'react';
import { ErrorCode, type EmailVerifiedView } from '@vetmeet/contracts/client';
import { takeLinkToken } from '../accounts/link-token';
import { ApiError, networkError } from '../api/api-error';
import { verifyEmail } from '../api/email-links';
import { describeApiError } from '../api/error-messages';
import { ResendVerification } from '../components/ResendVerification';
import { Link } from '../router/Link';
import { signInPathFor } from '../session/RequireSession';
import { useSession } from '../session/session-context';

type Outcome = { status: 'checking' } | { status: 'verified' } | { status: 'no-token' } | { status: 'link-invalid' } | { status: 'failed'; error: ApiError };

/** One request per token, however often the page mounts (Strict Mode, going back): a token is single-use. */
const verifications = new Map<string, Promise<EmailVerifiedView>>();
function verifyOnce(token: string): Promise<EmailVerifiedView> {
  let pending = verifications.get(token);
  if (!pending) {
    pending = verifyEmail(token);
    // A failure that is not about the token (offline, server down) may be tried again.
    pending.catch((error: unknown) => {
      if (!(error instanceof ApiError && error.code === ErrorCode.EmailTokenInvalid)) verifications.delete(token);
    });
    verifications.set(token, pending);
  }
  return pending;
}

/** Where the link in the sign-up email lands: confirms the address with the token in the fragment. */
export function VerifyEmailPage() {
  const { state, session, refresh } = useSession();
  const [token] = useState(takeLinkToken);
  const [outcome, setOutcome] = useState<Outcome>(token ? { status: 'checking' } : { status: 'no-token' });
  const [attempt, setAttempt] = useState(0);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!token) return;
    let current = true;
    verifyOnce(token).then(
      () => {
        if (!current) return;
        setOutcome({ status: 'verified' });
        // The header and account page show the address as verified from now on.
        void refresh();
      },
      (error: unknown) => {
        if (!current) return;
        if (error instanceof ApiError && error.code === ErrorCode.EmailTokenInvalid) setOutcome({ status: 'link-invalid' });
        else setOutcome({ status: 'failed', error: error instanceof ApiError ? error : networkError(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [token, attempt, refresh]);

  useEffect(() => {
    if (outcome.status !== 'checking') headingRef.current?.focus();
  }, [outcome.status]);

  const signedIn = session !== null;
  const newLink = signedIn ? (
    <ResendVerification label="Send a new link" />
  ) : (
    state.status !== 'loading' && (
      <p>
        <Link to={signInPathFor('/account')} className="button button-primary">
          Sign in to send a new link
        </Link>
      </p>
    )
  );

  switch (outcome.status) {
    case 'checking':
      return (
        <section className="page narrow">
          <p role="status">Confirming your email address…</p>
        </section>
      );
    case 'verified':
      return (
        <section className="page narrow" aria-labelledby="verify-title">
          <div className="card confirmation" data-testid="email-verified">
            <span className="confirmation-mark" aria-hidden="true">
              ✓
            </span>
            <h1 id="verify-title" ref={headingRef} tabIndex={-1}>
              Your address is verified
            </h1>
            <p>Thank you. We will send booking confirmations and reminders to this address.</p>
            <p>
              <Link to={signedIn ? '/pets' : '/sign-in'} className="button button-primary">
                {signedIn ? 'Continue to your pets' : 'Continue to sign in'}
              </Link>
            </p>
          </div>
        </section>
      );
    case 'failed':
      return (
        <section className="page narrow" aria-labelledby="verify-title">
          <h1 id="verify-title" ref={headingRef} tabIndex={-1}>
            Your address is not confirmed yet
          </h1>
          <div className="notice notice-error" role="alert">
            <p>{describeApiError(outcome.error)}</p>
            <button type="button" className="button button-quiet notice-action" onClick={() => setAttempt((n) => n + 1)}>
              Try again
            </button>
          </div>
        </section>
      );
    default:
      return (
        <section className="page narrow" aria-labelledby="verify-title">
          <div className="card" data-testid="email-link-invalid">
            <h1 id="verify-title" ref={headingRef} tabIndex={-1}>
              {outcome.status === 'link-invalid' ? 'This link has expired or was used already' : 'Open the link from your email'}
            </h1>
            <p>
              {outcome.status === 'link-invalid'
                ? 'Verification links work once, for 24 hours. If you already opened it, your address may be verified: your account page says so.'
                : 'This page confirms your email address with the link we sent you. Open that link from the email itself.'}
            </p>
            {newLink}
          </div>
        </section>
      );
  }
}
