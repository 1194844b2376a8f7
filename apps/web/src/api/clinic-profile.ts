import type { ClinicProfilePayload, ClinicProfileView } from '@vetmeet/contracts/client';
import { api } from './client';
import { postMultipart } from './multipart-upload';

/* A clinic's profile, kept by its admins acting in it (X-Clinic-Id). */

const profilePath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/profile`;

export const fetchClinicProfile = (clinicId: string, signal?: AbortSignal) =>
  api.get<ClinicProfileView>(profilePath(clinicId), { signal, clinicId });

export const saveClinicProfile = (clinicId: string, payload: ClinicProfilePayload) =>
  api.put<ClinicProfileView>(profilePath(clinicId), payload, { clinicId });

/** Replaces the logo (JPEG, PNG or WebP, up to CLINIC_LOGO_MAX_BYTES); answers with the profile and its new logoUrl. */
export function uploadClinicLogo(clinicId: string, file: File): Promise<ClinicProfileView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return postMultipart<ClinicProfileView>(`${profilePath(clinicId)}/logo`, form, { method: 'PUT', clinicId });
}

export const removeClinicLogo = (clinicId: string) => api.delete(`${profilePath(clinicId)}/logo`, { clinicId });
