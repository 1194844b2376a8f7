import type { SegmentOutcome, SegmentSink } from './recording-sink';

/** What a recording needs of a producer (mediasoup's Producer has it all). */
export interface RecordableProducer {
  readonly id: string;
  readonly kind: 'audio' | 'video';
  readonly paused: boolean;
  readonly closed: boolean;
  readonly appData: Record<string, unknown>;
  readonly rtpParameters: { codecs: { mimeType: string }[] };
  readonly observer: {
    on(event: 'pause' | 'resume' | 'close', listener: () => void): unknown;
    off(event: 'pause' | 'resume' | 'close', listener: () => void): unknown;
  };
}

/** One segment being recorded (TrackRecorder, or a fake in tests). */
export interface TrackHandle {
  readonly ended: Promise<SegmentOutcome>;
  /** After an end nobody asked for: whether to record the track again (media had reached it, and its sink works). */
  readonly mayRestart: boolean;
  /** Its sink refused a write: recording that track again would fail the same way. */
  readonly sinkBroken: boolean;
  stop(): Promise<SegmentOutcome>;
  /** Synchronous: the segment's sink hears of nothing after this call. */
  cut(): void;
}

/** The room's media as the recording sees it: what is sent now, what starts later, and how to record one. */
export interface RecordingMedia {
  producers(): Promise<RecordableProducer[]>;
  /** Every producer made from now on (a screen share, a reconnection, the media rebuilt on another worker). */
  onProducer(listener: (producer: RecordableProducer) => void): void;
  /** The container type of a producer's recording, or undefined for a codec not recorded. */
  mimeTypeOf(producer: RecordableProducer): string | undefined;
  record(producer: RecordableProducer, sink: SegmentSink): TrackHandle;
}
