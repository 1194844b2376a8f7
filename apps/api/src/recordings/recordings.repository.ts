import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RecordingStatus } from '@vetmeet/contracts';
import type { StaffRole } from '../auth/actor';
import type { NewSegment, OpenSegment, SegmentEnding } from './recording-manifest';
import type { ClinicSummaryRow, GrantRow, RecordingRow, ReviewableRow, SegmentRow } from './recording-rows';

interface InterruptedRow {
  recording_id: string;
  segment_id: string | null;
  journal_key: string | null;
  mime_type: string | null;
  wrapped_data_key: Buffer | null;
}

interface ActiveGrant {
  grant_id: string;
  expires_at: Date;
}

const RECORDING_COLUMNS = `r.id, r.consultation_id, r.clinic_id, p.owner_id, p.consultant_id, r.status, r.started_at,
  r.stopped_at, r.retention_until, r.size_bytes, r.wrapped_data_key`;
const SEGMENT_COLUMNS = `s.id, s.recording_id, s.user_id, s.kind, s.source, s.codec, s.mime_type, s.sequence,
  s.offset_ms, s.duration_ms, s.outcome, s.object_key`;

/**
 * The recordings module's SQL, in the transaction it is handed. Reads run under row-level
 * security (what the acting person may see); writes go through the recorder's SECURITY DEFINER
 * functions (recordings.schema.ts), the only way the runtime role writes these tables.
 */
@Injectable()
export class RecordingsRepository {
  async create(
    manager: EntityManager,
    values: {
      id: string;
      consultationId: string;
      startedBy: string;
      wrappedDataKey: Buffer;
      retentionMonths: number;
      recorderNode: string | null;
    },
  ) {
    const [row] = await manager.query<{ id: string; clinic_id: string; started_at: Date; retention_until: Date }[]>(
      'SELECT * FROM recording_create($1, $2, $3, $4, $5, $6)',
      [
        values.id,
        values.consultationId,
        values.startedBy,
        values.wrappedDataKey,
        values.retentionMonths,
        values.recorderNode,
      ],
    );
    return row;
  }

  /** False when the recording is not open (stopped, interrupted, deleted or unknown). */
  async setStatus(manager: EntityManager, id: string, status: RecordingStatus, reason: string | null) {
    const [row] = await manager.query<{ changed: boolean | null }[]>(
      'SELECT recording_set_status($1, $2, $3) AS changed',
      [id, status, reason],
    );
    return row?.changed === true;
  }

