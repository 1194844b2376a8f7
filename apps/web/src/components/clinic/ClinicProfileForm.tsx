import { useMemo, useState, type ChangeEvent } from 'react';
import {
  CLINIC_ADDRESS_LINE_MAX,
  CLINIC_NAME_MAX,
  type ClinicDirectoryAddress,
  type ClinicProfileView,
} from '@vetmeet/contracts/client';
import { saveClinicProfile } from '../../api/clinic-profile';
import { countries } from '../../accounts/countries';
import { timeZoneOptions } from '../../accounts/time-zones';
import {
  addressLineField,
  clinicFieldOf,
  clinicProfileValuesOf,
  directoryViewOf,
  toClinicProfilePayload,
  validateClinicProfile,
  type ClinicProfileValues,
} from '../../clinics/clinic-profile-form';
import { currencyOptions } from '../../consultant/price-input';
import { withFormFieldNames } from '../../consultant/server-fields';
import { CheckboxField } from '../../forms/CheckboxField';
import { Form } from '../../forms/Form';
import { localProblems } from '../../forms/form-problems';
import { SelectField } from '../../forms/SelectField';
import { SubmitButton } from '../../forms/SubmitButton';
import { TextField } from '../../forms/TextField';
import { useFormSubmit } from '../../forms/use-form-submit';
import { ClinicBadge } from '../directory/ClinicBadge';
import { StatusMessage } from '../StatusMessage';

type TextKey = 'name' | 'city' | 'postcode' | 'country' | 'defaultCurrency' | 'timeZone';

const ADDRESS_CHOICES: { value: ClinicDirectoryAddress; label: string }[] = [
  { value: 'none', label: 'Nothing: only the clinic’s name' },
  { value: 'city', label: 'The city and country' },
  { value: 'full', label: 'The full postal address' },
];

/** The clinic's name, address, defaults and what owners see of it in the directory, with a live preview. */
interface ClinicProfileFormProps {
  profile: ClinicProfileView;
  onSaved: (profile: ClinicProfileView) => void;
}

export function ClinicProfileForm({ profile, onSaved }: ClinicProfileFormProps) {
  const [values, setValues] = useState<ClinicProfileValues>(() => clinicProfileValuesOf(profile));
  const [status, setStatus] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const zones = useMemo(() => timeZoneOptions([profile.timeZone]), [profile.timeZone]);
  const currencies = useMemo(() => currencyOptions([profile.defaultCurrency]), [profile.defaultCurrency]);
  const countryList = useMemo(() => countries(), []);

  const bind = (field: TextKey) => ({
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((current) => ({ ...current, [field]: event.target.value })),
  });
  const setLine = (index: number, text: string) =>
    setValues((current) => ({ ...current, lines: current.lines.map((line, at) => (at === index ? text : line)) }));

  function submit(): void {
    setStatus(null);
    const found = localProblems(validateClinicProfile(values));
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        const saved = await saveClinicProfile(profile.id, toClinicProfilePayload(values)).catch((error: unknown) => {
          throw withFormFieldNames(error, clinicFieldOf);
        });
        setValues(clinicProfileValuesOf(saved));
        setStatus('The clinic’s profile was saved. Owners see the change in the directory at once.');
        onSaved(saved);
      },
      { explainField: (field, problem) => (clinicFieldOf(field) ? `Check this value (${problem}).` : undefined) },
    );
  }

  return (
    <div className="schedule-layout">
      <section className="card form-card schedule-main" aria-labelledby="clinic-details-title">
        <h2 id="clinic-details-title">Details</h2>
        <Form id="clinic-profile" problems={problems} busy={busy} onSubmit={submit} aria-labelledby="clinic-details-title">
          <TextField
            label="Clinic name"
            hint="As owners and your staff see it."
            autoComplete="organization"
            maxLength={CLINIC_NAME_MAX}
            {...bind('name')}
          />
          <fieldset className="fieldset">
            <legend>Postal address</legend>
            {values.lines.map((line, index) => (
              <TextField
                key={index}
                name={addressLineField(index)}
                label={`Street address, line ${index + 1}${index === 0 ? '' : ' (optional)'}`}
                autoComplete={`address-line${index + 1}`}
                maxLength={CLINIC_ADDRESS_LINE_MAX}
                value={line}
                onChange={(event) => setLine(index, event.target.value)}
              />
            ))}
            <div className="field-row">
              <TextField label="Postcode" autoComplete="postal-code" className="input-short" maxLength={20} {...bind('postcode')} />
              <TextField label="City" autoComplete="address-level2" maxLength={100} {...bind('city')} />
            </div>
            <SelectField label="Country" autoComplete="country" {...bind('country')}>
              <option value="">Not given</option>
              {countryList.map((country) => (
                <option key={country.code} value={country.code}>
                  {country.name}
                </option>
              ))}
            </SelectField>
          </fieldset>
          <div className="field-row">
            <SelectField
              label="Default currency"
              hint="New consultants’ prices start in it; each consultant can change theirs."
              {...bind('defaultCurrency')}
            >
              {currencies.map((currency) => (
                <option key={currency.code} value={currency.code}>
                  {currency.label}
                </option>
              ))}
            </SelectField>
            <SelectField label="Time zone" hint="Where the clinic is." {...bind('timeZone')}>
              {zones.map((zone) => (
                <option key={zone.name} value={zone.name}>
                  {zone.label}
                </option>
              ))}
            </SelectField>
          </div>
          <fieldset className="fieldset">
            <legend>In the directory</legend>
            <p className="field-hint">
              Owners always see the clinic’s name beside its consultants. Choose what else they see.
            </p>
            <CheckboxField
              name="showLogo"
              label="Show the clinic’s logo"
              hint={profile.logoUrl ? undefined : 'Upload a logo above first.'}
              checked={values.showLogo}
              onChange={(event) => setValues((current) => ({ ...current, showLogo: event.target.checked }))}
            />
            <SelectField
              label="Address shown"
              name="address"
              value={values.address}
              onChange={(event) =>
                setValues((current) => ({ ...current, address: event.target.value as ClinicDirectoryAddress }))
              }
            >
              {ADDRESS_CHOICES.map((choice) => (
                <option key={choice.value} value={choice.value}>
                  {choice.label}
                </option>
              ))}
            </SelectField>
          </fieldset>
          <div className="form-actions">
            <SubmitButton busy={busy} busyLabel="Saving…">
              Save clinic profile
            </SubmitButton>
          </div>
          <StatusMessage message={status} />
        </Form>
      </section>
      <aside
        className="schedule-aside card section-card"
        aria-labelledby="clinic-preview-title"
        data-testid="clinic-preview"
      >
        <h2 id="clinic-preview-title">How owners see it</h2>
        <p className="muted small">On each consultant’s card in the directory:</p>
        <p className="card-meta">
          <ClinicBadge clinic={directoryViewOf(profile.id, values, profile.logoUrl)} />
        </p>
        <p className="muted small">On each consultant’s page:</p>
        <p className="eyebrow">
          <ClinicBadge clinic={directoryViewOf(profile.id, values, profile.logoUrl)} full />
        </p>
        <p className="muted small">Until you save, this is a preview only.</p>
      </aside>
    </div>
  );
}
