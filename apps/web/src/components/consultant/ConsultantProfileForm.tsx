import { useMemo, useState, type ChangeEvent, type Dispatch, type SetStateAction } from 'react';
import { CONSULTANT_MAX_OFFERINGS, ErrorCode, type ConsultantOwnProfileView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { saveOwnProfile } from '../../api/consultant-profile';
import { timeZoneOptions } from '../../accounts/time-zones';
import { currencyOptions } from '../../consultant/price-input';
import {
  explainProfileError,
  newOffering,
  offeringField,
  parseCodes,
  parseLanguages,
  profileFieldOf,
  profileValuesOf,
  PROFILE_LIMITS,
  PUBLISH_FIRST,
  PUBLISH_NEEDS,
  toProfilePayload,
  validateProfile,
  type OfferingValues,
  type ProfileValues,
} from '../../consultant/profile-form';
import { withFormFieldNames } from '../../consultant/server-fields';
import { codeLabel, languageLabel } from '../../directory/code-labels';
import { CheckboxField } from '../../forms/CheckboxField';
import { Form } from '../../forms/Form';
import { localProblems } from '../../forms/form-problems';
import { SelectField } from '../../forms/SelectField';
import { SubmitButton } from '../../forms/SubmitButton';
import { TextAreaField } from '../../forms/TextAreaField';
import { TextField } from '../../forms/TextField';
import { useFormSubmit } from '../../forms/use-form-submit';
import { StatusMessage } from '../StatusMessage';

interface ConsultantProfileFormProps {
  clinicId: string;
  /** What is saved; null before the first save. */
  profile: ConsultantOwnProfileView | null;
  initialValues: ProfileValues;
  onSaved: (profile: ConsultantOwnProfileView) => void;
}

type TextKey = 'displayName' | 'specialties' | 'species' | 'languages' | 'bio' | 'timeZone' | 'priceCurrency';

/** What owners read about the consultant, the lengths and prices they offer, and whether they take bookings. */
export function ConsultantProfileForm({ clinicId, profile, initialValues, onSaved }: ConsultantProfileFormProps) {
  const [values, setValues] = useState<ProfileValues>(initialValues);
  const [status, setStatus] = useState<string | null>(null);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const zones = useMemo(() => timeZoneOptions([initialValues.timeZone]), [initialValues.timeZone]);
  const currencies = useMemo(() => currencyOptions([initialValues.priceCurrency]), [initialValues.priceCurrency]);

  function submit(): void {
    setStatus(null);
    const found = localProblems(validateProfile(values));
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        const saved = await saveOwnProfile(clinicId, toProfilePayload(values)).catch((error: unknown) => {
          // Publishing refused: the sentence belongs beside the publish box as well as at the top.
          if (error instanceof ApiError && error.code === ErrorCode.ConsultantProfileIncomplete) {
            throw new ApiError(error.code, error.message, error.status, ['published: incomplete'], error.requestId);
          }
          throw withFormFieldNames(error, profileFieldOf);
        });
        setValues(profileValuesOf(saved));
        setStatus(saved.published ? 'Your profile was saved. It is published: owners can find and book you.' : 'Your profile was saved. It is not published: owners cannot find it yet.');
        onSaved(saved);
      },
      {
        explainField: (field, problem) => {
          if (field === 'published') return PUBLISH_FIRST;
          return profileFieldOf(field) || field.startsWith('offering-') ? `Check this value (${problem}).` : undefined;
        },
        explainMessage: explainProfileError,
      },
    );
  }

  const complete = profile?.complete ?? false;
  return (
    <Form id="consultant-profile" problems={problems} busy={busy} onSubmit={submit} aria-labelledby="profile-title">
      <ProfileFields
        values={values}
        setValues={setValues}
        zones={zones}
        currencies={currencies}
        publishHint={
          complete
            ? 'Listed in the directory; owners book your free slots.'
            : `${PUBLISH_NEEDS} ${profile ? 'Set your hours on the hours page first.' : 'Save your profile first, then set your hours.'}`
        }
      />

      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="Saving…">
          Save profile
        </SubmitButton>
      </div>
      <StatusMessage message={status} />
    </Form>
  );
}

interface ProfileFieldsProps {
  values: ProfileValues;
  setValues: Dispatch<SetStateAction<ProfileValues>>;
  zones: { name: string; label: string }[];
  currencies: { code: string; label: string }[];
  /** Beside the Published box: what publishing needs, or what it does. */
  publishHint: string;
}

