import { useId, useState, type ChangeEvent } from 'react';
import type { PetPayload } from '@vetmeet/contracts/client';
import { todayAsCalendarDate } from '../format/dates';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { TextAreaField } from '../forms/TextAreaField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';
import { explainPetField, sexLabels, SPECIES_SUGGESTIONS, toPetPayload, validatePetForm, type PetFormValues } from '../pets/pet-form';

interface PetFormProps {
  /** Prefix of the field ids: two pet forms never share a page, but a test or a link may name them. */
  id: string;
  initial: PetFormValues;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (payload: PetPayload) => Promise<void>;
  onCancel?: () => void;
  'aria-labelledby'?: string;
}

/** The pet's record, for adding a pet and for editing one. */
export function PetForm({ id, initial, submitLabel, busyLabel, onSubmit, onCancel, ...aria }: PetFormProps) {
  const [values, setValues] = useState<PetFormValues>(initial);
  const { busy, problems, showProblems, run } = useFormSubmit();
  const speciesListId = useId();

  const bind = (field: keyof PetFormValues) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) =>
      setValues((current) => ({ ...current, [field]: event.target.value })),
  });

  function submit(): void {
    const found = localProblems(validatePetForm(values));
    if (found) {
      showProblems(found);
      return;
    }
    void run(() => onSubmit(toPetPayload(values)), { explainField: explainPetField });
  }

  return (
    <Form id={id} problems={problems} busy={busy} onSubmit={submit} className="pet-form" {...aria}>
      <div className="field-row">
        <TextField name="name" label="Name" autoComplete="off" maxLength={80} {...bind('name')} />
        <TextField name="species" label="Species" hint="For example Dog, Cat or Rabbit." list={speciesListId} autoComplete="off" maxLength={60} {...bind('species')} />
        <datalist id={speciesListId}>
          {SPECIES_SUGGESTIONS.map((species) => (
            <option key={species} value={species} />
          ))}
        </datalist>
      </div>
      <div className="field-row">
        <TextField name="breed" label="Breed (optional)" autoComplete="off" maxLength={80} {...bind('breed')} />
        <TextField name="birthDate" label="Date of birth (optional)" type="date" max={todayAsCalendarDate()} {...bind('birthDate')} />
      </div>
      <div className="field-row">
        <SelectField name="sex" label="Sex" {...bind('sex')}>
          {Object.entries(sexLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <TextField name="weightKg" label="Weight in kg (optional)" hint="For example 4.5" inputMode="decimal" autoComplete="off" className="input-short" {...bind('weightKg')} />
      </div>
      <TextAreaField name="allergies" label="Allergies (optional)" hint="Foods, medicines or anything else your pet reacts to." rows={2} maxLength={2000} {...bind('allergies')} />
      <TextAreaField
        name="medicalHistory"
        label="Medical history (optional)"
        hint="Past illnesses, operations, vaccinations and current medicines. Only you, and the vets you book, can read it."
        rows={5}
        {...bind('medicalHistory')}
      />
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </SubmitButton>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </Form>
  );
}
