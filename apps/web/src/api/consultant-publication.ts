import type { ConsultantPublicationPayload, ConsultantPublicationView } from '@vetmeet/contracts/client';
import { api } from './client';

/* A consultant's profile, hours and Published, read and saved together (X-Clinic-Id). */

const publicationPath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/consultant-publication`;

export const fetchPublication = (clinicId: string, signal?: AbortSignal) =>
  api.get<ConsultantPublicationView>(publicationPath(clinicId), { signal, clinicId });

/** All or nothing: CONSULTANT_PROFILE_INCOMPLETE or VALIDATION_FAILED leave the saved profile as it was. */
export const savePublication = (clinicId: string, payload: ConsultantPublicationPayload) =>
  api.put<ConsultantPublicationView>(publicationPath(clinicId), payload, { clinicId });