  async addSegment(manager: EntityManager, segment: NewSegment) {
    const [row] = await manager.query<{ id: string; sequence: number; offset_ms: string; started_at: Date }[]>(
      'SELECT * FROM recording_add_segment($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        segment.id,
        segment.recordingId,
        segment.userId,
        segment.kind,
        segment.source,
        segment.codec,
        segment.mimeType,
        segment.journalKey,
      ],
    );
    return row;
  }

  /** False when the segment had ended already (a second ending changes nothing). */
  async endSegment(manager: EntityManager, segmentId: string, ending: SegmentEnding): Promise<boolean> {
    const stored = ending.stored;
    const sql = 'SELECT recording_end_segment($1, $2, $3, $4, $5, $6, $7, $8, $9) AS ended';
    const [row] = await manager.query<{ ended: boolean }[]>(sql, [
      segmentId,
      ending.outcome,
      stored?.durationMs ?? null,
      stored?.key ?? null,
      stored?.storedBytes ?? 0,
      stored?.plaintextBytes ?? null,
      stored?.chunkSize ?? null,
      stored?.chunkCount ?? 0,
      stored ? Buffer.from(stored.tagDigest, 'hex') : null,
    ]);
    return row?.ended === true;
  }

  async markInterrupted(
    manager: EntityManager,
    reason: string,
  ): Promise<{ recordingIds: string[]; openSegments: OpenSegment[] }> {
    const rows = await manager.query<InterruptedRow[]>('SELECT * FROM recordings_mark_interrupted($1)', [reason]);
    const recordingIds = [...new Set(rows.filter((row) => !row.segment_id).map((row) => row.recording_id))];
    const openSegments = rows.flatMap((row) =>
      row.segment_id && row.journal_key && row.mime_type && row.wrapped_data_key
        ? [{
            recordingId: row.recording_id,
            segmentId: row.segment_id,
            journalKey: row.journal_key,
            mimeType: row.mime_type,
            wrappedDataKey: row.wrapped_data_key,
          }]
        : [],
    );
    return { recordingIds, openSegments };
  }

  /** Places a segment where its first packet arrived; false once it has ended. */
  async segmentMediaStarted(manager: EntityManager, segmentId: string, at: Date): Promise<boolean> {
    const [row] = await manager.query<{ placed: boolean }[]>(
      'SELECT recording_segment_media_started($1, $2) AS placed',
      [segmentId, at],
    );
    return row?.placed === true;
  }

  /** Destroys the wrapped data key; answers the storage keys the recording's objects were kept under. */
  async shredKey(manager: EntityManager, id: string): Promise<string[]> {
    const rows = await manager.query<{ object_key: string | null; journal_key: string }[]>(
      'SELECT * FROM recording_shred_key($1)',
      [id],
    );
    return rows.flatMap((row) => [row.object_key, row.journal_key]).filter((key): key is string => key !== null);
  }

  async shredFinish(manager: EntityManager, id: string): Promise<void> {
    await manager.query('SELECT recording_shred_finish($1)', [id]);
  }

  // Reads, under row-level security.

  async forConsultation(manager: EntityManager, consultationId: string): Promise<RecordingRow[]> {
    return manager.query<RecordingRow[]>(
      `SELECT ${RECORDING_COLUMNS} FROM recordings r CROSS JOIN LATERAL recording_participants(r.id) p
        WHERE r.consultation_id = $1 ORDER BY r.started_at`,
      [consultationId],
    );
  }

  async byId(manager: EntityManager, id: string): Promise<RecordingRow | undefined> {
    const [row] = await manager.query<RecordingRow[]>(
      `SELECT ${RECORDING_COLUMNS} FROM recordings r CROSS JOIN LATERAL recording_participants(r.id) p WHERE r.id = $1`,
      [id],
    );
    return row;
  }

  async segmentsOf(manager: EntityManager, recordingIds: string[]): Promise<SegmentRow[]> {
    if (recordingIds.length === 0) return [];
    return manager.query<SegmentRow[]>(
      `SELECT ${SEGMENT_COLUMNS} FROM recording_segments s
        WHERE s.recording_id = ANY ($1) ORDER BY s.offset_ms, s.sequence`,
      [recordingIds],
    );
  }

  async segment(manager: EntityManager, recordingId: string, segmentId: string): Promise<SegmentRow | undefined> {
    const [row] = await manager.query<SegmentRow[]>(
      `SELECT ${SEGMENT_COLUMNS} FROM recording_segments s WHERE s.id = $1 AND s.recording_id = $2`,
      [segmentId, recordingId],
    );
    return row;
  }

  async clinicSummaries(manager: EntityManager, clinicId: string): Promise<ClinicSummaryRow[]> {
    return manager.query<ClinicSummaryRow[]>('SELECT * FROM clinic_recording_summaries($1)', [clinicId]);
  }

  async reviewable(manager: EntityManager): Promise<ReviewableRow[]> {
    return manager.query<ReviewableRow[]>('SELECT * FROM support_reviewable_recordings()');
  }

  /** The acting support person's grant on the recording that holds now (consent standing), if any. */
  async activeGrant(manager: EntityManager, recordingId: string): Promise<ActiveGrant | undefined> {
    const [row] = await manager.query<ActiveGrant[]>('SELECT * FROM recording_active_grant($1)', [recordingId]);
    return row;
  }

  async reviewAllowed(manager: EntityManager, recordingId: string): Promise<boolean> {
    const sql = 'SELECT recording_review_allowed($1) AS allowed';
    const [row] = await manager.query<{ allowed: boolean }[]>(sql, [recordingId]);
    return row?.allowed === true;
  }

  async insertGrant(
    manager: EntityManager,
    grant: { id: string; recordingId: string; clinicId: string; supportUserId: string; reason: string; hours: number },
  ): Promise<GrantRow> {
    const [row] = await manager.query<GrantRow[]>(
      `INSERT INTO recording_review_grants (id, recording_id, clinic_id, support_user_id, reason, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(hours => $6))
       RETURNING id, recording_id, granted_at, expires_at`,
      [grant.id, grant.recordingId, grant.clinicId, grant.supportUserId, grant.reason, grant.hours],
    );
    return row;
  }

  /** One byte range a reviewer read (or the whole segment when the range is null), kept with the grant it ran under. */
  async logReviewRead(
    manager: EntityManager,
    read: {
      id: string;
      grantId: string;
      recordingId: string;
      clinicId: string;
      supportUserId: string;
      segmentId: string;
      range: { start: number; end: number } | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO recording_review_reads
         (id, grant_id, recording_id, clinic_id, support_user_id, segment_id, range_start, range_end)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        read.id,
        read.grantId,
        read.recordingId,
        read.clinicId,
        read.supportUserId,
        read.segmentId,
        read.range?.start ?? null,
        read.range?.end ?? null,
      ],
    );
  }

  /** The person's roles in a clinic (their own memberships), for a media request that cannot send X-Clinic-Id. */
  async rolesIn(manager: EntityManager, userId: string, clinicId: string): Promise<StaffRole[]> {
    const rows = await manager.query<{ role: StaffRole }[]>(
      'SELECT role FROM clinic_memberships WHERE user_id = $1 AND clinic_id = $2',
      [userId, clinicId],
    );
    return rows.map((row) => row.role);
  }
}
