import { ObjectNotFoundError, type ObjectStorage } from '../../storage/object-storage';
import { JOURNAL_PREFIX, segmentKeys, segmentOfJournal, type SegmentKeys } from './segment-keys';

export interface RecoveredJournal {
  readonly recordingId: string;
  readonly segmentId: string;
  readonly keys: SegmentKeys;
}

/**
 * At a recorder's start, before it writes anything: every journal a crashed writer left is
 * stored as it was flushed, ready for `finalizeSegment` without a journal manifest (which
 * marks the segment interrupted). Must not run while another process is writing journals.
 */
export async function recoverJournals(storage: ObjectStorage): Promise<RecoveredJournal[]> {
  const recovered: RecoveredJournal[] = [];
  for (const journalKey of await storage.listIncomplete(JOURNAL_PREFIX)) {
    const segment = segmentOfJournal(journalKey);
    if (!segment) continue;
    await storage.recoverIncomplete(journalKey);
    recovered.push({ ...segment, keys: segmentKeys(segment.recordingId, segment.segmentId) });
  }
  return recovered;
}

/**
 * One segment's journal as its crashed writer flushed it, stored under its key (nothing to do
 * when it was completed; none when the writer never began it). Safe while other writers run.
 */
export async function recoverJournal(storage: ObjectStorage, journalKey: string): Promise<void> {
  try {
    await storage.recoverIncomplete(journalKey);
  } catch (error) {
    if (!(error instanceof ObjectNotFoundError)) throw error;
  }
}
