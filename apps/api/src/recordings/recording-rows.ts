import type { RecordingSegmentOutcome, RecordingStatus } from '@vetmeet/contracts';

/** Rows as the recordings repository reads them (snake_case, as PostgreSQL answers). */
export interface RecordingRow {
  id: string;
  consultation_id: string;
  clinic_id: string;
  owner_id: string;
  consultant_id: string;
  status: RecordingStatus;
  started_at: Date;
  stopped_at: Date | null;
  retention_until: Date;
  size_bytes: string;
  wrapped_data_key: Buffer | null;
}

export interface SegmentRow {
  id: string;
  recording_id: string;
  user_id: string;
  kind: 'audio' | 'video';
  source: 'camera' | 'microphone' | 'screen';
  codec: string;
  mime_type: string;
  sequence: number;
  offset_ms: string;
  duration_ms: string | null;
  outcome: RecordingSegmentOutcome;
  object_key: string | null;
}

export interface ClinicSummaryRow {
  id: string;
  consultation_id: string;
  status: RecordingStatus;
  size_bytes: string;
  started_at: Date;
  stopped_at: Date | null;
  retention_until: Date;
}

export interface ReviewableRow {
  id: string;
  consultation_starts_at: Date;
  status: RecordingStatus;
  size_bytes: string;
  started_at: Date;
  stopped_at: Date | null;
  grant_expires_at: Date | null;
}

export interface GrantRow {
  id: string;
  recording_id: string;
  granted_at: Date;
  expires_at: Date;
}
