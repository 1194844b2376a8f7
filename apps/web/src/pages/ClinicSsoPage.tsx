import { useCallback, useEffect, useState } from 'react';
import {
  ErrorCode,
  JUST_IN_TIME_ROLES,
  type JustInTimeRoleValue,
  type SsoSettingsView,
} from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { getSsoSettings, removeSsoSettings, saveSsoSettings } from '../api/sso';
import { useResource } from '../api/use-resource';
import { roleLabels } from '../clinics/memberships';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { LoadFailure } from '../components/LoadFailure';
import { SsoDomainVerifications } from '../components/SsoDomainVerifications';
import { StatusMessage } from '../components/StatusMessage';
import { CheckboxField } from '../forms/CheckboxField';
import { Form } from '../forms/Form';
import { localProblems, type FieldProblems } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

/** Why a save was refused, in words the admin can act on. */
function explainSaveFailure(error: ApiError): string | undefined {
  switch (error.code) {
    case ErrorCode.SsoDiscoveryFailed:
      return (
        'The issuer did not answer, or its discovery document names another issuer. ' +
        'Check the issuer URL: nothing was saved.'
      );
    case ErrorCode.SsoDomainTaken:
      return 'Another clinic already signs in staff of one of these domains. Nothing was saved.';
    case ErrorCode.SsoIssuerNotAllowed:
      return 'This issuer is on an internal network, which Vetmeet does not reach. Nothing was saved.';
    case ErrorCode.SsoDomainNotAllowed:
      return 'A public e-mail service (such as gmail.com) cannot be your clinic’s domain. Nothing was saved.';
    default:
      return undefined;
  }
}

const SECRET_NEEDED = 'Enter the client secret your provider gave you for this issuer and client ID.';

const splitDomains = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);

/**
 * A clinic admin's single sign-on settings: the clinic's OpenID Connect provider, the e-mail domains
 * it speaks for, and whether people at those domains may join without an invitation.
 */
