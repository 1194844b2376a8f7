import { useState } from 'react';
import type { SessionListItem } from '@vetmeet/contracts/client';
import { describeDevice } from '../accounts/device';
import { fetchAccount } from '../api/accounts';
import { ApiError } from '../api/api-error';
import { listSessions, revokeSession } from '../api/auth';
import { describeApiError } from '../api/error-messages';
import { useResource } from '../api/use-resource';
import { AccountProfile } from '../components/AccountProfile';
import { ClinicMemberships } from '../components/ClinicMemberships';
import { LoadFailure } from '../components/LoadFailure';
import { ResendVerification } from '../components/ResendVerification';
import { SessionList } from '../components/SessionList';
import { StatusMessage } from '../components/StatusMessage';
import { TwoStepSignInCard } from '../components/TwoStepSignInCard';
import { useSession } from '../session/session-context';
import { useSignOut } from '../session/use-sign-out';

export function AccountPage() {
  const { session } = useSession();
  const account = useResource(fetchAccount);
  const sessions = useResource(listSessions);
  const signOut = useSignOut();
  const [revoking, setRevoking] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const timeZone = account.resource.status === 'loaded' ? account.resource.data.timeZone : session?.account.timeZone;

  async function revoke(target: SessionListItem): Promise<void> {
    setRevoking(target.id);
    setStatus(null);
    setRevokeError(null);
    try {
      await revokeSession(target.id);
      setStatus(`Signed out ${describeDevice(target.userAgent)}.`);
      sessions.reload();
    } catch (error) {
      setRevokeError(error instanceof ApiError ? describeApiError(error) : 'That session could not be signed out. Try again.');
      sessions.reload();
    } finally {
      setRevoking(null);
    }
  }

  return (
    <section className="page narrow" aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>

      <section className="card section-card" aria-labelledby="profile-title">
        <h2 id="profile-title">Profile</h2>
        {account.resource.status === 'loading' && <p role="status">Loading your profile…</p>}
        {account.resource.status === 'failed' && <LoadFailure error={account.resource.error} onRetry={account.reload} />}
        {account.resource.status === 'loaded' && (
          <>
            <AccountProfile
              account={account.resource.data}
              verifyAction={<ResendVerification label="Send the link again" onAlreadyVerified={account.reload} />}
            />
            {!account.resource.data.emailVerified && (
              <p className="muted small">Open the link in the email we sent when you signed up to verify your address.</p>
            )}
          </>
        )}
      </section>

      {/* Staff see the clinics they work for; the clinic pages themselves link from here. */}
      {session && session.memberships.length > 0 && <ClinicMemberships memberships={session.memberships} />}

      <section className="card section-card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">Where you are signed in</h2>
        <p className="muted">If you do not recognise a device, sign it out and change your password.</p>
        <StatusMessage message={status} />
        {revokeError && (
          <p className="notice notice-error" role="alert">
            {revokeError}
          </p>
        )}
        {sessions.resource.status === 'loading' && <p role="status">Loading your sessions…</p>}
        {sessions.resource.status === 'failed' && <LoadFailure error={sessions.resource.error} onRetry={sessions.reload} />}
        {sessions.resource.status === 'loaded' && (
          <SessionList sessions={sessions.resource.data} timeZone={timeZone ?? 'UTC'} revoking={revoking} onRevoke={(target) => void revoke(target)} />
        )}
      </section>

      {account.resource.status === 'loaded' && (
        <TwoStepSignInCard
          account={account.resource.data}
          onChange={(enabled) => account.resource.status === 'loaded' && account.replace({ ...account.resource.data, twoFactorEnabled: enabled })}
        />
      )}

      <section className="card section-card" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">Sign out</h2>
        <p className="muted">Sign out of Vetmeet on this device. Your other devices stay signed in.</p>
        {signOut.error && (
          <p className="notice notice-error" role="alert">
            {signOut.error}
          </p>
        )}
        <button type="button" className="button" onClick={signOut.signOut} aria-disabled={signOut.busy || undefined}>
          {signOut.busy ? 'Signing out…' : 'Sign out of this device'}
        </button>
      </section>
    </section>
  );
}
