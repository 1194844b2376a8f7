import type { DataKey } from '@vetmeet/crypto';
import { ObjectNotFoundError, type ObjectStorage } from '../../storage/object-storage';
import type { StoredSegment } from '../recording-manifest';
import { SegmentWithoutMediaError, finalizeSegment } from '../storage/finalize-segment';
import type { JournalManifest } from '../storage/segment-journal-writer';
import type { SegmentKeys } from '../storage/segment-keys';

/**
 * A segment's journal made into its seekable final object, its ending recorded (`recordEnding`,
 * the segment's row), and only then the journal deleted: a process killed between the object
 * and the row leaves the segment open with its journal, which the next start finalizes again.
 * A journal with no media in it (the track ended, or consent was withdrawn, before its first
 * cluster) leaves no object: null; so does one never begun (a crash between the segment's row and
 * its journal). Without the writer's manifest (a crashed writer, found at start-up) it is what was flushed.
 */
export async function finishSegment(
  storage: ObjectStorage,
  dataKey: DataKey,
  keys: SegmentKeys,
  recordEnding: (stored: StoredSegment | null) => Promise<unknown>,
  journalManifest?: JournalManifest,
): Promise<void> {
  await recordEnding(await storeFinalSegment(storage, dataKey, keys, journalManifest));
  await storage.delete(keys.journalKey);
}

async function storeFinalSegment(
  storage: ObjectStorage,
  dataKey: DataKey,
  keys: SegmentKeys,
  journalManifest?: JournalManifest,
): Promise<StoredSegment | null> {
  try {
    const { manifest } = await finalizeSegment({ storage, dataKey, keys, journalManifest, keepJournal: true });
    return manifest;
  } catch (error) {
    if (error instanceof ObjectNotFoundError && error.key === keys.journalKey) return null;
    if (error instanceof SegmentWithoutMediaError) return null;
    throw error;
  }
}
