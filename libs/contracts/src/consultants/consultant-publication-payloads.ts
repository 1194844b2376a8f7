import type { ClinicDirectoryView } from '../clinics/clinic-profile-payloads';
import type {
  ConsultantAvailabilityPayload,
  ConsultantAvailabilityView,
  ConsultantBookingPolicy,
  ConsultantOwnProfileView,
  ConsultantProfilePayload,
} from './consultant-payloads';

/**
 * Everything a consultant publishes, saved at once: the profile (with `published`) and the
 * weekly hours and booking rules. Either all of it is saved or none of it.
 */
export interface ConsultantPublicationPayload {
  profile: ConsultantProfilePayload;
  availability: ConsultantAvailabilityPayload;
}

/** What the one-flow page starts from, and what owners would see around the consultant. */
export interface ConsultantPublicationView {
  /** Null before the first save. */
  profile: ConsultantOwnProfileView | null;
  availability: ConsultantAvailabilityView | null;
  /** What a new profile starts with: the clinic's default currency and time zone. */
  defaults: { priceCurrency: string; timeZone: string };
  /** The clinic as the directory shows it on the consultant's card and page (its logo from the staff address). */
  clinic: ClinicDirectoryView;
  bookingPolicy: ConsultantBookingPolicy;
}
