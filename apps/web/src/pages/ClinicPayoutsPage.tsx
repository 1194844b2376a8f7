import { useCallback, useState } from 'react';
import type { ClinicPaymentAccountView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { fetchPaymentAccount, refreshPaymentAccount, startPayoutOnboarding } from '../api/payouts';
import { useResource } from '../api/use-resource';
import { clinicsOf } from '../clinics/memberships';
import { disabledReasonLabel, feeSentence, payoutStanding, requirementLabels } from '../clinics/payout-status';
import { LoadFailure } from '../components/LoadFailure';
import { StatusMessage } from '../components/StatusMessage';
import { formatDateTime } from '../format/dates';
import { Link } from '../router/Link';
import { useSearchParams } from '../router/router';
import { useSession } from '../session/session-context';

const TONE_CLASS = { ok: 'notice-ok', action: 'notice-warn', info: 'notice-info' } as const;

/**
 * A clinic admin's "Payments and payouts": the clinic's own Stripe account (Stripe Connect), where it
 * stands and what Stripe still needs, and the way to Stripe's onboarding. Stripe sends the admin back
 * here with ?onboarding=return (the status is then read from Stripe) or ?onboarding=refresh (the link
 * was used or expired).
 */
export function ClinicPayoutsPage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  const clinic = clinicsOf(session?.memberships ?? []).find((candidate) => candidate.clinicId === clinicId);
  if (!session || !clinic?.roles.includes('clinic_admin')) {
    return (
      <section className="page narrow" aria-labelledby="payouts-title">
        <h1 id="payouts-title">Payments and payouts</h1>
        <p>Only the clinic’s administrators manage where its bookings are paid.</p>
        <p>
          <Link to="/account">Your account</Link> lists the clinics you work for.
        </p>
      </section>
    );
  }
  return <PayoutsOfClinic clinicId={clinicId} clinicName={clinic.name} timeZone={session.account.timeZone} />;
}

function PayoutsOfClinic({
  clinicId,
  clinicName,
  timeZone,
}: {
  clinicId: string;
  clinicName: string;
  timeZone: string;
}) {
  const onboarding = useSearchParams().get('onboarding');
  const load = useCallback(
    // Back from Stripe: ask Stripe itself, not the address, how the account stands.
    (signal: AbortSignal) =>
      onboarding === 'return' ? refreshPaymentAccount(clinicId) : fetchPaymentAccount(clinicId, signal),
    [clinicId, onboarding],
  );
  const account = useResource(load);
  const [busy, setBusy] = useState<'connect' | 'refresh' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function connect(): Promise<void> {
    setBusy('connect');
    setError(null);
    try {
      const link = await startPayoutOnboarding(clinicId);
      window.location.assign(link.url);
    } catch (failure) {
      setError(
        failure instanceof ApiError ? describeApiError(failure) : 'Stripe could not be reached. Please try again.',
      );
      setBusy(null);
    }
  }

  async function refresh(): Promise<void> {
    setBusy('refresh');
    setError(null);
    setStatus(null);
    try {
      account.replace(await refreshPaymentAccount(clinicId));
      setStatus('Checked with Stripe just now.');
    } catch (failure) {
      setError(
        failure instanceof ApiError ? describeApiError(failure) : 'Stripe could not be reached. Please try again.',
      );
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="page narrow" aria-labelledby="payouts-title">
      <p className="back-link">
        <Link to={`/clinics/${encodeURIComponent(clinicId)}`}>← {clinicName}</Link>
      </p>
      <p className="eyebrow">{clinicName}</p>
      <h1 id="payouts-title">Payments and payouts</h1>
      <p className="lede">
        Owners pay for bookings when they book. The money goes to the clinic’s own Stripe account, which pays out
        to the clinic’s bank.
      </p>
      {onboarding === 'refresh' && (
        <p className="notice notice-warn">
          The Stripe link was already used or has expired. Continue at Stripe to get a new one.
        </p>
      )}
      <StatusMessage message={status} />
      {error && (
        <div className="notice notice-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {account.resource.status === 'loading' && (
        <p role="status">{onboarding === 'return' ? 'Checking with Stripe…' : 'Loading…'}</p>
      )}
      {account.resource.status === 'failed' && <LoadFailure error={account.resource.error} onRetry={account.reload} />}
      {account.resource.status === 'loaded' && (
        <AccountStatus
          account={account.resource.data}
          timeZone={timeZone}
          busy={busy}
          onConnect={() => void connect()}
          onRefresh={() => void refresh()}
        />
      )}
    </section>
  );
}

interface AccountStatusProps {
  account: ClinicPaymentAccountView;
  timeZone: string;
  busy: 'connect' | 'refresh' | null;
  onConnect: () => void;
  onRefresh: () => void;
}

function AccountStatus({ account, timeZone, busy, onConnect, onRefresh }: AccountStatusProps) {
  const standing = payoutStanding(account);
  const due = requirementLabels(account.requirementsDue);
  const disabled = disabledReasonLabel(account.disabledReason);
  const yesNo = (value: boolean) => (value ? 'Yes' : 'Not yet');
  return (
    <>
      <div className={`notice ${TONE_CLASS[standing.tone]}`} data-testid="payout-standing">
        <p>
          <strong>{standing.headline}</strong>
        </p>
        <p>{standing.detail}</p>
      </div>
      {account.mode === 'stripe' && (
        <section className="card section-card" aria-labelledby="stripe-account-title">
          <h2 id="stripe-account-title">The clinic’s Stripe account</h2>
          {account.connected && (
            <dl className="details">
              <div>
                <dt>Takes card payments</dt>
                <dd data-testid="charges-enabled">{yesNo(account.chargesEnabled)}</dd>
              </div>
              <div>
                <dt>Pays out to the bank</dt>
                <dd>{yesNo(account.payoutsEnabled)}</dd>
              </div>
              <div>
                <dt>Details given to Stripe</dt>
                <dd>{yesNo(account.detailsSubmitted)}</dd>
              </div>
              {account.statusUpdatedAt && (
                <div>
                  <dt>Last heard from Stripe</dt>
                  <dd>{formatDateTime(account.statusUpdatedAt, timeZone)}</dd>
                </div>
              )}
            </dl>
          )}
          {disabled && <p>{disabled}</p>}
          {due.length > 0 && (
            <>
              <h3 id="stripe-due-title">What Stripe still needs</h3>
              <ul aria-labelledby="stripe-due-title" data-testid="requirements-due">
                {due.map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            </>
          )}
          <p className="muted">{feeSentence(account.platformFeePercent)}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={onConnect} disabled={busy !== null}>
              {busy === 'connect'
                ? 'Opening Stripe…'
                : !account.connected
                  ? 'Connect with Stripe'
                  : account.chargesEnabled && due.length === 0
                    ? 'Update details at Stripe'
                    : 'Continue onboarding at Stripe'}
            </button>
            {account.connected && (
              <button type="button" className="button" onClick={onRefresh} disabled={busy !== null}>
                {busy === 'refresh' ? 'Checking…' : 'Check status with Stripe'}
              </button>
            )}
          </div>
        </section>
      )}
    </>
  );
}