export function ClinicSsoPage({ clinicId }: { clinicId: string }) {
  const { session } = useSession();
  const isAdmin = session?.memberships.some((m) => m.clinicId === clinicId && m.role === 'clinic_admin') ?? false;
  const load = useCallback((signal: AbortSignal) => getSsoSettings(clinicId, signal), [clinicId]);
  const settings = useResource(load);
  const [issuer, setIssuer] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState('');
  const [justInTime, setJustInTime] = useState(false);
  const [justInTimeRole, setJustInTimeRole] = useState<JustInTimeRoleValue>('consultant');
  const [status, setStatus] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const loaded = settings.resource.status === 'loaded' ? settings.resource.data : null;

  useEffect(() => {
    if (!loaded) return;
    setIssuer(loaded.issuer ?? '');
    setClientId(loaded.clientId ?? '');
    setDomains(loaded.domains.join(', '));
    setJustInTime(loaded.justInTimeMembership);
    setJustInTimeRole(loaded.justInTimeRole);
  }, [loaded]);

  if (!isAdmin) {
    return (
      <section className="page narrow" aria-labelledby="sso-title">
        <h1 id="sso-title">Single sign-on</h1>
        <p>Only the clinic's administrators set up single sign-on.</p>
      </section>
    );
  }

  function save(current: SsoSettingsView): void {
    const fields: FieldProblems = {};
    if (!/^https?:\/\/\S+$/.test(issuer.trim())) fields.issuer = 'Enter the issuer URL, starting with https://.';
    if (!clientId.trim()) fields.clientId = 'Enter the client ID your provider gave you.';
    // The stored secret is kept only for the same issuer and client ID: a new one needs its own.
    const sameClient = current.issuer === issuer.trim() && current.clientId === clientId.trim();
    if (!clientSecret && (!current.clientSecretSet || !sameClient)) fields.clientSecret = SECRET_NEEDED;
    if (splitDomains(domains).length === 0)
      fields.domains = 'Enter at least one e-mail domain, like your-clinic.example.';
    const found = localProblems(fields);
    if (found) {
      showProblems(found);
      return;
    }
    setStatus(null);
    void run(
      async () => {
        const saved = await saveSsoSettings(clinicId, {
          issuer: issuer.trim(),
          clientId: clientId.trim(),
          ...(clientSecret ? { clientSecret } : {}),
          domains: splitDomains(domains),
          justInTimeMembership: justInTime,
          justInTimeRole,
        });
        setClientSecret('');
        settings.replace(saved);
        const waiting = saved.domainVerifications.filter((claim) => !claim.verified).length;
        setStatus(
          waiting === 0
            ? 'Saved. Your provider answered, and staff at these domains can now sign in with it.'
            : 'Saved. Your provider answered. Now prove your clinic holds its domains, below.',
        );
      },
      {
        explainMessage: explainSaveFailure,
        explainField: (field) =>
          field === 'domains'
            ? 'Enter e-mail domains like your-clinic.example, separated by commas.'
            : field === 'clientSecret'
              ? SECRET_NEEDED
              : undefined,
      },
    );
  }

  async function confirmRemove(): Promise<void> {
    setRemoveBusy(true);
    setRemoveError(null);
    try {
      await removeSsoSettings(clinicId);
      setRemoving(false);
      setStatus('Single sign-on is off. Staff sign in with their e-mail address and password.');
      setIssuer('');
      setClientId('');
      setDomains('');
      settings.reload();
    } catch (error) {
      setRemoveError(error instanceof ApiError ? describeApiError(error) : 'That did not work. Try again.');
    } finally {
      setRemoveBusy(false);
    }
  }

  return (
    <section className="page narrow" aria-labelledby="sso-title">
      <p className="eyebrow">
        <Link to={`/clinics/${clinicId}`}>Clinic</Link>
      </p>
      <h1 id="sso-title">Single sign-on</h1>
      <p className="lede">
        Let your staff sign in with your clinic's own accounts: Google Workspace, Microsoft Entra ID or any OpenID
        Connect provider. Staff still join only by invitation, unless you allow people at your domains to join by
        themselves below.
      </p>
      <StatusMessage message={status} />

      {settings.resource.status === 'loading' && <p role="status">Loading the settings…</p>}
      {settings.resource.status === 'failed' && (
        <LoadFailure error={settings.resource.error} onRetry={settings.reload} />
      )}
      {loaded && (
        <>
          <section className="card section-card" aria-labelledby="sso-redirect-title">
            <h2 id="sso-redirect-title">1. Register Vetmeet at your provider</h2>
            <p>Create a web application (confidential client) at your provider with this redirect URI:</p>
            <p>
              <code className="break-anywhere" data-testid="sso-callback-url">
                {loaded.callbackUrl}
              </code>
            </p>
            <p className="muted">
              It needs the scopes openid, email and profile. Then copy its issuer, client ID and client secret here.
            </p>
          </section>

          <section className="card section-card" aria-labelledby="sso-settings-title">
            <h2 id="sso-settings-title">2. Your provider</h2>
            <p data-testid="sso-state">{loaded.configured ? 'Single sign-on is on.' : 'Single sign-on is off.'}</p>
            <Form
              id="sso-settings"
              problems={problems}
              busy={busy}
              onSubmit={() => save(loaded)}
              aria-labelledby="sso-settings-title"
            >
              <TextField
                name="issuer"
                label="Issuer URL"
                hint="For example https://accounts.google.com or https://login.microsoftonline.com/YOUR-TENANT-ID/v2.0"
                type="url"
                spellCheck={false}
                value={issuer}
                onChange={(event) => setIssuer(event.target.value)}
              />
              <TextField
                name="clientId"
                label="Client ID"
                spellCheck={false}
                autoComplete="off"
                value={clientId}
                onChange={(event) => setClientId(event.target.value)}
              />
              <TextField
                name="clientSecret"
                label="Client secret"
                hint={
                  loaded.clientSecretSet
                    ? 'A secret is set. Leave this empty to keep it (same issuer and client ID only); never shown.'
                    : 'It is stored encrypted and never shown again.'
                }
                type="password"
                autoComplete="new-password"
                value={clientSecret}
                onChange={(event) => setClientSecret(event.target.value)}
              />
              <TextField
                name="domains"
                label="Your staff's e-mail domains"
                hint={
                  'Separated by commas, like your-clinic.example, vets.example. ' +
                  'Staff with an address there sign in with this provider.'
                }
                spellCheck={false}
                value={domains}
                onChange={(event) => setDomains(event.target.value)}
              />
              <CheckboxField
                name="justInTimeMembership"
                label="Let anyone your provider signs in at these domains join the clinic without an invitation"
                hint="Off: only people you invited, and your current staff, can sign in."
                checked={justInTime}
                onChange={(event) => setJustInTime(event.target.checked)}
              />
              <SelectField
                name="justInTimeRole"
                label="Role of people who join that way"
                value={justInTimeRole}
                disabled={!justInTime}
                onChange={(event) => setJustInTimeRole(event.target.value as JustInTimeRoleValue)}
              >
                {JUST_IN_TIME_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {roleLabels[role]}
                  </option>
                ))}
              </SelectField>
              <div className="form-actions">
                <SubmitButton busy={busy} busyLabel="Checking with your provider…">
                  Save and check
                </SubmitButton>
                {loaded.configured && (
                  <button type="button" className="button button-danger-outline" onClick={() => setRemoving(true)}>
                    Turn single sign-on off
                  </button>
                )}
              </div>
            </Form>
          </section>
          {loaded.configured && loaded.domainVerifications.length > 0 && (
            <SsoDomainVerifications
              clinicId={clinicId}
              settings={loaded}
              onVerified={(view, domain) => {
                settings.replace(view);
                setStatus(`${domain} is verified: staff with an address there now sign in with your provider.`);
              }}
            />
          )}
        </>
      )}

      <ConfirmDialog
        open={removing}
        title="Turn single sign-on off?"
        confirmLabel="Turn it off"
        busyLabel="Turning off…"
        cancelLabel="Keep it on"
        busy={removeBusy}
        error={removeError}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setRemoving(false)}
      >
        <p>
          Your staff then sign in with their e-mail address and password. The provider's settings and secret are
          deleted.
        </p>
      </ConfirmDialog>
    </section>
  );
}
