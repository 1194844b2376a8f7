/**
 * Where the capture hands a recording's bytes: plaintext WebM (or Matroska for H.264) as
 * ffmpeg writes it, one segment per run of one track. The capture never stores anything
 * itself; the journal (encryption while written, storage, manifest) implements these
 * interfaces and the rooms module is given it through RecordingPorts.
 *
 * Lifetime: RecordingSinks.begin() when the consultant starts recording; one
 * openSegment() per track run (a producer recorded from its resume or creation to its
 * pause, close, or the recording's pause or stop); RecordingSink.finish() once, after
 * every segment has ended.
 */

export type TrackSource = 'camera' | 'microphone' | 'screen';

/**
 * How a segment ended. completed: stopped on purpose, the container is finished.
 * interrupted: the recorder or the media under it died (a killed ffmpeg, a media worker
 * lost); what was written is kept and plays up to the break. cut: consent was withdrawn,
 * nothing more is handed over, and the segment is to be kept only up to what was written.
 */
export type SegmentOutcome = 'completed' | 'interrupted' | 'cut';

/** How a whole recording ended: stopped by the consultant or the room closing, or cut by a withdrawal. */
export type RecordingOutcome = 'completed' | 'cut';

export interface RecordingMeta {
  consultationId: string;
  /** The consultant who started it. */
  startedBy: string;
  startedAt: Date;
}

export interface SegmentMeta {
  /** One track of the recording: a person's camera, microphone or screen, stable across its segments. */
  trackId: string;
  userId: string;
  kind: 'audio' | 'video';
  source: TrackSource;
  /** The producer this segment records (a new one after a reconnection or a media worker's death). */
  producerId: string;
  /** The RTP codec, as mediasoup names it: 'video/VP8', 'video/VP9', 'video/H264', 'audio/opus'. */
  codec: string;
  /** The container's type for the bytes, e.g. 'video/webm;codecs=vp8' or 'video/x-matroska;codecs=avc1'. */
  mimeType: string;
  /** 0, 1, 2… in the order segments were opened within this recording. */
  sequence: number;
}

/** A segment may end without a byte or firstMediaAt (stopped before its first key frame): it holds nothing. */
export interface SegmentSink {
  /**
   * The next bytes of the container, in order. Called synchronously from the pipe; the sink
   * queues what it cannot write at once. Never called after end().
   */
  write(bytes: Buffer): void;
  /** Wall-clock time of the segment's first RTP packet, the container's time 0: aligns tracks. Called at most once. */
  firstMediaAt(at: Date): void;
  /**
   * No more bytes. For 'cut' it is called synchronously at the moment of the withdrawal,
   * before anything else, and the promise need not wait for pending writes to finish.
   */
  end(outcome: SegmentOutcome): Promise<void>;
}

export interface RecordingSink {
  /** Synchronous, so no byte waits on storage set-up: the sink buffers until it is ready. */
  openSegment(meta: SegmentMeta): SegmentSink;
  /**
   * The recording paused, resumed or stopped at this moment, as everyone is told: what is stored
   * of it says so at once, not only once its recorders have finished (a stop takes them about a
   * second). Optional; a cut is told by finish('cut'), which comes at once.
   */
  statusChanged?(status: 'recording' | 'paused' | 'stopped'): void;
  /** Called once, after every segment of the recording has ended. */
  finish(outcome: RecordingOutcome): Promise<void>;
}

export interface RecordingSinks {
  /** A new recording of a consultation. Rejecting refuses the start (the room says RECORDING_UNAVAILABLE). */
  begin(meta: RecordingMeta): Promise<RecordingSink>;
}
