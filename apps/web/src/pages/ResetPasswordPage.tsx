import { useEffect, useRef, useState } from 'react';
import { ErrorCode } from '@vetmeet/contracts/client';
import { explainPasswordProblem, newPasswordProblem, PASSWORD_MAX_LENGTH, PASSWORD_RULES_HINT } from '../accounts/sign-up-form';
import { forgetLinkToken, takeLinkToken } from '../accounts/link-token';
import { ApiError } from '../api/api-error';
import { confirmPasswordReset } from '../api/email-links';
import { Form } from '../forms/Form';
import { localProblems, type FieldProblems } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

const LINK_INVALID = 'This reset link has expired or was used already. Ask for a new one.';

function explainResetFailure(error: ApiError): string | undefined {
  if (error.code === ErrorCode.EmailTokenInvalid) return LINK_INVALID;
  if (error.code === ErrorCode.WeakPassword) return 'Choose a stronger password.';
  return undefined;
}

/** Where the reset link lands: a new password, twice; every session of the account ends with it. */
export function ResetPasswordPage() {
  const { endingEverySession } = useSession();
  const [token] = useState(takeLinkToken);
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [linkInvalid, setLinkInvalid] = useState(false);
  const [changed, setChanged] = useState(false);
  const { busy, problems, showProblems, run } = useFormSubmit();

  function submit(): void {
    if (!token) return;
    const fields: FieldProblems = {};
    const problem = newPasswordProblem(password);
    if (problem) fields.newPassword = problem;
    if (!repeated) fields.repeatPassword = 'Enter the new password again.';
    else if (!problem && repeated !== password) fields.repeatPassword = 'The two passwords are not the same. Type the new one again.';
    const found = localProblems(fields);
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        try {
          await endingEverySession(() => confirmPasswordReset(token, password));
          forgetLinkToken(window.location.pathname);
          setChanged(true);
        } catch (error) {
          if (error instanceof ApiError && error.code === ErrorCode.EmailTokenInvalid) setLinkInvalid(true);
          throw error;
        }
      },
      {
        explainField: (field, problem) => (field === 'newPassword' ? explainPasswordProblem(problem) : undefined),
        explainMessage: explainResetFailure,
      },
    );
  }

  if (changed) return <PasswordChanged />;

  if (!token) {
    return (
      <section className="page narrow" aria-labelledby="reset-title">
        <div className="card">
          <h1 id="reset-title">Open the link from your email</h1>
          <p>This page sets a new password with the link we emailed you. Open that link from the email itself, or ask for a new one.</p>
          <p>
            <Link to="/forgot-password" className="button button-primary">
              Send me a reset link
            </Link>
          </p>
        </div>
      </section>
    );
  }

  return (
    <section className="page narrow" aria-labelledby="reset-title">
      <h1 id="reset-title">Choose a new password</h1>
      <p className="lede">After the change you are signed out everywhere, and sign in again with the new password.</p>
      <Form id="reset-password" problems={problems} busy={busy} onSubmit={submit} className="card form-card" aria-labelledby="reset-title">
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          hint={PASSWORD_RULES_HINT}
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <TextField
          name="repeatPassword"
          label="New password again"
          type="password"
          autoComplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
          value={repeated}
          onChange={(event) => setRepeated(event.target.value)}
        />
        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Saving…">
            Set the new password
          </SubmitButton>
        </div>
      </Form>
      {linkInvalid && (
        <p className="form-aside">
          <Link to="/forgot-password">Send me a new reset link</Link>
        </p>
      )}
    </section>
  );
}

function PasswordChanged() {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="page narrow" aria-labelledby="reset-done-title">
      <div className="card confirmation" data-testid="password-changed">
        <span className="confirmation-mark" aria-hidden="true">
          ✓
        </span>
        <h1 id="reset-done-title" ref={headingRef} tabIndex={-1}>
          Your password was changed
        </h1>
        <p>You are signed out on every device. We also emailed you a notice of the change.</p>
        <p>
          <Link to="/sign-in" className="button button-primary">
            Sign in with your new password
          </Link>
        </p>
      </div>
    </section>
  );
}
