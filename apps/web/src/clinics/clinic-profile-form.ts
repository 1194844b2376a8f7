import {
  chargeCurrency,
  CLINIC_ADDRESS_LINE_MAX,
  CLINIC_ADDRESS_MAX_LINES,
  CLINIC_NAME_MAX,
  type ClinicDirectoryAddress,
  type ClinicDirectoryView,
  type ClinicProfilePayload,
  type ClinicProfileView,
} from '@vetmeet/contracts/client';
import type { FieldProblems } from '../api/api-error';

/** The clinic profile form, as its inputs hold it: always three address lines, blanks dropped on save. */
export interface ClinicProfileValues {
  name: string;
  lines: string[];
  city: string;
  postcode: string;
  /** '' while not given. */
  country: string;
  defaultCurrency: string;
  timeZone: string;
  showLogo: boolean;
  address: ClinicDirectoryAddress;
}

export const addressLineField = (index: number) => `address-line-${index}`;

/** What the API's ClinicAddressRequest takes as a postcode. */
const POSTCODE = /^[\p{L}\p{N} -]{0,20}$/u;

export function clinicProfileValuesOf(view: ClinicProfileView): ClinicProfileValues {
  return {
    name: view.name,
    lines: Array.from({ length: CLINIC_ADDRESS_MAX_LINES }, (_, index) => view.address.lines[index] ?? ''),
    city: view.address.city,
    postcode: view.address.postcode,
    country: view.address.country ?? '',
    defaultCurrency: view.defaultCurrency,
    timeZone: view.timeZone,
    showLogo: view.directory.showLogo,
    address: view.directory.address,
  };
}

const isIanaZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone.length > 0;
  } catch {
    return false;
  }
};

export function validateClinicProfile(values: ClinicProfileValues): FieldProblems {
  const problems: FieldProblems = {};
  const name = values.name.trim();
  if (!name) problems.name = 'Enter the clinic’s name.';
  else if (name.length > CLINIC_NAME_MAX) problems.name = `The name must be ${CLINIC_NAME_MAX} characters or fewer.`;
  values.lines.forEach((line, index) => {
    if (line.trim().length > CLINIC_ADDRESS_LINE_MAX) {
      problems[addressLineField(index)] = `Keep each line to ${CLINIC_ADDRESS_LINE_MAX} characters.`;
    }
  });
  if (values.city.trim().length > 100) problems.city = 'Keep the city to 100 characters.';
  if (!POSTCODE.test(values.postcode.trim())) problems.postcode = 'Use letters, digits, spaces and dashes, at most 20.';
  if (chargeCurrency(values.defaultCurrency) === null) problems.defaultCurrency = 'Choose a currency from the list.';
  if (!isIanaZone(values.timeZone)) problems.timeZone = 'Choose the clinic’s time zone from the list.';
  return problems;
}

/** Call only after validateClinicProfile found nothing. */
export function toClinicProfilePayload(values: ClinicProfileValues): ClinicProfilePayload {
  return {
    name: values.name.trim(),
    address: {
      lines: values.lines.map((line) => line.trim()).filter(Boolean),
      city: values.city.trim(),
      postcode: values.postcode.trim(),
      country: values.country || null,
    },
    defaultCurrency: values.defaultCurrency,
    timeZone: values.timeZone,
    directory: { showLogo: values.showLogo, address: values.address },
  };
}

/** The clinic as owners would see it with these values: what the directory's ClinicDirectoryView would be. */
export function directoryViewOf(
  clinicId: string,
  values: ClinicProfileValues,
  logoUrl: string | null,
): ClinicDirectoryView {
  const located = values.address !== 'none';
  const full = values.address === 'full';
  return {
    id: clinicId,
    name: values.name.trim() || 'Your clinic',
    logoUrl: values.showLogo ? logoUrl : null,
    city: located && values.city.trim() ? values.city.trim() : null,
    country: located && values.country ? values.country : null,
    streetLines: full ? values.lines.map((line) => line.trim()).filter(Boolean) : null,
    postcode: full && values.postcode.trim() ? values.postcode.trim() : null,
  };
}

/** The form's field for a detail of the server's VALIDATION_FAILED answer. */
export function clinicFieldOf(serverField: string): string | undefined {
  const line = /^address\.lines[.[](\d+)\]?$/.exec(serverField);
  if (line) return addressLineField(Number(line[1]));
  const map: Record<string, string> = {
    name: 'name',
    'address.city': 'city',
    'address.postcode': 'postcode',
    'address.country': 'country',
    'address.lines': addressLineField(0),
    defaultCurrency: 'defaultCurrency',
    timeZone: 'timeZone',
    'directory.address': 'address',
    'directory.showLogo': 'showLogo',
  };
  return map[serverField];
}
