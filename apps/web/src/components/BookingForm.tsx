import { useState } from 'react';
import { BOOKING_REASON_MAX_LENGTH, type BookingCreatedView, type PetView } from '@vetmeet/contracts/client';
import type { ApiError } from '../api/api-error';
import { createBooking } from '../api/bookings';
import {
  charactersLeftPhrase,
  emptyBookingForm,
  explainBookingField,
  isSlotLost,
  toCreateBookingPayload,
  validateBookingForm,
  type BookingFormValues,
  type BookingTarget,
} from '../bookings/booking-form';
import { CONSENT_WORDING } from '../consents/consent-wording';
import { CheckboxField } from '../forms/CheckboxField';
import { Form } from '../forms/Form';
import { localProblems } from '../forms/form-problems';
import { SelectField } from '../forms/SelectField';
import { SubmitButton } from '../forms/SubmitButton';
import { TextAreaField } from '../forms/TextAreaField';
import { useFormSubmit } from '../forms/use-form-submit';
import { PetPhotoChoice } from './PetPhotoChoice';

interface BookingFormProps {
  consultantId: string;
  target: BookingTarget;
  pets: PetView[];
  /** The price line for the submit button: "Hold this time and pay €45.00". */
  submitLabel: string;
  onCreated: (created: BookingCreatedView) => void;
  /** The time is no longer free (SLOT_TAKEN, SLOT_UNAVAILABLE): the page sends the person back to choose another. */
  onSlotLost: (error: ApiError) => void;
}

/** Which pet, why, and which photos: the owner's side of a booking request. */
export function BookingForm({ consultantId, target, pets, submitLabel, onCreated, onSlotLost }: BookingFormProps) {
  const [values, setValues] = useState<BookingFormValues>({ ...emptyBookingForm, petId: pets.length === 1 ? pets[0].id : '' });
  const { busy, problems, showProblems, run } = useFormSubmit();
  const pet = pets.find((candidate) => candidate.id === values.petId);
  const setConsent = (choice: keyof BookingFormValues['consents'], granted: boolean) =>
    setValues((current) => ({ ...current, consents: { ...current.consents, [choice]: granted } }));

  function submit(): void {
    const found = localProblems(validateBookingForm(values));
    if (found) {
      showProblems(found);
      return;
    }
    void run(
      async () => {
        try {
          onCreated(await createBooking(toCreateBookingPayload(consultantId, target, values)));
        } catch (error) {
          if (isSlotLost(error)) {
            onSlotLost(error);
            return;
          }
          throw error;
        }
      },
      { explainField: explainBookingField },
    );
  }

  return (
    <Form id="booking" problems={problems} busy={busy} onSubmit={submit} aria-labelledby="booking-form-title">
      <SelectField
        name="petId"
        label="Pet"
        value={values.petId}
        onChange={(event) => setValues((current) => ({ ...current, petId: event.target.value, photoIds: [] }))}
      >
        {pets.length > 1 && <option value="">Choose a pet</option>}
        {pets.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.name} ({candidate.species})
          </option>
        ))}
      </SelectField>
      <TextAreaField
        name="reason"
        label="Reason for the consultation"
        hint={
          <>
            What is going on, since when, and what you would like to ask. Only you and the vet see it. <span className="nowrap">{charactersLeftPhrase(values.reason)}.</span>
          </>
        }
        rows={5}
        maxLength={BOOKING_REASON_MAX_LENGTH}
        value={values.reason}
        onChange={(event) => setValues((current) => ({ ...current, reason: event.target.value }))}
      />
      {pet && (
        <PetPhotoChoice
          key={pet.id}
          petId={pet.id}
          petName={pet.name}
          chosen={values.photoIds}
          error={problems?.fields.photoIds}
          onChange={(photoIds) => setValues((current) => ({ ...current, photoIds }))}
        />
      )}
      <fieldset className="fieldset consent-fieldset" data-testid="booking-consents">
        <legend>Recording (optional)</legend>
        <p className="field-hint">
          {CONSENT_WORDING.refusingIsFine} You can change your answers before the call.{' '}
          {/* A new tab, so the form keeps what was typed. */}
          <a href="/privacy" target="_blank" rel="noopener">
            Read the privacy policy (opens in a new tab)
          </a>
        </p>
        <CheckboxField
          name="consentRecording"
          label={CONSENT_WORDING.recording.owner}
          checked={values.consents.recording}
          onChange={(event) => setConsent('recording', event.target.checked)}
        />
        <CheckboxField
          name="consentSupportReview"
          label={CONSENT_WORDING.supportReview}
          checked={values.consents.supportReview}
          onChange={(event) => setConsent('supportReview', event.target.checked)}
        />
      </fieldset>
      <div className="form-actions">
        <SubmitButton busy={busy} busyLabel="Holding the time…">
          {submitLabel}
        </SubmitButton>
      </div>
    </Form>
  );
}
