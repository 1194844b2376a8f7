import { pipeline } from 'node:stream/promises';
import {
  DEFAULT_CHUNK_SIZE,
  DecryptionError,
  DecryptionErrorCode,
  JournalReader,
  StoredStreamDigest,
  createDecryptStream,
  createEncryptStream,
  type DataKey,
  type JournalReport,
} from '@vetmeet/crypto';
import type { ObjectStorage } from '../../storage/object-storage';
import { spawnRemux, type SegmentContainer } from './ffmpeg-remux';
import type { SegmentKeys } from './segment-keys';
import type { JournalManifest } from './segment-journal-writer';
import type { SegmentManifest } from './segment-manifest';
import { tap } from './stream-taps';
import { HeadReplacer, seekableHead } from './webm/webm-index';
import { WebmLayoutScanner, type WebmLayout } from './webm/webm-layout';

/** The journal holds no media (nothing captured, or a crash before the first cluster): nothing to keep. */
export class SegmentWithoutMediaError extends Error {
  constructor() {
    super('The segment journal holds no playable media.');
    this.name = 'SegmentWithoutMediaError';
  }
}

export interface FinalizeSegmentInput {
  readonly storage: ObjectStorage;
  readonly dataKey: DataKey;
  readonly keys: SegmentKeys;
  /** The writer's manifest when it completed the journal; absent when a crash left it (recovered). */
  readonly journalManifest?: JournalManifest;
  /**
   * Leaves the journal for the caller to delete once the final object is recorded as the segment's
   * (a process killed in between then finalizes it again at its next start instead of losing it).
   */
  readonly keepJournal?: boolean;
  readonly ffmpegPath?: string;
  /** Matroska for H.264 (capture's mime type says which); WebM otherwise. */
  readonly container?: SegmentContainer;
}

export interface FinalizedSegment {
  readonly manifest: SegmentManifest;
  /** The writer crashed (no journal manifest): what it had not flushed, at most the last second, is lost. */
  readonly interrupted: boolean;
  readonly journal: JournalReport;
}

/**
 * Journal → seekable final file, never in clear outside memory: the journal is decrypted
 * (salvaging the complete chunks of a cut one) into ffmpeg `-c copy`, whose WebM is
 * encrypted into a scratch object while its clusters and key frames are noted; the scratch
 * is then decrypted once more, given a Duration and Cues in front, and encrypted in 64 KiB
 * chunks as the final object (format v1, as playback reads). The journal and the scratch
 * are deleted only once the final object is stored (the journal not at all with `keepJournal`).
 */
export async function finalizeSegment(input: FinalizeSegmentInput): Promise<FinalizedSegment> {
  const { storage, keys } = input;
  try {
    const { layout, journal } = await remuxToScratch(input);
    const manifest = await writeSeekable(input, layout);
    if (!input.keepJournal) await storage.delete(keys.journalKey);
    // No writer's manifest means the writer never completed: it crashed, and recovery stored what it flushed.
    return { manifest, interrupted: !input.journalManifest, journal };
  } finally {
    await storage.delete(keys.scratchKey);
  }
}

async function remuxToScratch(input: FinalizeSegmentInput): Promise<{ layout: WebmLayout; journal: JournalReport }> {
  const { storage, dataKey, keys, ffmpegPath, container } = input;
  const reader = new JournalReader(dataKey, { journalId: keys.journalKey });
  const scanner = new WebmLayoutScanner();
  const journalBody = await storage.get(keys.journalKey);
  const ffmpeg = spawnRemux(ffmpegPath, container);
  const encrypt = createEncryptStream(dataKey);
  // Any failure kills ffmpeg, which ends every stream, so all settle before the scratch is deleted.
  const steps = [
    pipeline(journalBody, reader, ffmpeg.stdin),
    pipeline(ffmpeg.stdout, tap((piece) => scanner.update(piece)), encrypt),
    storage.put(keys.scratchKey, encrypt),
    ffmpeg.exited,
  ].map((step) => step.catch((error: unknown) => (ffmpeg.kill(), Promise.reject(error))));
  const failure = await firstFailure(steps);
  // A journal read to its end answers first: damaged (against its manifest), or without media.
  if (reader.report) checkJournal(reader.report, input.journalManifest);
  if (reader.report && !scanner.hasMedia) throw new SegmentWithoutMediaError();
  if (failure) throw failure.reason;
  if (!reader.report) throw new Error('The journal reader ended without a report.');
  return { layout: scanner.finish(), journal: reader.report };
}

async function writeSeekable(input: FinalizeSegmentInput, layout: WebmLayout): Promise<SegmentManifest> {
  const { storage, dataKey, keys } = input;
  const { head, durationMs } = seekableHead(layout);
  const digest = new StoredStreamDigest(DEFAULT_CHUNK_SIZE);
  let plaintextBytes = 0;
  const encrypt = createEncryptStream(dataKey, { chunkSize: DEFAULT_CHUNK_SIZE });
  const stored = tap((piece) => digest.update(piece));
  const failure = await firstFailure([
    pipeline(
      await storage.get(keys.scratchKey),
      createDecryptStream(dataKey),
      new HeadReplacer(head, layout.firstClusterOffset),
      tap((piece) => (plaintextBytes += piece.length)),
      encrypt,
      stored,
    ),
    storage.put(keys.finalKey, stored),
  ]);
  if (failure) throw failure.reason;
  const { storedBytes, chunkCount, tagDigest } = digest.finish();
  const sizes = { chunkSize: DEFAULT_CHUNK_SIZE, storedBytes, plaintextBytes, chunkCount };
  return { key: keys.finalKey, format: 'vmef-1', ...sizes, tagDigest, durationMs };
}

/** Waits for all, so nothing is still writing when the caller cleans up. */
async function firstFailure(steps: Array<Promise<unknown>>): Promise<PromiseRejectedResult | undefined> {
  const outcomes = await Promise.allSettled(steps);
  return outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
}

/** A journal its writer completed must be exactly what the writer sealed. */
function checkJournal(report: JournalReport, manifest: JournalManifest | undefined): void {
  if (!manifest) return;
  const same =
    report.chunkCount === manifest.chunkCount &&
    report.tagDigest === manifest.tagDigest &&
    report.readableBytes === manifest.storedBytes;
  if (!same || (!manifest.cut && !report.complete)) {
    throw new DecryptionError(DecryptionErrorCode.Corrupt, 'The journal is not the one its writer sealed.');
  }
}
