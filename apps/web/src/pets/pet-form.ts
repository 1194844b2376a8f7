import type { PetPayload, PetSexValue, PetView } from '@vetmeet/contracts/client';
import type { FieldProblems } from '../api/api-error';
import { parseCalendarDate, todayAsCalendarDate } from '../format/dates';

/** The pet form as the person types it: strings throughout, turned into a payload on submit. */
export interface PetFormValues {
  name: string;
  species: string;
  breed: string;
  birthDate: string;
  sex: PetSexValue;
  weightKg: string;
  allergies: string;
  medicalHistory: string;
}

export const emptyPetForm: PetFormValues = {
  name: '',
  species: '',
  breed: '',
  birthDate: '',
  sex: 'unknown',
  weightKg: '',
  allergies: '',
  medicalHistory: '',
};

export const SPECIES_SUGGESTIONS = ['Dog', 'Cat', 'Rabbit', 'Guinea pig', 'Hamster', 'Ferret', 'Bird', 'Reptile', 'Fish', 'Horse'];

export const sexLabels: Record<PetSexValue, string> = {
  female: 'Female',
  male: 'Male',
  unknown: 'Not known',
};

/** Limits the API enforces (libs/contracts pet-requests), checked here first so the person hears sooner. */
const LIMITS = { name: 80, species: 60, breed: 80, allergies: 2_000, medicalHistory: 20_000 } as const;
const MIN_WEIGHT = 0.01;
const MAX_WEIGHT = 9999;

export function petFormValuesFrom(pet: PetView): PetFormValues {
  return {
    name: pet.name,
    species: pet.species,
    breed: pet.breed ?? '',
    birthDate: pet.birthDate ?? '',
    sex: pet.sex,
    weightKg: pet.weightKg === null ? '' : String(pet.weightKg),
    allergies: pet.allergies ?? '',
    medicalHistory: pet.medicalHistory ?? '',
  };
}

/** "4.25" or "4,25" (a decimal comma is common across Europe) → 4.25; null when empty, NaN when not a weight. */
function parseWeight(value: string): number | null {
  const text = value.trim().replace(',', '.');
  if (!text) return null;
  return /^\d{1,4}(\.\d{1,2})?$/.test(text) ? Number(text) : Number.NaN;
}

export function validatePetForm(values: PetFormValues): FieldProblems {
  const problems: FieldProblems = {};
  const tooLong = (field: keyof typeof LIMITS, what: string) => {
    if (values[field].trim().length > LIMITS[field]) problems[field] = `${what} must be ${LIMITS[field].toLocaleString('en')} characters or fewer.`;
  };
  if (!values.name.trim()) problems.name = "Enter your pet's name.";
  else tooLong('name', 'The name');
  if (!values.species.trim()) problems.species = 'Enter the species, for example Dog or Cat.';
  else tooLong('species', 'The species');
  tooLong('breed', 'The breed');
  if (values.birthDate) {
    if (!parseCalendarDate(values.birthDate)) problems.birthDate = 'Enter a real date of birth.';
    else if (values.birthDate > todayAsCalendarDate()) problems.birthDate = 'The date of birth cannot be in the future.';
  }
  const weight = parseWeight(values.weightKg);
  if (weight !== null && (Number.isNaN(weight) || weight < MIN_WEIGHT || weight > MAX_WEIGHT)) {
    problems.weightKg = 'Enter the weight in kilograms, for example 4.5 (up to 2 decimal places).';
  }
  tooLong('allergies', 'Allergies');
  tooLong('medicalHistory', 'The medical history');
  return problems;
}

const orNull = (value: string): string | null => value.trim() || null;

/** The whole record: empty optional fields become null, which also clears them on an update. */
export function toPetPayload(values: PetFormValues): PetPayload {
  return {
    name: values.name.trim(),
    species: values.species.trim(),
    breed: orNull(values.breed),
    birthDate: values.birthDate || null,
    sex: values.sex,
    weightKg: parseWeight(values.weightKg),
    allergies: orNull(values.allergies),
    medicalHistory: orNull(values.medicalHistory),
  };
}

const serverFieldSentences: Record<string, string> = {
  name: `Enter your pet's name (up to ${LIMITS.name} characters).`,
  species: `Enter the species (up to ${LIMITS.species} characters).`,
  breed: `The breed must be ${LIMITS.breed} characters or fewer.`,
  birthDate: 'Enter a real date of birth.',
  sex: 'Choose female, male or not known.',
  weightKg: 'Enter the weight in kilograms, for example 4.5 (up to 2 decimal places).',
  allergies: `Allergies must be ${LIMITS.allergies.toLocaleString('en')} characters or fewer.`,
  medicalHistory: `The medical history must be ${LIMITS.medicalHistory.toLocaleString('en')} characters or fewer.`,
};

export function explainPetField(field: string): string | undefined {
  return serverFieldSentences[field];
}

/** "18.4 kg", with a no-break space so the unit never wraps away from its number. */
export function formatWeight(weightKg: number): string {
  return `${weightKg.toLocaleString('en', { maximumFractionDigits: 2 })}\u00a0kg`;
}
