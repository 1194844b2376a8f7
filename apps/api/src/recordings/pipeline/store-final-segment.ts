import type { DataKey } from '@vetmeet/crypto';
import { ObjectNotFoundError, type ObjectStorage } from '../../storage/object-storage';
import type { StoredSegment } from '../recording-manifest';
import type { SegmentContainer } from '../storage/ffmpeg-remux';
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
  mimeType: string,
  journalManifest?: JournalManifest,
): Promise<StoredSegment | null> {
  try {
    const container = containerOf(mimeType);
    const { manifest } = await finalizeSegment({ storage, dataKey, keys, journalManifest, container });
    return manifest;
  } catch (error) {
    if (error instanceof ObjectNotFoundError && error.key === keys.journalKey) return null;
    if (!(error instanceof SegmentWithoutMediaError)) throw error;
    await storage.delete(keys.journalKey);
    return null;
  }
}

/** What capture wrote it in: Matroska for H.264 ('video/x-matroska;…'), WebM for the rest. */
export function containerOf(mimeType: string): SegmentContainer {
  return mimeType.toLowerCase().startsWith('video/x-matroska') ? 'matroska' : 'webm';
}
