/**
 * A clinic's profile as its admins keep it, and the part of it owners see in the directory.
 * The clinic's name is always shown to owners: it is the controller of what they share.
 */

export const CLINIC_ADDRESS_MAX_LINES = 3;
export const CLINIC_ADDRESS_LINE_MAX = 100;
export const CLINIC_NAME_MAX = 120;
/** A logo: a small image, sent as multipart/form-data with the one field `file`. */
export const CLINIC_LOGO_MAX_BYTES = 1024 * 1024;
export const CLINIC_LOGO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** How much of the postal address the directory shows beside the clinic's consultants. */
export const CLINIC_DIRECTORY_ADDRESS = ['none', 'city', 'full'] as const;
export type ClinicDirectoryAddress = (typeof CLINIC_DIRECTORY_ADDRESS)[number];

export interface ClinicAddressPayload {
  /** Street lines, at most CLINIC_ADDRESS_MAX_LINES; empty lines are not kept. */
  lines: string[];
  city: string;
  postcode: string;
  /** ISO 3166-1 alpha-2, upper case, or null while not given. */
  country: string | null;
}

export interface ClinicDirectorySettingsPayload {
  /** Show the clinic's logo on its consultants' cards and profile pages. */
  showLogo: boolean;
  /** 'city': the city (and country); 'full': the whole postal address; 'none': nothing. */
  address: ClinicDirectoryAddress;
}

/** What a clinic admin sends to replace the clinic's profile (the logo is uploaded on its own). */
export interface ClinicProfilePayload {
  name: string;
  address: ClinicAddressPayload;
  /** ISO 4217, one of CHARGE_CURRENCY_CODES: what a new consultant's prices start in. */
  defaultCurrency: string;
  /** IANA zone, e.g. 'Europe/Kyiv'. */
  timeZone: string;
  directory: ClinicDirectorySettingsPayload;
}

export interface ClinicProfileView extends ClinicProfilePayload {
  id: string;
  /** For the clinic's staff (no X-Clinic-Id needed), or null; changes when the logo does. */
  logoUrl: string | null;
}

/** The clinic as the directory shows it beside a consultant, per the clinic's directory settings. */
export interface ClinicDirectoryView {
  id: string;
  name: string;
  /** Public (no sign-in), or null when there is none or the clinic does not show it. */
  logoUrl: string | null;
  /** With address 'city' or 'full'; null otherwise or when not given. */
  city: string | null;
  /** ISO 3166-1 alpha-2, with address 'city' or 'full'. */
  country: string | null;
  /** The street lines and postcode, with address 'full' only. */
  streetLines: string[] | null;
  postcode: string | null;
}
