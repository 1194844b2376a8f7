import { COUNTRY_CODES } from '@vetmeet/contracts/client';

/**
 * ISO 3166-1 alpha-2 codes of every country and territory (the list the API checks against), named in
 * English by the browser's own data (Intl.DisplayNames), so the list needs no translation table.
 */
const CODES = COUNTRY_CODES;

export interface Country {
  code: string;
  name: string;
}

let regionNames: Intl.DisplayNames | null | undefined;

export function countryName(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    } catch {
      regionNames = null;
    }
  }
  return regionNames?.of(code) ?? code;
}

let sorted: Country[] | undefined;

/** Every country, by name. */
export function countries(): Country[] {
  sorted ??= CODES.map((code) => ({ code, name: countryName(code) })).sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return sorted;
}
