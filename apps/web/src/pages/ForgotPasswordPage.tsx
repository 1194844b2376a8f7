import { useEffect, useRef, useState } from 'react';
import { requestPasswordReset } from '../api/email-links';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link } from '../router/Link';

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Asks for a reset link. The answer is the same whether or not the address has an account,
 * so this page cannot be used to find out who is registered.
 */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();

  function submit(): void {
    const address = email.trim();
    const found = localProblems(
      !address ? { email: 'Enter your email address.' } : LOOKS_LIKE_EMAIL.test(address) ? {} : { email: 'Enter an email address like name@example.com.' },
    );
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        await requestPasswordReset(address);
        setSentTo(address);
      },
      { explainField: (field) => (field === 'email' ? 'Enter an email address like name@example.com.' : undefined) },
    );
  }

  if (sentTo) return <ResetLinkSent email={sentTo} />;

  return (
    <section className="page narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">Forgot your password?</h1>
      <p className="lede">Enter the address you signed up with. We will email you a link to choose a new password.</p>
      <Form id="forgot-password" problems={problems} busy={busy} onSubmit={submit} className="card form-card" aria-labelledby="forgot-title">
        <TextField name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} maxLength={254} value={email} onChange={(event) => setEmail(event.target.value)} />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Sending…">
            Send the reset link
          </SubmitButton>
        </div>
      </Form>
      <p className="form-aside">
        Remembered it? <Link to="/sign-in">Sign in</Link>
      </p>
    </section>
  );
}

function ResetLinkSent({ email }: { email: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="page narrow" aria-labelledby="forgot-done-title">
      <div className="card confirmation" data-testid="reset-link-sent">
        <span className="confirmation-mark" aria-hidden="true">
          ✓
        </span>
        <h1 id="forgot-done-title" ref={headingRef} tabIndex={-1}>
          Check your inbox
        </h1>
        <p>
          If <strong className="break-anywhere">{email}</strong> belongs to a Vetmeet account, we sent a link to it. The link works once, for an
          hour.
        </p>
        <p className="muted">Nothing there after a few minutes? Look in your spam folder, and check that the address above is right.</p>
        <p>
          <Link to="/sign-in" className="button">
            Back to sign in
          </Link>
        </p>
      </div>
    </section>
  );
}