/** The profile's inputs, inside a form of the caller's: the profile page's own, or the one-flow publish page's. */
export function ProfileFields({ values, setValues, zones, currencies, publishHint }: ProfileFieldsProps) {
  const bind = (field: TextKey) => ({
    name: field,
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValues((current) => ({ ...current, [field]: event.target.value })),
  });
  const setOfferings = (change: (offerings: OfferingValues[]) => OfferingValues[]) => setValues((current) => ({ ...current, offerings: change(current.offerings) }));
  return (
    <>
        <TextField label="Name owners see" hint="E.g. Dr Olena Kovalenko." autoComplete="name" maxLength={PROFILE_LIMITS.displayName} {...bind('displayName')} />
        <ListField label="Specialties" hint="Comma-separated, e.g. dermatology, behaviour, nutrition." items={parseCodes(values.specialties).map(codeLabel)} {...bind('specialties')} />
        <ListField label="Species you treat" hint="Comma-separated, e.g. dog, cat, rabbit." items={parseCodes(values.species).map(codeLabel)} {...bind('species')} />
        <ListField label="Languages" hint="Language codes, comma-separated, e.g. en, uk, pt-BR." items={parseLanguages(values.languages).map(languageLabel)} {...bind('languages')} />
        <TextAreaField label="About you" hint="Your experience and how you work, for owners choosing a vet." rows={5} maxLength={PROFILE_LIMITS.bio} {...bind('bio')} />
        <div className="field-row">
          <SelectField label="Your time zone" hint="Your hours are set in it; owners see slots in their own." {...bind('timeZone')}>
            {zones.map((zone) => (
              <option key={zone.name} value={zone.name}>
                {zone.label}
              </option>
            ))}
          </SelectField>
          <SelectField label="Currency of your prices" {...bind('priceCurrency')}>
            {currencies.map((currency) => (
              <option key={currency.code} value={currency.code}>
                {currency.label}
              </option>
            ))}
          </SelectField>
        </div>

        <fieldset className="fieldset">
          <legend>Consultation lengths and prices</legend>
          <p className="field-hint">Owners choose one of these. Prices in {values.priceCurrency}; 0 makes it free.</p>
          {values.offerings.length === 0 && <p className="muted small">No lengths offered: owners cannot book you.</p>}
          {values.offerings.map((offering, index) => (
            <div key={offering.key} className="offering-row" role="group" aria-label={`Consultation length ${index + 1}`}>
              <TextField
                name={offeringField(index, 'durationMinutes')}
                label="Length, minutes"
                inputMode="numeric"
                autoComplete="off"
                className="input-short"
                value={offering.durationMinutes}
                onChange={(event) => setOfferings((offerings) => offerings.map((other) => (other.key === offering.key ? { ...other, durationMinutes: event.target.value } : other)))}
              />
              <TextField
                name={offeringField(index, 'price')}
                label={`Price, ${values.priceCurrency}`}
                inputMode="decimal"
                autoComplete="off"
                className="input-short"
                value={offering.price}
                onChange={(event) => setOfferings((offerings) => offerings.map((other) => (other.key === offering.key ? { ...other, price: event.target.value } : other)))}
              />
              <button type="button" className="button button-quiet offering-remove" onClick={() => setOfferings((offerings) => offerings.filter((other) => other.key !== offering.key))}>
                Remove<span className="visually-hidden"> length {index + 1}</span>
              </button>
            </div>
          ))}
          {values.offerings.length < CONSULTANT_MAX_OFFERINGS && (
            <button type="button" className="button button-quiet" onClick={() => setOfferings((offerings) => [...offerings, newOffering()])}>
              + Add a length
            </button>
          )}
        </fieldset>

        <CheckboxField
          name="autoAccept"
          label="Confirm bookings automatically"
          hint="Otherwise each paid booking waits for you to accept or decline it."
          checked={values.autoAccept}
          onChange={(event) => setValues((current) => ({ ...current, autoAccept: event.target.checked }))}
        />
        <CheckboxField
          name="published"
          label="Published: owners can find and book me"
          hint={publishHint}
          checked={values.published}
          onChange={(event) => setValues((current) => ({ ...current, published: event.target.checked }))}
        />
    </>
  );
}

interface ListFieldProps {
  name: string;
  label: string;
  hint: string;
  value: string;
  /** The entries as they will be saved, read back as chips. */
  items: string[];
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

/** A comma-separated list typed in one input, with what it will save shown as chips under it. */
function ListField({ items, ...field }: ListFieldProps) {
  return (
    <div className="list-field">
      <TextField autoComplete="off" spellCheck={false} {...field} />
      {items.length > 0 && (
        <ul className="chip-list" aria-label={`${field.label} as saved`}>
          {items.map((item) => (
            <li key={item} className="chip">
              {item}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
