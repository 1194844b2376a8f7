import { useEffect, useRef } from 'react';
import { Link } from '../router/Link';

/**
 * The same words whether or not the address already had an account, as the API's answer
 * is the same: the page must not tell anyone who is registered.
 */
export function SignUpConfirmation({ email, signInPath = '/sign-in' }: { email: string; signInPath?: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section className="page narrow" aria-labelledby="sign-up-done-title">
      <div className="card confirmation" data-testid="sign-up-confirmation">
        <span className="confirmation-mark" aria-hidden="true">
          ✓
        </span>
        <h1 id="sign-up-done-title" ref={headingRef} tabIndex={-1}>
          Check your inbox
        </h1>
        <p>
          We sent an email to <strong className="break-anywhere">{email}</strong>. Open the link in it to confirm your
          address.
        </p>
        <p className="muted">
          Nothing there after a few minutes? Look in your spam folder, and check that the address above is right.
        </p>
        <p>
          <Link to={signInPath} className="button button-primary">
            Continue to sign in
          </Link>
        </p>
      </div>
    </section>
  );
}
