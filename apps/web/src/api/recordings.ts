import type {
  ClinicRecordingSummaryView,
  RecordingView,
  ReviewableRecordingView,
  ReviewGrantView,
} from '@vetmeet/contracts/client';
import { api } from './client';

const recordingPath = (recordingId: string) => `/recordings/${encodeURIComponent(recordingId)}`;

/** A consultation's recordings with their segments, for its two participants. */
export const fetchConsultationRecordings = (consultationId: string, signal?: AbortSignal): Promise<RecordingView[]> =>
  api.get<RecordingView[]>(`/consultations/${encodeURIComponent(consultationId)}/recordings`, { signal });

/** One recording; support staff pass the clinic they review in. */
export function fetchRecording(recordingId: string, clinicId: string | undefined, signal?: AbortSignal) {
  return api.get<RecordingView>(recordingPath(recordingId), { clinicId, signal });
}

/**
 * Where a media element reads a segment from (with Range). A media element cannot send
 * X-Clinic-Id, so a reviewer's player names the clinic in the address.
 */
export function segmentMediaUrl(recordingId: string, segmentId: string, clinicId?: string): string {
  const path = `/api${recordingPath(recordingId)}/segments/${encodeURIComponent(segmentId)}/media`;
  return clinicId ? `${path}?clinicId=${encodeURIComponent(clinicId)}` : path;
}

/** Clinic admins: metadata only. */
export function fetchClinicRecordings(clinicId: string, signal?: AbortSignal): Promise<ClinicRecordingSummaryView[]> {
  const path = `/clinics/${encodeURIComponent(clinicId)}/recordings`;
  return api.get<ClinicRecordingSummaryView[]>(path, { clinicId, signal });
}

/** Support staff: what they may review in the clinic. */
export const fetchReviewableRecordings = (clinicId: string, signal?: AbortSignal): Promise<ReviewableRecordingView[]> =>
  api.get<ReviewableRecordingView[]>('/support/recordings', { clinicId, signal });

export const openReview = (recordingId: string, reason: string, clinicId: string): Promise<ReviewGrantView> =>
  api.post<ReviewGrantView>(`${recordingPath(recordingId)}/reviews`, { reason }, { clinicId });

export const recordingPagePath = (recordingId: string, clinicId?: string) =>
  `/recordings/${encodeURIComponent(recordingId)}${clinicId ? `?clinic=${encodeURIComponent(clinicId)}` : ''}`;
