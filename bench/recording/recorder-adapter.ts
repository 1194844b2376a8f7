import type { Readable } from 'node:stream';
import type { types } from 'mediasoup';
import { AppRecorder } from './app-recorder';
import { FallbackRecorder } from './fallback-recorder';

/**
 * What bench:recording needs of the recording side, so the recorder it measures can be swapped
 * in one place: the app's own (AppRecorder: capture's TrackRecorder into storage's
 * SegmentJournalWriter), or with BENCH_RECORDING_RECORDER=fallback, to compare, FallbackRecorder
 * (the pattern of shared/docs/PLATFORM.md). The bench prints which one it measured.
 */

/**
 * One producer being recorded: a muxer process (an ffmpeg child of the bench's process, whose
 * CPU the bench reads from /proc), its bytes encrypted on the way to storage.
 */
export interface TrackRecording {
  readonly kind: types.MediaKind;
  /** Resolves once the muxer has handed over its first bytes (the container header: media flows). */
  readonly started: Promise<void>;
  /** Stops recording; resolves once the track's stored object is complete. */
  stop(): Promise<StoredTrack>;
}

export interface StoredTrack {
  readonly kind: types.MediaKind;
  readonly key: string;
}

export interface RecorderUnderTest {
  /** Printed with the figures: which code was measured. */
  readonly description: string;
  /** The local-disk object store's folder: the bench sums its files' sizes for bytes written. */
  readonly storageRoot: string;
  record(router: types.Router, producer: types.Producer): Promise<TrackRecording>;
  /** A stored track decrypted by our code, to check the bench recorded something playable. */
  plaintext(track: StoredTrack): Promise<Readable>;
  close(): Promise<void>;
}

export async function createRecorderUnderTest(storageRoot: string): Promise<RecorderUnderTest> {
  const fallback = process.env.BENCH_RECORDING_RECORDER === 'fallback';
  if (!fallback) return AppRecorder.create(storageRoot);
  return FallbackRecorder.create(storageRoot);
}
