import { useSignOut } from '../session/use-sign-out';

/**
 * The password was right and the account asks for an authenticator code. The step that
 * takes the code (POST /api/auth/second-factor) belongs here; until it exists the person
 * can at least leave the half-open session.
 */
export function SecondFactorPending() {
  const { signOut, busy, error } = useSignOut();
  return (
    <section className="page narrow" aria-labelledby="second-factor-title">
      <h1 id="second-factor-title">Two-step sign-in</h1>
      <div className="card section-card">
        <p>Your password was right. This account also asks for a code from an authenticator app, which this page cannot take yet.</p>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="button" onClick={signOut} aria-disabled={busy || undefined}>
          {busy ? 'Signing out…' : 'Start again'}
        </button>
      </div>
    </section>
  );
}
