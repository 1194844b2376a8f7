import type {
  ClinicRecordingSummaryView,
  RecordingSegmentView,
  RecordingView,
  ReviewableRecordingView,
} from '@vetmeet/contracts';
import type { ClinicSummaryRow, RecordingRow, ReviewableRow, SegmentRow } from './recording-rows';

const iso = (value: Date | null) => (value ? value.toISOString() : null);

export function segmentView(recording: RecordingRow, segment: SegmentRow): RecordingSegmentView {
  return {
    id: segment.id,
    userId: segment.user_id,
    role: segment.user_id === recording.owner_id ? 'owner' : 'consultant',
    kind: segment.kind,
    source: segment.source,
    codec: segment.codec,
    mimeType: segment.mime_type,
    offsetMs: Number(segment.offset_ms),
    durationMs: segment.duration_ms === null ? null : Number(segment.duration_ms),
    outcome: segment.outcome,
    playable: segment.object_key !== null && segment.outcome !== 'recording',
  };
}

export function recordingView(recording: RecordingRow, segments: SegmentRow[]): RecordingView {
  return {
    id: recording.id,
    consultationId: recording.consultation_id,
    status: recording.status,
    startedAt: recording.started_at.toISOString(),
    stoppedAt: iso(recording.stopped_at),
    retentionUntil: recording.retention_until.toISOString(),
    sizeBytes: Number(recording.size_bytes),
    segments: segments
      .filter((segment) => segment.recording_id === recording.id)
      .map((segment) => segmentView(recording, segment)),
  };
}

export function clinicSummaryView(row: ClinicSummaryRow): ClinicRecordingSummaryView {
  return {
    id: row.id,
    consultationId: row.consultation_id,
    status: row.status,
    sizeBytes: Number(row.size_bytes),
    startedAt: row.started_at.toISOString(),
    stoppedAt: iso(row.stopped_at),
    retentionUntil: row.retention_until.toISOString(),
  };
}

export function reviewableView(row: ReviewableRow): ReviewableRecordingView {
  return {
    id: row.id,
    consultationStartsAt: row.consultation_starts_at.toISOString(),
    status: row.status,
    sizeBytes: Number(row.size_bytes),
    startedAt: row.started_at.toISOString(),
    stoppedAt: iso(row.stopped_at),
    grantExpiresAt: iso(row.grant_expires_at),
  };
}
