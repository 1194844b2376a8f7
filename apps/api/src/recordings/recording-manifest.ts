import type { SegmentManifest } from './storage/segment-manifest';

/** What the recorder hands over about one track's stretch when it starts. */
export interface NewSegment {
  /** Chosen by the caller, so the journal can name its object before the row exists. */
  id: string;
  recordingId: string;
  /** Whose track it is. */
  userId: string;
  kind: 'audio' | 'video';
  source: 'camera' | 'microphone' | 'screen';
  /** e.g. 'vp8', 'opus'. */
  codec: string;
  /** e.g. 'video/webm; codecs="vp8"'. */
  mimeType: string;
  /** Storage key of the object the journal writes while recording. */
  journalKey: string;
}

/**
 * What the journal says of a stored segment: the finalized seekable WebM (or Matroska), one
 * libs/crypto v1 stream object, and what `recordings:verify` checks it against.
 */
export type StoredSegment = Omit<SegmentManifest, 'format'>;

/** How a segment ended: its stored object, or null when nothing playable was left (no media, lost). */
export interface SegmentEnding {
  outcome: 'completed' | 'interrupted' | 'cut';
  stored: StoredSegment | null;
}

export interface OpenSegment {
  recordingId: string;
  segmentId: string;
  journalKey: string;
  /** The container capture wrote (Matroska for H.264): the final object keeps it. */
  mimeType: string;
  /** The recording's data key as stored, for recovery to unwrap (the recorder acts as nobody). */
  wrappedDataKey: Buffer;
}
