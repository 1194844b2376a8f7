import { useState } from 'react';
import { ErrorCode, type SsoDomainVerificationView, type SsoSettingsView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { verifySsoDomain } from '../api/sso';

function explainVerifyFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return 'That did not work. Try again.';
  switch (error.code) {
    case ErrorCode.SsoDomainNotVerified:
      return (
        'The record was not found yet. Check its name and value at your DNS host; ' +
        'a new record can take a few minutes, sometimes longer, to show.'
      );
    case ErrorCode.SsoDomainTaken:
      return 'Another clinic has already proved it holds this domain. Contact Vetmeet support if that is wrong.';
    default:
      return describeApiError(error);
  }
}

/**
 * Step 3 of the SSO settings: each domain sends its staff to the clinic's provider only once the
 * clinic proved it holds it, by a DNS TXT record the admin adds and then asks us to look up.
 */
export function SsoDomainVerifications({
  clinicId,
  settings,
  onVerified,
}: {
  clinicId: string;
  settings: SsoSettingsView;
  onVerified: (view: SsoSettingsView, domain: string) => void;
}) {
  const [busyDomain, setBusyDomain] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ domain: string; message: string } | null>(null);

  async function verify(claim: SsoDomainVerificationView): Promise<void> {
    setBusyDomain(claim.domain);
    setFailure(null);
    try {
      onVerified(await verifySsoDomain(clinicId, claim.domain), claim.domain);
    } catch (error) {
      setFailure({ domain: claim.domain, message: explainVerifyFailure(error) });
    } finally {
      setBusyDomain(null);
    }
  }

  return (
    <section className="card section-card" aria-labelledby="sso-domains-title">
      <h2 id="sso-domains-title">3. Prove your clinic holds its domains</h2>
      <p>
        Staff at a domain sign in with your provider only once it is verified. At your domain's DNS host, add the TXT
        record shown, then choose Verify. Keep the record afterwards.
      </p>
      <ul className="plain-list" aria-label="Your domains">
        {settings.domainVerifications.map((claim) => (
          <li key={claim.domain} className="sso-domain" data-testid={`sso-domain-${claim.domain}`}>
            <h3>{claim.domain}</h3>
            <p className={claim.verified ? 'notice notice-ok' : 'notice'}>
              {claim.verified ? 'Verified: staff at this domain sign in with your provider.' : 'Not verified yet.'}
            </p>
            {!claim.verified && (
              <>
                <dl className="details">
                  <dt>Record type</dt>
                  <dd>TXT</dd>
                  <dt>Name</dt>
                  <dd>
                    <code className="break-anywhere">{claim.recordName}</code>
                  </dd>
                  <dt>Value</dt>
                  <dd>
                    <code className="break-anywhere">{claim.recordValue}</code>
                  </dd>
                </dl>
                {failure?.domain === claim.domain && (
                  <p className="notice notice-error" role="alert">
                    {failure.message}
                  </p>
                )}
                <button
                  type="button"
                  className="button"
                  disabled={busyDomain !== null}
                  aria-busy={busyDomain === claim.domain}
                  onClick={() => void verify(claim)}
                >
                  {busyDomain === claim.domain ? 'Looking for the record…' : 'Verify'}
                  <span className="visually-hidden"> {claim.domain}</span>
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
