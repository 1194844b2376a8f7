import type { ClinicDirectoryView } from '@vetmeet/contracts/client';
import { countryName } from '../accounts/countries';

/** "Berlin, Germany": where the clinic is, as much as it chose to show; null when it shows nothing. */
export function clinicLocality(clinic: ClinicDirectoryView): string | null {
  const country = clinic.country ? countryName(clinic.country) : null;
  const parts = [clinic.city, country].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : null;
}

/** "Torstraße 1, Hinterhaus, 10119 Berlin, Germany" when the clinic shows its full address; else its locality. */
export function clinicAddressLine(clinic: ClinicDirectoryView): string | null {
  if (!clinic.streetLines) return clinicLocality(clinic);
  const town = [clinic.postcode, clinic.city].filter(Boolean).join(' ');
  const parts = [...clinic.streetLines, town, clinic.country ? countryName(clinic.country) : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : null;
}
