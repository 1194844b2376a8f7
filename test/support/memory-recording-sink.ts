import type {
  RecordingMeta,
  RecordingOutcome,
  RecordingSink,
  RecordingSinks,
  SegmentMeta,
  SegmentOutcome,
  SegmentSink,
} from '../../apps/api/src/recordings/capture/recording-sink';

/** One segment as the capture handed it over, with when each piece arrived. */
export class MemorySegment implements SegmentSink {
  readonly chunks: { at: number; bytes: Buffer }[] = [];
  startedAt: Date | undefined;
  outcome: SegmentOutcome | undefined;
  endedAt: number | undefined;
  /** Writes that came after end(): must stay zero. */
  writesAfterEnd = 0;

  constructor(readonly meta: SegmentMeta) {}

  write(bytes: Buffer): void {
    if (this.outcome) this.writesAfterEnd += 1;
    else this.chunks.push({ at: Date.now(), bytes: Buffer.from(bytes) });
  }

  firstMediaAt(at: Date): void {
    this.startedAt = at;
  }

  async end(outcome: SegmentOutcome): Promise<void> {
    if (this.outcome) return;
    this.outcome = outcome;
    this.endedAt = Date.now();
  }

  get bytes(): Buffer {
    return Buffer.concat(this.chunks.map((chunk) => chunk.bytes));
  }
}

export class MemoryRecording implements RecordingSink {
  readonly segments: MemorySegment[] = [];
  outcome: RecordingOutcome | undefined;

  constructor(readonly meta: RecordingMeta) {}

  openSegment(meta: SegmentMeta): MemorySegment {
    const segment = new MemorySegment(meta);
    this.segments.push(segment);
    return segment;
  }

  /** Each status the capture told of, with how many segments were still open at that moment. */
  readonly statuses: { status: string; openSegments: number }[] = [];

  statusChanged(status: 'recording' | 'paused' | 'stopped'): void {
    this.statuses.push({ status, openSegments: this.segments.filter((segment) => !segment.outcome).length });
  }

  async finish(outcome: RecordingOutcome): Promise<void> {
    this.outcome = outcome;
  }
}

/** Test data only: recordings kept in memory, in the order they began. */
export class MemoryRecordingSinks implements RecordingSinks {
  readonly recordings: MemoryRecording[] = [];

  async begin(meta: RecordingMeta): Promise<MemoryRecording> {
    const recording = new MemoryRecording(meta);
    this.recordings.push(recording);
    return recording;
  }
}

/** A consent ledger double: the given user ids consented, everyone else did not. */
export class FakeConsent {
  readonly consented = new Set<string>();

  async standing(_consultationId: string, userIds: readonly string[]): Promise<Map<string, boolean>> {
    return new Map(userIds.map((userId) => [userId, this.consented.has(userId)]));
  }
}
