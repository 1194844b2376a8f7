import type { ClinicDirectoryView } from '../clinics/clinic-profile-payloads';

/**
 * Consultant profiles, availability and the public directory. Wall-clock values
 * ("HH:MM", "YYYY-MM-DD") in availability are in the consultant's time zone; instants are
 * ISO 8601 UTC strings.
 */

export const CONSULTANT_WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
export type ConsultantWeekday = (typeof CONSULTANT_WEEKDAYS)[number];

/** Bounds the directory and slot queries share with their validation. */
export const CONSULTANT_DIRECTORY_MAX_LIMIT = 50;
export const CONSULTANT_DIRECTORY_DEFAULT_LIMIT = 20;
/** One slot query covers at most this many days. */
export const CONSULTANT_SLOTS_MAX_RANGE_DAYS = 62;
export const CONSULTANT_MAX_OFFERINGS = 8;
export const CONSULTANT_MAX_WEEKLY_RULES = 70;
export const CONSULTANT_MAX_DATE_OVERRIDES = 400;
export const CONSULTANT_MAX_TIME_OFF = 500;
/** A profile photo: a small image, sent as multipart/form-data with the one field `file`. */
export const CONSULTANT_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const CONSULTANT_PHOTO_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

/** One consultation length the consultant offers, and its price in minor units of the profile's currency. */
export interface ConsultantOffering {
  durationMinutes: number;
  priceAmount: number;
}

/** What a consultant sends to create or replace their profile. */
export interface ConsultantProfilePayload {
  displayName: string;
  /** Short lower-case codes, e.g. 'dermatology', 'behaviour'. */
  specialties: string[];
  /** Short lower-case codes, e.g. 'dog', 'cat', 'rabbit'. */
  species: string[];
  /** BCP 47 language tags, e.g. 'en', 'uk', 'pt-BR'. */
  languages: string[];
  bio: string;
  /** IANA zone, e.g. 'Europe/Berlin': the zone of the weekly rules and overrides. */
  timeZone: string;
  /** ISO 4217, upper case, e.g. 'EUR': one of CHARGE_CURRENCY_CODES. */
  priceCurrency: string;
  offerings: ConsultantOffering[];
  /** Bookings are confirmed without the consultant accepting each one. */
  autoAccept: boolean;
  /** Listed in the directory and bookable; needs at least one offering and one weekly rule or date override. */
  published: boolean;
}

export interface LocalTimeIntervalPayload {
  /** 'HH:MM' */
  start: string;
  /** 'HH:MM', after start; '24:00' for midnight at the end of the day. */
  end: string;
}

export interface WeeklyRulePayload extends LocalTimeIntervalPayload {
  weekday: ConsultantWeekday;
}

/** Replaces the weekly rules for one local date; `closed` (or no intervals) means no consultations that day. */
export interface DateOverridePayload {
  /** 'YYYY-MM-DD' in the consultant's zone. */
  date: string;
  closed?: boolean;
  intervals?: LocalTimeIntervalPayload[];
}

/** What a consultant sends to replace their availability (time off is added and removed one by one). */
export interface ConsultantAvailabilityPayload {
  weeklyRules: WeeklyRulePayload[];
  dateOverrides: DateOverridePayload[];
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  /** How many days ahead a consultation may start. */
  horizonDays: number;
  /** Most consultations in one local day of the consultant; null: no limit. */
  dailyLimit: number | null;
  /** Minutes between slot starts; null: the consultation's length. */
  stepMinutes: number | null;
}

export interface TimeOffPayload {
  /** ISO 8601 instant. */
  startsAt: string;
  endsAt: string;
}

export interface TimeOffView {
  id: string;
  startsAt: string;
  endsAt: string;
}

export interface ConsultantAvailabilityView extends ConsultantAvailabilityPayload {
  /** The profile's zone, which the rules and overrides are read in. */
  timeZone: string;
  /** Time off that has not ended yet, earliest first. */
  timeOff: TimeOffView[];
}

/** The consultant's own profile, as they edit it. */
export interface ConsultantOwnProfileView extends ConsultantProfilePayload {
  /** The consultant's account id: the id the directory and bookings use. */
  id: string;
  clinicId: string;
  /** True when publishing would be accepted (an offering and some availability). */
  complete: boolean;
  /** The consultant's own photo (readable while unpublished too), or null; changes when the photo does. */
  photoUrl: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface PublicOffering extends ConsultantOffering {
  priceCurrency: string;
}

/** A consultant as anyone may see them: no e-mail, nothing internal to the clinic. */
export interface ConsultantPublicView {
  /** The consultant's account id; bookings name the consultant by it. */
  id: string;
  displayName: string;
  /** The clinic, as much of it as the clinic chose to show (ClinicDirectorySettingsPayload). */
  clinic: ClinicDirectoryView;
  specialties: string[];
  species: string[];
  languages: string[];
  bio: string;
  timeZone: string;
  offerings: PublicOffering[];
  autoAccept: boolean;
  /** GET it for the photo (no sign-in needed), or null; changes when the photo does. */
  photoUrl: string | null;
  /** The platform's booking terms, to state before booking. */
  bookingPolicy: ConsultantBookingPolicy;
  /** False while the consultant's clinic cannot take card payments: no paid booking (CLINIC_PAYMENTS_NOT_READY). */
  takesPaidBookings: boolean;
}

export interface ConsultantBookingPolicy {
  /** An owner who cancels at least this many hours before the start is refunded in full (nothing after). */
  fullRefundNoticeHours: number;
  /** How long a chosen time is held while the owner pays. */
  holdMinutes: number;
}

/** A directory entry: the public view without the bio (takesPaidBookings kept, so the card can say why not). */
export type ConsultantSummaryView = Omit<ConsultantPublicView, 'bio' | 'bookingPolicy'>;

export interface ConsultantDirectoryPage {
  items: ConsultantSummaryView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface ConsultantDirectoryQueryPayload {
  species?: string;
  language?: string;
  specialty?: string;
  /** 'YYYY-MM-DD' in `timeZone`: only consultants with a free slot that day. */
  date?: string;
  /** The viewer's IANA zone; required with `date`. */
  timeZone?: string;
  limit?: number;
  cursor?: string;
}

export interface ConsultantSlotsQueryPayload {
  /** ISO 8601 instant, or 'YYYY-MM-DD' meaning midnight of that date in `timeZone`. */
  from: string;
  /** Exclusive; same forms as `from`; at most CONSULTANT_SLOTS_MAX_RANGE_DAYS after it. */
  to: string;
  durationMinutes: number;
  /** The viewer's IANA zone, which the slots are formatted in. */
  timeZone: string;
}

/** A bookable slot in UTC, with how it reads in the viewer's zone. */
export interface ConsultantSlotView {
  startsAt: string;
  endsAt: string;
  /** Local date of the start in the viewer's zone, 'YYYY-MM-DD'. */
  date: string;
  /** 'HH:MM' in the viewer's zone. */
  startTime: string;
  endTime: string;
  endDate: string;
  /** E.g. "Tuesday, 24 November 2026, 03:00–03:30". */
  label: string;
}

export interface ConsultantSlotsView {
  consultantId: string;
  durationMinutes: number;
  priceAmount: number;
  priceCurrency: string;
  /** The viewer's zone, the one the slots are formatted in. */
  timeZone: string;
  consultantTimeZone: string;
  slots: ConsultantSlotView[];
}
