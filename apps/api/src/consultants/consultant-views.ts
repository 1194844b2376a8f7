import type {
  ClinicDirectoryView,
  ConsultantAvailabilityView,
  ConsultantBookingPolicy,
  ConsultantOwnProfileView,
  ConsultantPublicView,
  ConsultantSummaryView,
  DateOverridePayload,
  TimeOffView,
  WeeklyRulePayload,
} from '@vetmeet/contracts';
import type { DateOverride, WeeklyRule } from '../availability/availability-rules';
import type { ConsultantProfile } from './consultant-profile.entity';
import type { ConsultantTimeOff } from './consultant-time-off.entity';

/** Publishing needs something to book: a priced length, and some time (a weekly rule or a date override that opens). */
export function isComplete(profile: { offerings: unknown[]; weeklyRules: WeeklyRule[]; dateOverrides: DateOverride[] }): boolean {
  const opensSomeDate = profile.dateOverrides.some((override) => !override.closed && (override.intervals ?? []).length > 0);
  return profile.offerings.length > 0 && (profile.weeklyRules.length > 0 || opensSomeDate);
}

export function toOwnProfileView(profile: ConsultantProfile): ConsultantOwnProfileView {
  return {
    id: profile.consultantId,
    clinicId: profile.clinicId,
    displayName: profile.displayName,
    specialties: profile.specialties,
    species: profile.species,
    languages: profile.languages,
    bio: profile.bio,
    timeZone: profile.timeZone,
    priceCurrency: profile.priceCurrency,
    offerings: profile.offerings.map(({ durationMinutes, priceAmount }) => ({ durationMinutes, priceAmount })),
    autoAccept: profile.autoAccept,
    published: profile.published,
    complete: isComplete(profile),
    photoUrl: profile.photoId ? `/api/clinics/${profile.clinicId}/consultant-profile/photo?v=${profile.photoId}` : null,
    createdAt: profile.createdAt.toISOString(),
    updatedAt: profile.updatedAt.toISOString(),
  };
}

export const toTimeOffView = (interval: ConsultantTimeOff): TimeOffView => ({
  id: interval.id,
  startsAt: interval.startsAt.toISOString(),
  endsAt: interval.endsAt.toISOString(),
});

export function toAvailabilityView(profile: ConsultantProfile, timeOff: ConsultantTimeOff[]): ConsultantAvailabilityView {
  return {
    timeZone: profile.timeZone,
    // Stored as sent (validated first), so they read back exactly.
    weeklyRules: profile.weeklyRules as WeeklyRulePayload[],
    dateOverrides: profile.dateOverrides as DateOverridePayload[],
    bufferBeforeMinutes: profile.bufferBeforeMinutes,
    bufferAfterMinutes: profile.bufferAfterMinutes,
    minimumNoticeMinutes: profile.minimumNoticeMinutes,
    horizonDays: profile.horizonDays,
    dailyLimit: profile.dailyLimit,
    stepMinutes: profile.stepMinutes,
    timeOff: timeOff.map(toTimeOffView),
  };
}

/** Least data: what a pet owner needs to choose, nothing about the account or the clinic's inside. */
export function toSummaryView(
  profile: ConsultantProfile,
  clinic: ClinicDirectoryView,
  takesPaidBookings: boolean,
): ConsultantSummaryView {
  return {
    id: profile.consultantId,
    displayName: profile.displayName,
    clinic,
    specialties: profile.specialties,
    species: profile.species,
    languages: profile.languages,
    timeZone: profile.timeZone,
    offerings: [...profile.offerings]
      .sort((a, b) => a.durationMinutes - b.durationMinutes)
      .map(({ durationMinutes, priceAmount }) => ({ durationMinutes, priceAmount, priceCurrency: profile.priceCurrency })),
    autoAccept: profile.autoAccept,
    photoUrl: profile.photoId ? `/api/consultants/${profile.consultantId}/photo?v=${profile.photoId}` : null,
    takesPaidBookings,
  };
}

export function toPublicView(
  profile: ConsultantProfile,
  clinic: ClinicDirectoryView,
  bookingPolicy: ConsultantBookingPolicy,
  takesPaidBookings: boolean,
): ConsultantPublicView {
  return { ...toSummaryView(profile, clinic, takesPaidBookings), bio: profile.bio, bookingPolicy };
}
