import { useMemo, useState, type ChangeEvent } from 'react';
import type { ClinicApplicationPayload } from '@vetmeet/contracts/client';
import { countries } from '../accounts/countries';
import { timeZoneOptions } from '../accounts/time-zones';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import {
  explainClinicApplicationField,
  toClinicApplicationPayload,
  validateClinicApplication,
  type ClinicApplicationValues,
} from '../onboarding/clinic-application-form';

interface ClinicApplicationFormProps {
  initial: ClinicApplicationValues;
  onSubmit: (payload: ClinicApplicationPayload) => Promise<void>;
  'aria-labelledby'?: string;
}

/** The clinic's name, legal entity, country, time zone and contact, for a platform operator to check. */
export function ClinicApplicationForm({ initial, onSubmit, ...aria }: ClinicApplicationFormProps) {
  const [values, setValues] = useState<ClinicApplicationValues>(initial);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const zones = useMemo(() => timeZoneOptions([initial.timeZone]), [initial.timeZone]);

  const bind = (field: keyof ClinicApplicationValues) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      setValues((current) => ({ ...current, [field]: event.target.value })),
  });

  function submit(): void {
    const found = localProblems(validateClinicApplication(values));
    if (found) {
      showProblems(found);
      return;
    }
    void run(() => onSubmit(toClinicApplicationPayload(values)), { explainField: explainClinicApplicationField });
  }

  return (
    <Form id="clinic-application" problems={problems} busy={busy} onSubmit={submit} {...aria}>
      <TextField
        name="name"
        label="Clinic name"
        hint="As owners will see it in the directory."
        autoComplete="organization"
        maxLength={120}
        {...bind('name')}
      />
      <TextField
        name="legalEntity"
        label="Legal entity"
        hint="The registered company or practice that runs the clinic."
        autoComplete="off"
        maxLength={200}
        {...bind('legalEntity')}
      />
      <div className="field-row">
        <SelectField name="country" label="Country" hint="Where the clinic works." {...bind('country')}>
          <option value="">Choose a country</option>
          {countries().map((country) => (
            <option key={country.code} value={country.code}>
              {country.name}
            </option>
          ))}
        </SelectField>
        <SelectField name="timeZone" label="Time zone" hint="The clinic's own time." {...bind('timeZone')}>
          {zones.map((zone) => (
            <option key={zone.name} value={zone.name}>
              {zone.label}
            </option>
          ))}
        </SelectField>
      </div>
      <fieldset className="fieldset">
        <legend>Who we contact about the application</legend>
        <TextField
          name="contactName"
          label="Contact name"
          autoComplete="name"
          maxLength={100}
          {...bind('contactName')}
        />
        <div className="field-row">
          <TextField
            name="contactEmail"
            label="Contact email"
            type="email"
            autoComplete="email"
            spellCheck={false}
            maxLength={254}
            {...bind('contactEmail')}
          />
          <TextField
            name="contactPhone"
            label="Contact phone (optional)"
            type="tel"
            autoComplete="tel"
            maxLength={30}
            {...bind('contactPhone')}
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="Sending…">
          Apply for the clinic
        </SubmitButton>
      </div>
    </Form>
  );
}
