import type { PetView } from '@vetmeet/contracts/client';
import { ageFrom, formatCalendarDate } from '../format/dates';
import { formatWeight, sexLabels } from '../pets/pet-form';

const NOT_RECORDED = 'Not recorded';

/** The record as read-only facts; long texts keep their line breaks. */
export function PetDetails({ pet }: { pet: PetView }) {
  const age = pet.birthDate ? ageFrom(pet.birthDate) : null;
  return (
    <dl className="details" data-testid="pet-details">
      <div>
        <dt>Species</dt>
        <dd>{pet.species}</dd>
      </div>
      <div>
        <dt>Breed</dt>
        <dd>{pet.breed ?? NOT_RECORDED}</dd>
      </div>
      <div>
        <dt>Date of birth</dt>
        <dd>{pet.birthDate ? `${formatCalendarDate(pet.birthDate)}${age ? ` (${age})` : ''}` : NOT_RECORDED}</dd>
      </div>
      <div>
        <dt>Sex</dt>
        <dd>{sexLabels[pet.sex]}</dd>
      </div>
      <div>
        <dt>Weight</dt>
        <dd data-testid="pet-weight">{pet.weightKg === null ? NOT_RECORDED : formatWeight(pet.weightKg)}</dd>
      </div>
      <div className="details-wide">
        <dt>Allergies</dt>
        <dd className="preformatted">{pet.allergies ?? 'None recorded'}</dd>
      </div>
      <div className="details-wide">
        <dt>Medical history</dt>
        <dd className="preformatted">{pet.medicalHistory ?? 'None recorded'}</dd>
      </div>
    </dl>
  );
}
