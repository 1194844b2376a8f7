import { Injectable, Logger } from '@nestjs/common';
import { loggableError } from '../../common/errors/loggable-error';
import { ObjectStorage } from '../../storage/object-storage';
import type {
  RecordingMeta,
  RecordingOutcome,
  RecordingSink,
  RecordingSinks,
  SegmentMeta,
  SegmentSink,
} from '../capture/recording-sink';
import { RecordingWriter, type StartedRecording } from '../recording-writer';
import { JournalSegmentSink } from './journal-segment-sink';
import { RecorderNode } from './recorder-node';
import { RecordingFinalizations } from './recording-finalizations';

/**
 * Where the capture's bytes go: a recording row with its own wrapped data key, and per track
 * segment an encrypted journal that becomes a seekable, verifiable object once it ends.
 */
@Injectable()
export class JournalRecordingSinks implements RecordingSinks {
  constructor(
    private readonly writer: RecordingWriter,
    private readonly storage: ObjectStorage,
    private readonly finalizations: RecordingFinalizations,
    private readonly node: RecorderNode,
  ) {}

  async begin(meta: RecordingMeta): Promise<RecordingSink> {
    const options = { recorderNode: this.node.id };
    const recording = await this.writer.createRecording(meta.consultationId, meta.startedBy, options);
    return new JournalRecordingSink(recording, this.writer, this.storage, this.finalizations);
  }
}

class JournalRecordingSink implements RecordingSink {
  private readonly logger = new Logger(JournalRecordingSink.name);
  private readonly segments: JournalSegmentSink[] = [];
  /** The status as last written (or being written), and the writes in the order they were asked for. */
  private status: 'recording' | 'paused' | 'stopped' = 'recording';
  private statusWrites: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly recording: StartedRecording,
    private readonly writer: RecordingWriter,
    private readonly storage: ObjectStorage,
    private readonly finalizations: RecordingFinalizations,
  ) {}

  openSegment(meta: SegmentMeta): SegmentSink {
    const context = { recordingId: this.recording.id, dataKey: this.recording.dataKey, writer: this.writer, storage: this.storage };
    const segment = new JournalSegmentSink(context, meta);
    this.segments.push(segment);
    return segment;
  }

  /** Written at once (a stop is dated when it was asked), in order, each after the segment rows already asked for. */
  statusChanged(status: 'recording' | 'paused' | 'stopped', reason = 'stopped'): void {
    if (status === this.status) return;
    this.status = status;
    // A stopped recording takes no new segment row: the rows of segments just opened go in first.
    const rows = Promise.all(this.segments.map((segment) => segment.rowWritten));
    this.statusWrites = this.statusWrites
      .then(() => rows)
      .then(() => this.writer.setStatus(this.recording.id, status, status === 'stopped' ? reason : null))
      .catch((error: unknown) => this.logger.error(
        { err: loggableError(error), recordingId: this.recording.id },
        `could not mark a recording ${status}`,
      ));
  }

  async finish(outcome: RecordingOutcome): Promise<void> {
    // The status first: a withdrawal must show as stopped at once, whatever finalizing takes.
    this.statusChanged('stopped', outcome === 'cut' ? 'consent_withdrawn' : 'stopped');
    await this.statusWrites;
    // Final objects are made in the background; the process's shutdown waits for them (RecordingFinalizations).
    this.finalizations.track(Promise.all(this.segments.map((segment) => segment.finalized)));
  }
}
