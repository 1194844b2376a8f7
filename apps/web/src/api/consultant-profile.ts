import {
  ErrorCode,
  type BookingView,
  type ConsultantAvailabilityPayload,
  type ConsultantAvailabilityView,
  type ConsultantOwnProfileView,
  type ConsultantProfilePayload,
  type TimeOffPayload,
  type TimeOffView,
} from '@vetmeet/contracts/client';
import { ApiError } from './api-error';
import { api } from './client';
import { postMultipart, type UploadOptions } from './multipart-upload';

/*
 * A consultant keeps their own profile, hours and time off acting in their clinic
 * (X-Clinic-Id), and answers the requests booked with them there.
 */

const profilePath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/consultant-profile`;

/** NOT_FOUND until the consultant has saved a profile in this clinic. */
export const fetchOwnProfile = (clinicId: string, signal?: AbortSignal) => api.get<ConsultantOwnProfileView>(profilePath(clinicId), { signal, clinicId });

/** Creates or replaces the profile; CONSULTANT_PROFILE_INCOMPLETE when publishing something owners could not book. */
export const saveOwnProfile = (clinicId: string, payload: ConsultantProfilePayload) => api.put<ConsultantOwnProfileView>(profilePath(clinicId), payload, { clinicId });

/** The profile, or null when the consultant has not saved one in this clinic yet. */
export const fetchOwnProfileIfAny = (clinicId: string, signal?: AbortSignal): Promise<ConsultantOwnProfileView | null> =>
  fetchOwnProfile(clinicId, signal).catch((error: unknown) => {
    if (error instanceof ApiError && error.code === ErrorCode.NotFound) return null;
    throw error;
  });

export const fetchAvailability = (clinicId: string, signal?: AbortSignal) => api.get<ConsultantAvailabilityView>(`${profilePath(clinicId)}/availability`, { signal, clinicId });

/** Replaces the weekly rules, dates and settings (time off is kept). */
export const saveAvailability = (clinicId: string, payload: ConsultantAvailabilityPayload) =>
  api.put<ConsultantAvailabilityView>(`${profilePath(clinicId)}/availability`, payload, { clinicId });

export const addTimeOff = (clinicId: string, payload: TimeOffPayload) => api.post<TimeOffView>(`${profilePath(clinicId)}/time-off`, payload, { clinicId });

export const removeTimeOff = (clinicId: string, timeOffId: string) => api.delete(`${profilePath(clinicId)}/time-off/${encodeURIComponent(timeOffId)}`, { clinicId });

/** Replaces the profile photo (JPEG, PNG or WebP, up to CONSULTANT_PHOTO_MAX_BYTES); answers with the profile and its new photoUrl. */
export function uploadProfilePhoto(clinicId: string, file: File, options: UploadOptions = {}): Promise<ConsultantOwnProfileView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return postMultipart<ConsultantOwnProfileView>(`${profilePath(clinicId)}/photo`, form, { ...options, method: 'PUT', clinicId });
}

export const removeProfilePhoto = (clinicId: string) => api.delete(`${profilePath(clinicId)}/photo`, { clinicId });

const bookingPath = (bookingId: string) => `/bookings/${encodeURIComponent(bookingId)}`;

/** Confirms a paid request; the owner is told and the consultation is created. Sent in the booking's clinic. */
export const acceptBooking = (booking: Pick<BookingView, 'id' | 'clinic'>) => api.post<BookingView>(`${bookingPath(booking.id)}/accept`, undefined, { clinicId: booking.clinic.id });

/** Turns a paid request down; the owner is refunded in full. Sent in the booking's clinic. */
export const declineBooking = (booking: Pick<BookingView, 'id' | 'clinic'>) => api.post<BookingView>(`${bookingPath(booking.id)}/decline`, undefined, { clinicId: booking.clinic.id });
