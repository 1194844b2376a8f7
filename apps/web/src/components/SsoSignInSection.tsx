import { useState } from 'react';
import { ssoStartUrl } from '../api/sso';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';

const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Staff whose clinic set up single sign-on: the work address's domain picks the clinic's sign-in
 * service, which the whole page visits (it comes back to Vetmeet signed in, or with the reason
 * why not). Owners and everyone else keep the password form above; nothing redirects them.
 */
export function SsoSignInSection({ problem }: { problem: string | null }) {
  const [email, setEmail] = useState('');
  const [leaving, setLeaving] = useState(false);
  const { problems, showProblems } = useFormSubmit();

  function submit(): void {
    const address = email.trim();
    const found = localProblems(
      LOOKS_LIKE_EMAIL.test(address)
        ? {}
        : { 'sso-email': 'Enter your work e-mail address, like name@your-clinic.example.' },
    );
    if (found) {
      showProblems(found);
      return;
    }
    setLeaving(true);
    window.location.assign(ssoStartUrl(address));
  }

  return (
    <section className="card form-card" aria-labelledby="sso-title" data-testid="sso-sign-in">
      <h2 id="sso-title">Sign in with your clinic's account</h2>
      <p className="muted">
        For clinic staff whose clinic signs in with Google Workspace, Microsoft Entra ID or another sign-in service.
      </p>
      {problem && (
        <div className="notice notice-error" role="alert" data-testid="sso-problem">
          <p>{problem}</p>
        </div>
      )}
      <Form id="sso-sign-in-form" problems={problems} busy={leaving} onSubmit={submit} aria-labelledby="sso-title">
        <TextField
          name="sso-email"
          label="Your work email"
          type="email"
          autoComplete="username"
          spellCheck={false}
          maxLength={254}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <div className="form-actions">
          <SubmitButton busy={leaving} busyLabel="Going to your clinic's sign-in…" variant="default">
            Continue with your clinic
          </SubmitButton>
        </div>
      </Form>
    </section>
  );
}
