import { useState, type ChangeEvent } from 'react';
import { CONSULTATION_MAX_MINUTES } from '@vetmeet/contracts/client';
import { inviteToConsultation } from '../api/consultations';
import {
  DURATION_CHOICES,
  emptyNewConsultation,
  explainNewConsultationField,
  toCreateConsultationPayload,
  validateNewConsultation,
  type NewConsultationValues,
} from '../consultations/new-consultation-form';
import { wallTimeOf } from '../format/zoned-time';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { TextAreaField } from '../forms/TextAreaField';
import { TextField } from '../forms/TextField';
import { useFormSubmit } from '../forms/use-form-submit';

interface NewConsultationFormProps {
  clinicId: string;
  /** The consultant's own zone: a later start is typed in it. */
  timeZone: string;
  /** The invitation went out, if that owner has that pet: the server does not say whether they do. */
  onSent: (sent: { ownerEmail: string; petName: string }) => void;
  /** A new attempt begins: an earlier outcome no longer describes the form. */
  onSubmitting: () => void;
}

/** A consultant invites an owner who phoned or wrote in to a consultation: now, or at a time they agreed. */
export function NewConsultationForm({ clinicId, timeZone, onSent, onSubmitting }: NewConsultationFormProps) {
  const [values, setValues] = useState<NewConsultationValues>(emptyNewConsultation);
  const { busy, problems, showProblems, run } = useFormSubmit();

  const bind = (field: keyof NewConsultationValues) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>) => setValues((current) => ({ ...current, [field]: event.target.value })),
  });

  function submit(): void {
    onSubmitting();
    const found = localProblems(validateNewConsultation(values, timeZone));
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        await inviteToConsultation(clinicId, toCreateConsultationPayload(values, timeZone));
        onSent({ ownerEmail: values.ownerEmail.trim(), petName: values.petName.trim() });
        setValues(emptyNewConsultation);
      },
      { explainField: explainNewConsultationField },
    );
  }

  return (
    <Form id="new-consultation" problems={problems} busy={busy} onSubmit={submit} aria-labelledby="new-consultation-title">
      <div className="field-row">
        <TextField name="ownerEmail" label="Owner's email address" hint="The address of their Vetmeet account." type="email" autoComplete="off" spellCheck={false} maxLength={254} {...bind('ownerEmail')} />
        <TextField name="petName" label="Pet's name" hint="As the owner registered it in Vetmeet." autoComplete="off" maxLength={80} {...bind('petName')} />
      </div>
      <div className="field-row">
        <SelectField name="when" label="Starts" {...bind('when')}>
          <option value="now">Now</option>
          <option value="later">At a later time</option>
        </SelectField>
        {values.when === 'later' && (
          <TextField name="startsAt" label="Date and time" hint={`In your time zone (${timeZone}).`} type="datetime-local" min={wallTimeOf(Date.now(), timeZone)} {...bind('startsAt')} />
        )}
      </div>
      <SelectField name="durationMinutes" label="Length" {...bind('durationMinutes')}>
        {DURATION_CHOICES.filter((minutes) => minutes <= CONSULTATION_MAX_MINUTES).map((minutes) => (
          <option key={minutes} value={String(minutes)}>
            {minutes} minutes
          </option>
        ))}
      </SelectField>
      <TextAreaField name="reason" label="Reason (optional)" hint="Why the owner wants to see a vet, in their words. Both of you see it." rows={3} maxLength={500} {...bind('reason')} />
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="Sending…">
          Send the invitation
        </SubmitButton>
      </div>
    </Form>
  );
}
