import { Injectable, Logger } from '@nestjs/common';
import { MasterKeyRing } from '@vetmeet/crypto';
import { loggableError } from '../../common/errors/loggable-error';
import { ObjectStorage } from '../../storage/object-storage';
import { recordingKeyContext } from '../recording-keys';
import type { StoredSegment } from '../recording-manifest';
import { RecordingWriter } from '../recording-writer';
import { recoverJournal } from '../storage/recover-journals';
import { segmentKeys } from '../storage/segment-keys';
import { finishSegment } from './finish-segment';

/**
 * At start-up, before any room records: what a crashed process left is made whole. Its open
 * recordings are marked interrupted; the journal of each of its segments without an ending is
 * stored as it was last flushed (all but at most its last second) and finalized, as interrupted,
 * so it plays and verifies like any other. What another live app node records is left alone
 * (RecorderNode): its journals may be growing in a store the nodes share.
 */
@Injectable()
export class RecordingRecovery {
  private readonly logger = new Logger(RecordingRecovery.name);

  constructor(
    private readonly writer: RecordingWriter,
    private readonly storage: ObjectStorage,
    private readonly keyRing: MasterKeyRing,
  ) {}

  async recover(): Promise<{ recordings: number; segments: number }> {
    const { recordingIds, openSegments } = await this.writer.markInterrupted('server_restart');
    for (const segment of openSegments) {
      const keys = segmentKeys(segment.recordingId, segment.segmentId);
      try {
        await recoverJournal(this.storage, keys.journalKey);
        const dataKey = this.keyRing.unwrap(segment.wrappedDataKey, recordingKeyContext(segment.recordingId));
        const recordEnding = (stored: StoredSegment | null) =>
          this.writer.endSegment(segment.segmentId, { outcome: 'interrupted', stored });
        await finishSegment(this.storage, dataKey, keys, recordEnding, { mimeType: segment.mimeType });
      } catch (error) {
        this.logger.error(
          { err: loggableError(error), recordingId: segment.recordingId, segmentId: segment.segmentId },
          'could not recover a recording segment',
        );
      }
    }
    if (openSegments.length > 0) {
      this.logger.warn(`recovered ${openSegments.length} segments of ${recordingIds.length} interrupted recordings`);
    }
    return { recordings: recordingIds.length, segments: openSegments.length };
  }
}
