import type { DataKey } from '@vetmeet/crypto';
import { ObjectNotFoundError, type ObjectStorage } from '../../storage/object-storage';
import type { StoredSegment } from '../recording-manifest';
import type { SegmentContainer } from '../storage/ffmpeg-remux';
import { SegmentWithoutMediaError, finalizeSegment } from '../storage/finalize-segment';
import type { JournalManifest } from '../storage/segment-journal-writer';
import type { SegmentKeys } from '../storage/segment-keys';

export interface FinishSegmentOptions {
  /** Capture's mime type for the segment: Matroska for H.264, which WebM does not allow; WebM otherwise. */
  readonly mimeType: string;
  /** The writer's manifest; absent for a crashed writer's journal found at start-up (what it flushed). */
  readonly journalManifest?: JournalManifest;
}

/**
 * A segment's journal made into its seekable final object, its ending recorded (`recordEnding`,
 * the segment's row), and only then the journal deleted: a process killed between the object
 * and the row leaves the segment open with its journal, which the next start finalizes again.
 * A journal with no media in it (the track ended, or consent was withdrawn, before its first
 * cluster) leaves no object: null; so does one never begun (a crash between the segment's row and
 * its journal).
 */
export async function finishSegment(
  storage: ObjectStorage,
  dataKey: DataKey,
  keys: SegmentKeys,
  recordEnding: (stored: StoredSegment | null) => Promise<unknown>,
  options: FinishSegmentOptions,
): Promise<void> {
  await recordEnding(await storeFinalSegment(storage, dataKey, keys, options));
  await storage.delete(keys.journalKey);
}

/** What capture wrote it in: Matroska for H.264 ('video/x-matroska;…'), WebM for the rest. */
export function containerOf(mimeType: string): SegmentContainer {
  return mimeType.toLowerCase().startsWith('video/x-matroska') ? 'matroska' : 'webm';
}

async function storeFinalSegment(
  storage: ObjectStorage,
  dataKey: DataKey,
  keys: SegmentKeys,
  { mimeType, journalManifest }: FinishSegmentOptions,
): Promise<StoredSegment | null> {
  try {
    const container = containerOf(mimeType);
    const { manifest } = await finalizeSegment({ storage, dataKey, keys, journalManifest, keepJournal: true, container });
    return manifest;
  } catch (error) {
    if (error instanceof ObjectNotFoundError && error.key === keys.journalKey) return null;
    if (error instanceof SegmentWithoutMediaError) return null;
    throw error;
  }
}
