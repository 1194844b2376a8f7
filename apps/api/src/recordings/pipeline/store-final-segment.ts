import type { DataKey } from '@vetmeet/crypto';
import { ObjectNotFoundError, type ObjectStorage } from '../../storage/object-storage';
import type { StoredSegment } from '../recording-manifest';
import { SegmentWithoutMediaError, finalizeSegment } from '../storage/finalize-segment';
import type { JournalManifest } from '../storage/segment-journal-writer';
import type { SegmentKeys } from '../storage/segment-keys';

/**
 * A segment's journal made into its seekable final object. A journal with no media in it (the
 * track ended, or consent was withdrawn, before its first cluster) leaves no object: null; so does
 * one never begun (a crash between the segment's row and its journal).
 * Without the writer's manifest (a crashed writer, found at start-up) it is what was flushed.
 */
export async function storeFinalSegment(
  storage: ObjectStorage,
  dataKey: DataKey,
  keys: SegmentKeys,
  journalManifest?: JournalManifest,
): Promise<StoredSegment | null> {
  try {
    const { manifest } = await finalizeSegment({ storage, dataKey, keys, journalManifest });
    return manifest;
  } catch (error) {
    if (error instanceof ObjectNotFoundError && error.key === keys.journalKey) return null;
    if (!(error instanceof SegmentWithoutMediaError)) throw error;
    await storage.delete(keys.journalKey);
    return null;
  }
}
