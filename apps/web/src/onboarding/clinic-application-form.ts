import type { ClinicApplicationPayload, ClinicStatusValue } from '@vetmeet/contracts/client';
import type { FieldProblems } from '../forms/form-problems';

export interface ClinicApplicationValues {
  name: string;
  legalEntity: string;
  country: string;
  timeZone: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

type ApplicationDefaults = Pick<ClinicApplicationValues, 'country' | 'timeZone' | 'contactName' | 'contactEmail'>;

export function emptyClinicApplication(defaults: ApplicationDefaults): ClinicApplicationValues {
  return { name: '', legalEntity: '', contactPhone: '', ...defaults };
}

const PHONE = /^\+?[0-9 ()./-]{5,30}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What the browser can tell before sending: the server checks it all again. */
export function validateClinicApplication(values: ClinicApplicationValues): FieldProblems {
  const problems: FieldProblems = {};
  if (values.name.trim().length < 2) problems.name = "Enter the clinic's name.";
  if (values.legalEntity.trim().length < 2) problems.legalEntity = 'Enter the legal entity that runs the clinic.';
  if (!values.country) problems.country = 'Choose the country the clinic works in.';
  if (!values.timeZone) problems.timeZone = "Choose the clinic's time zone.";
  if (!values.contactName.trim()) problems.contactName = 'Enter the name of the person we contact.';
  if (!EMAIL.test(values.contactEmail.trim())) problems.contactEmail = 'Enter an email address like name@example.com.';
  const phone = values.contactPhone.trim();
  if (phone && !PHONE.test(phone)) problems.contactPhone = 'Enter a phone number: digits, spaces and + ( ) - only.';
  return problems;
}

export function toClinicApplicationPayload(values: ClinicApplicationValues): ClinicApplicationPayload {
  const phone = values.contactPhone.trim();
  return {
    name: values.name.trim(),
    legalEntity: values.legalEntity.trim(),
    country: values.country,
    timeZone: values.timeZone,
    contactName: values.contactName.trim(),
    contactEmail: values.contactEmail.trim(),
    ...(phone ? { contactPhone: phone } : {}),
  };
}

const FIELD_SENTENCES: Record<string, string> = {
  name: "Enter the clinic's name (2 to 120 characters).",
  legalEntity: 'Enter the legal entity (2 to 200 characters).',
  country: 'Choose the country from the list.',
  timeZone: 'Choose the time zone from the list.',
  contactName: 'Enter the name of the person we contact.',
  contactEmail: 'Enter an email address like name@example.com.',
  contactPhone: 'Enter a phone number: digits, spaces and + ( ) - only.',
};

/** The server's detail about a field, as the form says it beside the field. */
export function explainClinicApplicationField(field: string): string | undefined {
  return FIELD_SENTENCES[field];
}

export const CLINIC_STATUS_LABELS: Record<ClinicStatusValue, string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  refused: 'Not approved',
  suspended: 'Suspended',
};

export const CLINIC_STATUS_BADGES: Record<ClinicStatusValue, string> = {
  pending: 'badge badge-warn',
  approved: 'badge badge-ok',
  refused: 'badge badge-error',
  suspended: 'badge badge-error',
};
