import { useCallback, useState } from 'react';
import { ErrorCode, type InvitationPreview } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { acceptInvitation, previewInvitation } from '../api/invitations';
import { useResource } from '../api/use-resource';
import { forgetInvitationToken, INVITATION_PATH, takeInvitationToken } from '../clinics/invitation-token';
import { clinicPath, roleLabels } from '../clinics/memberships';
import { LoadFailure } from '../components/LoadFailure';
import { navigateWithMessage } from '../router/flash';
import { Link } from '../router/Link';
import { signInPathFor } from '../session/RequireSession';
import { useSession } from '../session/session-context';

const sameAddress = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Where a staff invitation link lands: what it offers, and joining the clinic with the invited address. */
export function InvitationAcceptPage() {
  const [token] = useState(takeInvitationToken);

  if (!token) {
    return (
      <section className="page narrow" aria-labelledby="invitation-title">
        <div className="card">
          <h1 id="invitation-title">Open the link from your invitation</h1>
          <p>This page accepts an invitation to work for a clinic on Vetmeet. Open the link in the invitation email itself.</p>
        </div>
      </section>
    );
  }
  return <InvitationFromToken token={token} />;
}

function InvitationFromToken({ token }: { token: string }) {
  const load = useCallback((signal: AbortSignal) => previewInvitation(token, signal), [token]);
  const preview = useResource(load);

  if (preview.resource.status === 'loading') {
    return (
      <section className="page narrow">
        <p role="status">Opening the invitation…</p>
      </section>
    );
  }
  if (preview.resource.status === 'failed') {
    const invalid = preview.resource.error.code === ErrorCode.InvitationInvalid || preview.resource.error.code === ErrorCode.ValidationFailed;
    return (
      <section className="page narrow" aria-labelledby="invitation-title">
        <h1 id="invitation-title">{invalid ? 'This invitation is not valid any more' : 'Invitation'}</h1>
        {invalid ? (
          <div className="card" data-testid="invitation-invalid">
            <p>It was accepted already, or the clinic withdrew it. If you still need to join, ask the clinic's administrator for a new invitation.</p>
          </div>
        ) : (
          <LoadFailure error={preview.resource.error} onRetry={preview.reload} />
        )}
      </section>
    );
  }
  return <InvitationOffer token={token} invitation={preview.resource.data} />;
}

function InvitationOffer({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { state, session, refresh, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);
  const role = roleLabels[invitation.role];

  async function join(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const membership = await acceptInvitation(token);
      forgetInvitationToken();
      // The clinic page reads the clinics from the session: it must know the new membership first.
      await refresh();
      navigateWithMessage(clinicPath(membership.clinicId), `You joined ${membership.clinicName} as ${roleLabels[membership.role]}.`);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === ErrorCode.Forbidden) setError(`This invitation is for ${invitation.email}. Sign in with that address to accept it.`);
      else if (failure instanceof ApiError && failure.code === ErrorCode.InvitationInvalid) setError('This invitation is not valid any more: it was accepted already, withdrawn or has expired. Ask the clinic for a new one.');
      else setError(failure instanceof ApiError ? describeApiError(failure) : 'The invitation could not be accepted. Try again.');
      setBusy(false);
    }
  }

  function switchAccount(): void {
    setSigningOut(true);
    setError(null);
    signOut()
      .catch((failure: unknown) => setError(failure instanceof ApiError ? describeApiError(failure) : 'Signing out failed. Try again.'))
      .finally(() => setSigningOut(false));
  }

  let action: React.JSX.Element;
  if (invitation.expired) {
    action = (
      <div className="notice notice-error" role="alert" data-testid="invitation-expired">
        <p>This invitation has expired. Ask the clinic's administrator to invite you again.</p>
      </div>
    );
  } else if (state.status === 'loading') {
    action = <p role="status">Checking whether you are signed in…</p>;
  } else if (!session) {
    action = (
      <div data-testid="invitation-sign-in">
        <p>
          To accept, sign in with the account for <strong className="break-anywhere">{invitation.email}</strong>, or create one with that address. You
          come back here afterwards.
        </p>
        <div className="button-row">
          <Link to={signInPathFor(INVITATION_PATH)} className="button button-primary">
            Sign in
          </Link>
          <Link to={`/sign-up?next=${encodeURIComponent(INVITATION_PATH)}`} className="button">
            Create an account
          </Link>
        </div>
      </div>
    );
  } else if (!sameAddress(session.account.email, invitation.email)) {
    action = (
      <div data-testid="invitation-wrong-account">
        <div className="notice notice-info">
          <p>
            You are signed in as <strong className="break-anywhere">{session.account.email}</strong>, but this invitation is for{' '}
            <strong className="break-anywhere">{invitation.email}</strong>. Only the account with that address can accept it.
          </p>
        </div>
        <button type="button" className="button" onClick={switchAccount} aria-disabled={signingOut || undefined}>
          {signingOut ? 'Signing out…' : 'Sign out to use another account'}
        </button>
      </div>
    );
  } else {
    action = (
      <button type="button" className="button button-primary" onClick={() => void join()} aria-disabled={busy || undefined}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? 'Joining…' : `Join ${invitation.clinicName} as ${role}`}
      </button>
    );
  }

  return (
    <section className="page narrow" aria-labelledby="invitation-title">
      <p className="eyebrow">Staff invitation</p>
      <h1 id="invitation-title">Join {invitation.clinicName}</h1>
      <div className="card section-card" data-testid="invitation-preview">
        <dl className="details">
          <div>
            <dt>Clinic</dt>
            <dd>{invitation.clinicName}</dd>
          </div>
          <div>
            <dt>Your role there</dt>
            <dd>{role}</dd>
          </div>
          <div className="details-wide">
            <dt>Invited address</dt>
            <dd className="break-anywhere">{invitation.email}</dd>
          </div>
        </dl>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <div className="invitation-action">{action}</div>
      </div>
    </section>
  );
}
