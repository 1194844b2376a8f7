import type { ClinicDirectoryAddress, ClinicDirectoryView, ClinicProfileView } from '@vetmeet/contracts';
import type { Clinic } from '../clinics/clinic.entity';

const directoryAddressOf = (clinic: Clinic): ClinicDirectoryAddress =>
  clinic.directoryAddress === 'city' || clinic.directoryAddress === 'full' ? clinic.directoryAddress : 'none';

export function toClinicProfileView(clinic: Clinic): ClinicProfileView {
  return {
    id: clinic.id,
    name: clinic.name,
    address: {
      lines: clinic.addressLines,
      city: clinic.addressCity,
      postcode: clinic.addressPostcode,
      country: clinic.addressCountry,
    },
    defaultCurrency: clinic.defaultCurrency,
    timeZone: clinic.timeZone,
    directory: { showLogo: clinic.directoryShowLogo, address: directoryAddressOf(clinic) },
    logoUrl: clinic.logoId ? `/api/clinics/${clinic.id}/profile/logo?v=${clinic.logoId}` : null,
  };
}

/** What owners see of the clinic beside its consultants: its name, and what its admins chose to show. */
export function toClinicDirectoryView(clinic: Clinic): ClinicDirectoryView {
  const address = directoryAddressOf(clinic);
  const located = address !== 'none';
  return {
    id: clinic.id,
    name: clinic.name,
    logoUrl: clinic.directoryShowLogo && clinic.logoId ? `/api/clinics/${clinic.id}/logo?v=${clinic.logoId}` : null,
    city: located && clinic.addressCity ? clinic.addressCity : null,
    country: located ? clinic.addressCountry : null,
    streetLines: address === 'full' ? clinic.addressLines : null,
    postcode: address === 'full' && clinic.addressPostcode ? clinic.addressPostcode : null,
  };
}

/**
 * The directory view for the clinic's own staff (a consultant's preview): the same, but the logo
 * from the staff address, which answers before the clinic has any published consultant.
 */
export function toClinicPreviewView(clinic: Clinic): ClinicDirectoryView {
  const view = toClinicDirectoryView(clinic);
  return view.logoUrl ? { ...view, logoUrl: toClinicProfileView(clinic).logoUrl } : view;
}
