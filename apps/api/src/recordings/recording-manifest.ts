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
 * What the journal says of a stored segment (structurally its SegmentManifest): the finalized
 * seekable WebM, one libs/crypto v1 stream object, and what `recordings:verify` checks it against.
 */
export interface StoredSegment {
  /** Storage key of the finalized object. */
  readonly key: string;
  readonly chunkSize: number;
  /** Ciphertext bytes stored. */
  readonly storedBytes: number;
  readonly plaintextBytes: number;
  readonly chunkCount: number;
  /** SHA-256 over the chunk tags in order, hex. */
  readonly tagDigest: string;
  readonly durationMs: number;
}

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
