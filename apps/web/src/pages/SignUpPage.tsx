import { useMemo, useRef, useState, type ChangeEvent } from 'react';
import { ErrorCode, type RegisterAccountPayload } from '@vetmeet/contracts/client';
import { countries } from '../accounts/countries';
import { explainSignUpField, validateSignUp, type SignUpValues } from '../accounts/sign-up-form';
import { browserTimeZone, timeZoneOptions } from '../accounts/time-zones';
import { ApiError } from '../api/api-error';
import { fetchPrivacyPolicy, registerAccount } from '../api/accounts';
import { useResource } from '../api/use-resource';
import { LoadFailure } from '../components/LoadFailure';
import { SignUpConfirmation } from '../components/SignUpConfirmation';
import { CheckboxField } from '../forms/CheckboxField';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { Link } from '../router/Link';
import { safeReturnPath, useSearchParams } from '../router/router';
import { signInPathFor } from '../session/RequireSession';
import { useSession } from '../session/session-context';

export function SignUpPage() {
  const { session } = useSession();
  // A page to go on to once signed in (an invitation waiting to be accepted), kept through sign-in.
  const returnTo = safeReturnPath(useSearchParams().get('next'), '');
  const signInPath = returnTo ? signInPathFor(returnTo) : '/sign-in';
  const policy = useResource(fetchPrivacyPolicy);
  const [detectedZone] = useState(browserTimeZone);
  const zones = useMemo(() => timeZoneOptions([detectedZone]), [detectedZone]);
  const [values, setValues] = useState<SignUpValues>({
    displayName: '',
    email: '',
    password: '',
    country: '',
    timeZone: detectedZone,
    adultConfirmed: false,
    privacyAccepted: false,
  });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const policyVersion = policy.resource.status === 'loaded' ? policy.resource.data.version : null;
  // The version the person saw when they ticked the box: a newer one must be accepted anew.
  const acceptedVersion = useRef<string | null>(null);

  const bindText = (field: 'displayName' | 'email' | 'password' | 'country' | 'timeZone') => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((current) => ({ ...current, [field]: event.target.value })),
  });

  function submit(): void {
    const found = localProblems(validateSignUp(values, policyVersion));
    if (found) {
      showProblems(found);
      return;
    }
    const payload: RegisterAccountPayload = {
      email: values.email.trim(),
      password: values.password,
      displayName: values.displayName.trim(),
      country: values.country,
      timeZone: values.timeZone,
      adultConfirmed: values.adultConfirmed,
      privacyPolicyVersion: acceptedVersion.current ?? policyVersion ?? '',
    };
    void run(async () => {
      try {
        await registerAccount(payload);
        setSentTo(payload.email);
      } catch (error) {
        if (error instanceof ApiError && error.code === ErrorCode.ValidationFailed && 'privacyPolicyVersion' in error.fieldProblems()) {
          // The policy changed while the form was open: show the new version, unticked.
          setValues((current) => ({ ...current, privacyAccepted: false }));
          policy.reload();
        }
        throw error;
      }
    }, { explainField: explainSignUpField });
  }

  if (sentTo) return <SignUpConfirmation email={sentTo} signInPath={signInPath} />;

  return (
    <section className="page narrow" aria-labelledby="sign-up-title">
      <h1 id="sign-up-title">Create your Vetmeet account</h1>
      <p className="lede">Book video consultations with vets and keep your pets' records in one place.</p>

      {session && (
        <p className="notice notice-info">
          You are already signed in as {session.account.displayName}. <Link to="/account">Go to your account</Link>.
        </p>
      )}

      <Form id="sign-up" problems={problems} busy={busy} onSubmit={submit} className="card form-card" aria-labelledby="sign-up-title">
        <TextField name="displayName" label="Your name" hint="Vets you book will see it." autoComplete="name" maxLength={100} {...bindText('displayName')} />
        <TextField name="email" label="Email address" type="email" autoComplete="email" spellCheck={false} maxLength={254} {...bindText('email')} />
        <TextField
          name="password"
          label="Password"
          type="password"
          hint="At least 12 characters. A few unrelated words make a strong password that is easy to remember."
          autoComplete="new-password"
          maxLength={128}
          {...bindText('password')}
        />
        <SelectField name="country" label="Country" hint="Where you live." autoComplete="country" {...bindText('country')}>
          <option value="">Choose your country</option>
          {countries().map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <SelectField name="timeZone" label="Time zone" hint="Consultation times are shown in it. We chose your device's time zone." {...bindText('timeZone')}>
          {zones.map((zone) => (
            <option key={zone.name} value={zone.name}>
              {zone.label}
            </option>
          ))}
        </SelectField>

        <fieldset className="fieldset">
          <legend>Confirmations</legend>
          <CheckboxField
            name="adultConfirmed"
            label="I am 18 or older"
            hint="Vetmeet accounts are for adults; a parent or guardian can book for a younger pet owner."
            checked={values.adultConfirmed}
            onChange={(event) => setValues((current) => ({ ...current, adultConfirmed: event.target.checked }))}
          />
          {policy.resource.status === 'failed' ? (
            <LoadFailure error={policy.resource.error} onRetry={policy.reload} />
          ) : (
            <CheckboxField
              name="privacyPolicyVersion"
              label={
                policyVersion ? (
                  <>
                    I have read and accept the privacy policy <span className="nowrap">(version {policyVersion})</span>
                  </>
                ) : (
                  'I have read and accept the privacy policy (loading its version…)'
                )
              }
              hint={
                <>
                  It says what we keep about you and your pets, for how long, and your rights to see, export and
                  erase it.{' '}
                  {/* A new tab, so the form keeps what was typed. */}
                  <a href="/privacy" target="_blank" rel="noopener">
                    Read the privacy policy (opens in a new tab)
                  </a>
                </>
              }
              checked={values.privacyAccepted}
              disabled={!policyVersion}
              onChange={(event) => {
                acceptedVersion.current = event.target.checked ? policyVersion : null;
                setValues((current) => ({ ...current, privacyAccepted: event.target.checked }));
              }}
            />
          )}
        </fieldset>

        <div className="form-actions">
          <SubmitButton busy={busy} busyLabel="Creating your account…">
            Create account
          </SubmitButton>
        </div>
      </Form>

      <p className="form-aside">
        Already have an account? <Link to={signInPath}>Sign in</Link>
      </p>
    </section>
  );
}
