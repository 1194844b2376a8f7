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

/** The journal's manifest of a finalized (or lost) segment. */
export interface SegmentManifest {
  outcome: 'completed' | 'interrupted' | 'cut';
  durationMs: number | null;
  /** The finalized seekable WebM's key (one libs/crypto v1 stream object); null when nothing playable is left. */
  objectKey: string | null;
  /** Stored (ciphertext) size in bytes. */
  sizeBytes: number;
  chunkCount: number;
  /** SHA-256 hash chain over the chunks' authentication tags. */
  tagChain: Buffer | null;
}

export interface OpenSegment {
  recordingId: string;
  segmentId: string;
  journalKey: string;
}
