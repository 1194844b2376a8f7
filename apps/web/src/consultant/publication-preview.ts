import {
  CONSULTATION_MAX_MINUTES,
  CONSULTATION_MIN_MINUTES,
  type ClinicDirectoryView,
  type ConsultantPublicView,
} from '@vetmeet/contracts/client';
import { parseCodes, parseLanguages, type ProfileValues } from './profile-form';
import { parsePrice } from './price-input';

/** The public view without what the platform and the clinic's payments decide (terms, paid bookings). */
export type PreviewedConsultant = Omit<ConsultantPublicView, 'bookingPolicy' | 'takesPaidBookings'>;

/**
 * The consultant as owners would see them once these values are saved: what the directory's
 * view would hold. Lengths or prices not typed in full yet are left out, as the server would refuse them.
 */
export function previewOf(
  values: ProfileValues,
  context: { id: string; clinic: ClinicDirectoryView; photoUrl: string | null },
): PreviewedConsultant {
  const offerings = values.offerings.flatMap((offering) => {
    const minutes = /^\d+$/.test(offering.durationMinutes.trim()) ? Number(offering.durationMinutes.trim()) : NaN;
    const price = parsePrice(offering.price, values.priceCurrency);
    if (!(minutes >= CONSULTATION_MIN_MINUTES && minutes <= CONSULTATION_MAX_MINUTES) || price === null) return [];
    return [{ durationMinutes: minutes, priceAmount: price, priceCurrency: values.priceCurrency }];
  });
  return {
    id: context.id,
    displayName: values.displayName.trim() || 'Your name',
    clinic: context.clinic,
    specialties: parseCodes(values.specialties),
    species: parseCodes(values.species),
    languages: parseLanguages(values.languages),
    bio: values.bio.trim(),
    timeZone: values.timeZone,
    offerings: [...offerings].sort((a, b) => a.durationMinutes - b.durationMinutes),
    autoAccept: values.autoAccept,
    photoUrl: context.photoUrl,
  };
}
