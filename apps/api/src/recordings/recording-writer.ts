import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { RecordingStatus } from '@vetmeet/contracts';
import { MasterKeyRing, generateDataKey, type DataKey } from '@vetmeet/crypto';
import { loggableError } from '../common/errors/loggable-error';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { ObjectStorage } from '../storage/object-storage';
import { DEFAULT_RECORDING_RETENTION_MONTHS, recordingKeyContext } from './recording-keys';
import type { NewSegment, OpenSegment, SegmentEnding } from './recording-manifest';
import { RecordingsRepository } from './recordings.repository';

export interface StartedRecording {
  id: string;
  clinicId: string;
  startedAt: Date;
  retentionUntil: Date;
  /** The recording's data key in clear, for the journal to encrypt with; only its wrapped form is stored. */
  dataKey: DataKey;
}

export interface RecordingOptions {
  retentionMonths?: number;
  /** The id of the app node recording it; without one, any node's start recovers it. */
  recorderNode?: string | null;
}

/**
 * The recorder's side of the recordings tables, for capture and journal: no person acts here
 * (a withdrawal, a restart and the retention job stop or delete recordings too), so each call
 * is its own transaction through the recorder's SECURITY DEFINER functions.
 */
@Injectable()
export class RecordingWriter {
  private readonly logger = new Logger(RecordingWriter.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly recordings: RecordingsRepository,
    private readonly keyRing: MasterKeyRing,
    private readonly storage: ObjectStorage,
  ) {}

  /**
   * A new recording of the consultation, with a fresh data key wrapped for it alone, made by the
   * app node `recorderNode` (RecorderNode): no other node recovers it while that node lives.
   */
  async createRecording(
    consultationId: string,
    startedBy: string,
    { retentionMonths = DEFAULT_RECORDING_RETENTION_MONTHS, recorderNode = null }: RecordingOptions = {},
  ): Promise<StartedRecording> {
    const id = randomUUID();
    const dataKey = generateDataKey();
    const wrappedDataKey = this.keyRing.wrap(dataKey, recordingKeyContext(id));
    const values = { id, consultationId, startedBy, wrappedDataKey, retentionMonths, recorderNode };
    const row = await this.db.run(NOBODY, (manager) => this.recordings.create(manager, values));
    return { id, clinicId: row.clinic_id, startedAt: row.started_at, retentionUntil: row.retention_until, dataKey };
  }

  /** Pause, resume, stop (with the reason, e.g. 'consent_withdrawn'); false once it is stopped or interrupted. */
  setStatus(recordingId: string, status: RecordingStatus, reason: string | null = null): Promise<boolean> {
    return this.db.run(NOBODY, (manager) => this.recordings.setStatus(manager, recordingId, status, reason));
  }

  /** A new segment at the recording's clock (offsetMs from its start); refused once the recording is not open. */
  async addSegment(segment: NewSegment): Promise<{ id: string; sequence: number; offsetMs: number; startedAt: Date }> {
    const row = await this.db.run(NOBODY, (manager) => this.recordings.addSegment(manager, segment));
    return { id: row.id, sequence: row.sequence, offsetMs: Number(row.offset_ms), startedAt: row.started_at };
  }

  /** The segment's ending with the journal's manifest, once: its stored size counts into the recording's. */
  endSegment(segmentId: string, ending: SegmentEnding): Promise<boolean> {
    return this.db.run(NOBODY, (manager) => this.recordings.endSegment(manager, segmentId, ending));
  }

  /** Where the segment's first packet arrived: its place on the recording's timeline. */
  segmentMediaStarted(segmentId: string, at: Date): Promise<boolean> {
    return this.db.run(NOBODY, (manager) => this.recordings.segmentMediaStarted(manager, segmentId, at));
  }

  /**
   * At start-up, before any recording begins: what the previous process left open is marked
   * interrupted; its open segments are answered for the journal's recovery.
   */
  markInterrupted(reason = 'server_restart'): Promise<{ recordingIds: string[]; openSegments: OpenSegment[] }> {
    return this.db.run(NOBODY, (manager) => this.recordings.markInterrupted(manager, reason));
  }

  /**
   * Crypto-shredding: the wrapped data key is destroyed first, in a transaction of its own, so
   * from then on nothing of the recording can be decrypted whatever happens next; then its
   * objects are deleted; then it is marked deleted. An object that cannot be deleted is logged
   * and left (unreadable without its key), and the recording is still marked deleted.
   */
  async shred(recordingId: string): Promise<void> {
    const keys = await this.db.run(NOBODY, (manager) => this.recordings.shredKey(manager, recordingId));
    for (const key of keys) {
      try {
        await this.storage.delete(key);
      } catch (error) {
        this.logger.error({ err: loggableError(error), recordingId }, 'could not delete a shredded recording object');
      }
    }
    await this.db.run(NOBODY, (manager) => this.recordings.shredFinish(manager, recordingId));
  }
}
